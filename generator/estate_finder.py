"""Finding one estate among thousands: by the first letter of its name, by its area, or by
typing its name.

A landlord page that listed every estate would grow with the landlord (5,000 estates make a
page of half a megabyte that no one reads). Up to ESTATE_LIMIT estates are listed in full, as
before; above it, the landlord page (and the home page) link instead to one page per first
letter and one per area, so they stay the same size at any number of estates.

Typing a name: a static host cannot choose a page from what a form sends (a GET form goes
to one fixed address; the host ignores the query, and a form cannot make the fragment), so a
typed name can only be matched in the browser. The form is therefore shown only when its
script runs (theme/assets/estate-finder.js, which filters a small list of names published
beside the landlord's pages); without JavaScript a note says to pick the first letter or the
area, whose links sit right under it.

Nothing here knows about MkDocs.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .i18n import Translations
    from .model import Compact, Estate, Landlord, Site
    from .pages import PageSpec

# The one rule: more estates than this (on a landlord page, or on the home page for the
# whole site) are found through letter and area pages, not listed. The same number bounds
# how many areas a landlord page names before it links to a page of all areas instead, and
# how many compacts of one status it lists before leaving local ones to their estates' pages.
ESTATE_LIMIT = 60
DIGITS, OTHER = "0-9", "other"  # letter keys for names starting with a digit, or neither
# Latin letters that do not decompose into a base letter and an accent: Ł, Ø, Đ, Æ, Œ.
_LATIN = re.compile(r"LATIN (?:CAPITAL|SMALL) (?:LETTER|LIGATURE) ([A-Z])[A-Z]?(?: WITH .*)?$")


@dataclass(frozen=True)
class Letter:
    """The estates whose names begin with one letter (or a digit, or anything else)."""

    key: str  # 'a'..'z', DIGITS or OTHER: also the page's folder name
    estates: tuple[Estate, ...]


@dataclass(frozen=True)
class EstateArea:
    """An area, as the landlord defines it (`areas:`) or as estate files name it (`area:`)."""

    slug: str  # the page's folder name
    name: str
    estates: tuple[Estate, ...]


def listed_in_full(count: int) -> bool:
    """Whether a list of this many estates (or areas) is shown whole on one page."""
    return count <= ESTATE_LIMIT


def split_compacts(compacts: list[Compact]) -> tuple[list[Compact], list[Compact]]:
    """The compacts a landlord page lists, and the local ones it leaves to their estates'
    pages when there are too many for one list (each estate page lists its local compacts;
    a local compact naming no estate stays listed, or no page would lead to it)."""
    if listed_in_full(len(compacts)):
        return compacts, []
    on_estate_pages = [c for c in compacts if c.scope == "local" and c.estate_ids]
    return [c for c in compacts if c not in on_estate_pages], on_estate_pages


def letter_of(name: str) -> str:
    """The letter an estate is listed under: its first letter or digit, with case and accents
    set aside ('Ŵyn' -> 'w', 'Łąka' -> 'l', 'Ystâd' -> 'y'); DIGITS for any digit; OTHER for
    letters of other scripts (Urdu, Bengali...) and names with no letter or digit at all."""
    char = next((c for c in name if c.isalnum()), "")
    if not char:
        return OTHER
    if unicodedata.category(char) == "Nd":
        return DIGITS
    base = unicodedata.normalize("NFKD", char.casefold())[0]
    if "a" <= base <= "z":
        return base
    latin = _LATIN.match(unicodedata.name(char, ""))
    return latin.group(1).lower() if latin else OTHER


def letters(landlord: Landlord) -> list[Letter]:
    """The landlord's estates by first letter: digits first, then A to Z, then the rest;
    letters no estate begins with are left out."""
    found: dict[str, list[Estate]] = {}
    for estate in landlord.estates:
        found.setdefault(letter_of(estate.name), []).append(estate)
    order = [DIGITS, *"abcdefghijklmnopqrstuvwxyz", OTHER]
    return [Letter(key, tuple(sorted(found[key], key=_by_name))) for key in order if key in found]


def areas(landlord: Landlord) -> list[EstateArea]:
    """The landlord's own areas (with the estates it lists in each), then every other
    `area:` an estate file names; an `area:` with the same name as one of the landlord's
    areas adds its estates to it. Estates with no area are found by letter."""
    by_id = {estate.id: estate for estate in landlord.estates}
    # casefolded name -> (slug, name, estates by id)
    groups: dict[str, tuple[str, str, dict[str, Estate]]] = {}
    for area in landlord.areas:
        group = groups.setdefault(area.name.strip().casefold(), (area.id, area.name.strip(), {}))
        group[2].update((i, by_id[i]) for i in area.estate_ids if i in by_id)
    taken = {slug for slug, _, _ in groups.values()}
    for estate in landlord.estates:
        name = estate.area.strip()
        if name:
            key = name.casefold()
            if key not in groups:
                groups[key] = (_free_slug(name, taken), name, {})
            groups[key][2][estate.id] = estate
    return sorted((EstateArea(slug, name, tuple(sorted(estates.values(), key=_by_name)))
                   for slug, name, estates in groups.values() if estates),
                  key=lambda area: _natural(area.name))


def _free_slug(name: str, taken: set[str]) -> str:
    """A folder name for an area named in text: its letters in ASCII ('Ystâd Glan-yr-Afon' ->
    'ystad-glan-yr-afon'), numbered when taken or when nothing is left (an Urdu name)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_name)[:60].strip("-") or "area"
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    taken.add(slug)
    return slug


def _natural(text: str) -> list:
    """Sorts 'Ward 2' before 'Ward 10'."""
    return [int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", text)]


def _by_name(estate: Estate) -> list:
    return _natural(estate.name)


def letter_path(landlord_id: str, key: str) -> str:
    return f"{landlord_id}/estates-a-z/{key}/index.md"


def area_path(landlord_id: str, slug: str) -> str:
    return f"{landlord_id}/estates-by-area/{slug}/index.md"


def areas_path(landlord_id: str) -> str:
    return f"{landlord_id}/estates-by-area/index.md"


def names_path(landlord_id: str) -> str:
    """The list of estate names the finder's script filters as a tenant types."""
    return f"{landlord_id}/estate-names.json"


def finder_pages(landlord: Landlord, t: Translations) -> list[PageSpec]:
    """A landlord's letter and area pages, when it has too many estates for one list."""
    from .pages import PageSpec  # pages.py imports this module first

    if listed_in_full(len(landlord.estates)):
        return []
    _ = t.gettext
    name, by_area = landlord.name, areas(landlord)
    base = {"landlord": landlord, "areas": by_area}
    pages = [PageSpec(letter_path(landlord.id, letter.key), letter_title(letter.key, name, t),
                      "estate_list.html", {**base, "estates": letter.estates, "letter": letter.key,
                                           "crumb": letter_crumb(letter.key, t)})
             for letter in letters(landlord)]
    pages += [PageSpec(area_path(landlord.id, area.slug),
                       _("Estates in %(area)s: %(name)s") % {"area": _isolated(area.name), "name": name},
                       "estate_list.html", {**base, "estates": area.estates, "letter": None,
                                            "crumb": _("Estates: %(group)s") % {"group": area.name}})
              for area in by_area]
    if by_area and not listed_in_full(len(by_area)):
        pages.append(PageSpec(areas_path(landlord.id), _("Estates by area: %(name)s") % {"name": name},
                              "estate_areas.html", base))
    return pages


def _isolated(text: str) -> str:
    """A name inside a title, kept in its own order in right-to-left text (first strong
    isolate ... pop directional isolate: titles are plain text, so no <bdi>)."""
    return "\u2068" + text + "\u2069"


def letter_label(key: str, t: Translations) -> str:
    """What a letter's link says: 'B', '0–9' or 'Other'."""
    return "0–9" if key == DIGITS else t.gettext("Other") if key == OTHER else key.upper()


def letter_crumb(key: str, t: Translations) -> str:
    """The last step of a letter page's breadcrumbs: 'Estates: B'."""
    return t.gettext("Estates: %(group)s") % {"group": letter_label(key, t)}


def letter_title(key: str, landlord_name: str, t: Translations) -> str:
    if key == DIGITS:
        return t.gettext("Estates beginning with a number: %(name)s") % {"name": landlord_name}
    if key == OTHER:
        return t.gettext("Estates beginning with another letter or sign: %(name)s") % {
            "name": landlord_name}
    return t.gettext("Estates beginning with %(letter)s: %(name)s") % {
        "letter": _isolated(key.upper()), "name": landlord_name}


def names_files(site: Site) -> dict[str, str]:
    """For each landlord found by letter: its estates' names, areas and addresses (relative
    to the file), for the finder's script. Names are data, the same in every language."""
    files = {}
    for landlord in site.landlords:
        if not listed_in_full(len(landlord.estates)):
            estates = [[e.name, e.area, f"estates/{e.id}/"] for e in landlord.estates]
            files[names_path(landlord.id)] = json.dumps({"estates": estates}, ensure_ascii=False,
                                                        separators=(",", ":"))
    return files


def helpers(t: Translations) -> dict:
    """What the templates need to show the letter and area links."""
    return {"listed_in_full": listed_in_full, "split_compacts": split_compacts,
            "estate_letters": letters, "estate_areas": areas,
            "letter_label": lambda key: letter_label(key, t), "letter_path": letter_path,
            "area_path": area_path, "areas_path": areas_path, "names_path": names_path}
