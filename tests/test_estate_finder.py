"""Finding an estate among many (generator/estate_finder.py): which letter a name is under,
how areas group estates, and the letter and area pages in a right-to-left language. The
built site at size is checked in tests/test_build.py."""
from __future__ import annotations

import pytest

from conftest import ESTATE, REPO
from generator.estate_finder import (DIGITS, ESTATE_LIMIT, OTHER, areas, finder_pages,
                                     letter_of, letters)
from generator.i18n import Language, Translations
from generator.pages import Renderer, plan
from generator.site import read_site


@pytest.mark.parametrize("name, letter", [
    ("Oak Court", "o"), ("oak court", "o"), ("Ŵyn Road", "w"), ("Ystâd Glan-yr-Afon", "y"),
    ("Llys Tudur", "l"), ("Łąkowa", "l"), ("Ørsted House", "o"), ("Æthelred Court", "a"),
    ("Élan Gardens", "e"), ("'The Willows'", "t"), ("  (Old) Mill", "o"), ("12 Steps", DIGITS),
    ("٣ Court", DIGITS), ("گلشن اقبال", OTHER), ("বাগান", OTHER), ("—", OTHER), ("", OTHER)])
def test_a_name_is_listed_under_its_first_letter_with_accents_and_case_set_aside(name, letter):
    assert letter_of(name) == letter


@pytest.fixture
def crowded(data_root):
    """The test council with more estates than one list holds, named in several scripts."""
    estates = data_root / "compacts/testshire/estates"
    names = ["Ŵyn Road", "Ystâd Glan-yr-Afon", "12 Steps", "گلشن اقبال"]
    names += [f"Estate {n}" for n in range(ESTATE_LIMIT)]
    for number, name in enumerate(names):
        area = "North" if number % 2 else "گلشن"
        (estates / f"e{number}.yml").write_text(
            ESTATE.replace("Oak Court", name).replace("area: North", f"area: {area}"))
    return data_root


def test_letters_come_digits_first_then_a_to_z_then_the_rest(crowded):
    landlord = read_site(crowded).site.landlords[0]
    found = letters(landlord)
    assert [letter.key for letter in found] == [DIGITS, "e", "o", "w", "y", OTHER]
    assert sum(len(letter.estates) for letter in found) == len(landlord.estates)
    assert [e.name for e in found[1].estates][:3] == ["Elm Park", "Estate 0", "Estate 1"]
    assert [e.name for e in found[1].estates][-1] == f"Estate {ESTATE_LIMIT - 1}"  # 2 before 10


def test_areas_join_the_landlords_areas_and_the_estates_area_names(crowded):
    landlord_file = crowded / "compacts/testshire/landlord.yml"
    landlord_file.write_text(landlord_file.read_text() + (
        "areas:\n  - id: north-forum\n    name: north\n    estates: [elm-park]\n"))
    found = {area.slug: area for area in areas(read_site(crowded).site.landlords[0])}
    assert set(found) == {"north-forum", "area"}  # an Urdu name has no letters for an address
    assert found["north-forum"].name == "north"  # the landlord's own spelling
    north = {e.name for e in found["north-forum"].estates}
    assert "Elm Park" in north and "Ystâd Glan-yr-Afon" in north  # from `areas:` and from `area: North`
    assert found["area"].name == "گلشن"


def test_few_estates_make_no_letter_or_area_pages(data_root):
    site = read_site(data_root).site
    assert finder_pages(site.landlords[0], Translations(Language.of("en"))) == []


def test_letter_and_area_pages_in_urdu_keep_names_in_their_own_order(crowded):
    site = read_site(crowded).site
    urdu = Translations.load(Language.of("ur"), REPO / "translations")
    specs = {spec.path: spec for spec in plan(site, urdu)}
    letter = specs["testshire/estates-a-z/w/index.md"]
    assert letter.title == "\u2068W\u2069 سے شروع ہونے والی اسٹیٹس: Testshire Council"
    assert "testshire/estates-by-area/north/index.md" in specs
    renderer = Renderer(site, urdu, [Language.of("en"), Language.of("ur")])
    rendered = renderer.render(letter)
    html = rendered.html
    assert "<h1 id=\"top\">\u2068W\u2069 سے شروع ہونے والی اسٹیٹس" in html
    assert '<bdi>Ŵyn Road</bdi></a> <span class="tc-muted">(<bdi>گلشن</bdi>)' in html
    assert not any(rendered.fallbacks.values())  # every interface string is in Urdu
    home = renderer.render(specs["index.md"]).html
    assert "testshire/estate-names.json" in home and "estates-a-z/w/" in home


def test_too_many_compacts_of_one_status_leave_the_local_ones_to_their_estates_pages():
    from types import SimpleNamespace as Compact

    from generator.estate_finder import split_compacts

    district = Compact(scope="district", estate_ids=[])
    unplaced = Compact(scope="local", estate_ids=[])  # no estate page would list it
    local = [Compact(scope="local", estate_ids=[f"e{n}"]) for n in range(ESTATE_LIMIT)]
    assert split_compacts([district, *local[:-1]]) == ([district, *local[:-1]], [])
    assert split_compacts([district, unplaced, *local]) == ([district, unplaced], local)
