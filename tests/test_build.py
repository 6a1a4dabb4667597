"""The example site, built for real: every page there, in both languages, linked right."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from build import mkdocs_build
from conftest import REPO, copy_project, set_translation, site_languages
from generator.i18n import Language
from generator.site import read_site

LANGUAGES = {code: "" if i == 0 else f"{code}/" for i, code in enumerate(site_languages())}


def example_pages() -> list[str]:
    site = read_site(REPO).site
    pages = ["", "standards/"]
    for landlord in site.landlords:
        pages.append(f"{landlord.id}/")
        pages += [f"{landlord.id}/{c.id}/" for c in landlord.compacts]
        pages += [f"{landlord.id}/estates/{e.id}/" for e in landlord.estates]
    return pages


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text("utf-8")


class Links(HTMLParser):
    """Every href and src in a page, and every heading level in order."""

    def __init__(self):
        super().__init__()
        self.urls: list[tuple[str, str]] = []
        self.headings: list[int] = []
        self.in_article = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("href", "src"):
            if attrs.get(name):
                self.urls.append((tag, attrs[name]))
        if tag == "article":
            self.in_article = True
        if self.in_article and re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))


def parse(html: str) -> Links:
    links = Links()
    links.feed(html)
    return links


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_landlord_compact_and_estate_has_a_page(built_site, code):
    direction = Language.of(code).dir
    for url in example_pages():
        html = read(built_site, LANGUAGES[code] + url)
        assert f'<html lang="{code}" dir="{direction}"' in html


def test_the_five_example_languages_with_urdu_right_to_left():
    assert list(LANGUAGES) == ["en", "cy", "pl", "ur", "so"]
    assert Language.of("ur").dir == "rtl" and Language.of("cy").dir == "ltr"


def test_every_page_lists_its_alternates_in_the_head_and_the_sitemap(built_site):
    html = read(built_site, "pl/greenfield/district/")
    for code, prefix in LANGUAGES.items():
        assert re.search(rf'<link rel=" alternate" hreflang="{code}" href="[./]*/{prefix}greenfield/district/">', html) or code == "pl"
    sitemap = (built_site / "sitemap.xml").read_text()
    assert ('<xhtml:link rel="alternate" hreflang="ur" '
            'href="https://example.github.io/tenant-compacts/ur/greenfield/district/"/>') in sitemap


def test_example_council_size():
    pages = example_pages()
    site = read_site(REPO).site
    landlord = site.landlords[0]
    assert len(landlord.estates) >= 8
    assert len([c for c in landlord.compacts if c.scope == "local"]) >= 3
    district = landlord.district_compact()
    assert district.action_plan and len(district.reviews) >= 2
    assert len(site.landlords) >= 2  # the second example holds what real documents leave out
    assert len([p for p in pages if p.startswith("greenfield/")]) == 1 + 5 + 10


def test_every_data_file_has_its_own_page_and_no_page_lacks_one(built_site):
    # Counted from the files on disk and the folders MkDocs wrote, not from the model.
    expected = set()
    for folder in (REPO / "compacts").iterdir():
        expected.add(f"{folder.name}/")
        expected |= {f"{folder.name}/{f.stem}/" for f in (folder / "compacts").glob("*.yml")}
        expected |= {f"{folder.name}/estates/{f.stem}/" for f in (folder / "estates").glob("*.yml")}
    built = {f"{p.parent.relative_to(built_site)}/" for p in built_site.glob("*/*/index.html")} | \
        {f"{p.parent.relative_to(built_site)}/" for p in built_site.glob("*/estates/*/index.html")} | \
        {f"{p.parent.relative_to(built_site)}/" for p in built_site.glob("*/index.html")}
    landlords = {f"{folder.name}/" for folder in (REPO / "compacts").iterdir()}
    built = {url for url in built if url.split("/")[0] + "/" in landlords}
    assert expected <= built
    from generator.addresses import LANDLORD_FOLDERS
    reserved = set(LANDLORD_FOLDERS)  # the landlord's own pages: results, statutory, ...
    extra = {url for url in built - expected if url.split("/")[1] not in reserved}
    assert extra == set(), "pages with no data file behind them"


@pytest.mark.parametrize("code", LANGUAGES)
def test_internal_links_and_assets_resolve(built_site, code):
    for url in example_pages():
        page = built_site / LANGUAGES[code] / url / "index.html"
        for tag, link in parse(page.read_text("utf-8")).urls:
            if link.startswith(("mailto:", "tel:", "#", "https://example", "http://example")):
                continue
            assert not link.startswith(("http:", "https:", "//")), f"third-party {link} on {url}"
            target = (page.parent / link.split("#")[0].split("?")[0]).resolve()
            if target.is_dir():
                target = target / "index.html"
            assert target.exists(), f"{link} on {LANGUAGES[code]}{url} is broken"


@pytest.mark.parametrize("code", LANGUAGES)
def test_headings_go_down_one_level_at_a_time(built_site, code):
    for url in example_pages():
        levels = parse(read(built_site, LANGUAGES[code] + url)).headings
        assert levels[0] == 1 and levels.count(1) == 1, url
        for before, after in zip(levels, levels[1:]):
            assert after <= before + 1, f"heading jumps from h{before} to h{after} on {url}"


def test_no_third_party_requests(built_site):
    for page in built_site.rglob("*.html"):
        html = page.read_text("utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
        for tag, link in parse(html).urls:
            if tag in ("script", "img", "iframe") or (tag == "link" and "stylesheet" in html):
                assert not re.match(r"(https?:)?//", link) or tag == "link" and "example" in link, \
                    f"{link} in {page}"


def test_language_switcher_keeps_the_reader_on_the_same_page(built_site):
    html = read(built_site, "greenfield/estates/oak-court/")
    assert '<a href="../../../cy/greenfield/estates/oak-court/" hreflang="cy" lang="cy"' in html
    welsh = read(built_site, "cy/greenfield/estates/oak-court/")
    assert '<a href="../../../../greenfield/estates/oak-court/" hreflang="en" lang="en"' in welsh
    assert '<link rel=" alternate" hreflang="cy" href="../../../cy/greenfield/estates/oak-court/">' in html


def test_welsh_interface_text(built_site):
    html = read(built_site, "cy/greenfield/district/")
    assert "Neidio i'r cynnwys" in html  # Material's own Welsh strings
    assert "1 Ebrill 2026" in html       # dates in Welsh, by Babel


def test_untranslated_text_falls_back_to_english_visibly(tmp_path):
    project = copy_project(tmp_path, ["en", "cy"])
    set_translation(project, "cy", "Kingsway has two 15-storey", "")
    set_translation(project, "cy", "Average days to pay travel", "")
    set_translation(project, "cy", "Greenfield district, including", "")  # the landlord's area
    set_translation(project, "cy", "Area Housing Manager (South)", "")    # who does an action
    assert mkdocs_build(project).returncode == 0
    html = (project / "site/cy/greenfield/estates/kingsway/index.html").read_text()
    notice = re.search(r'<p class="tc-notice" role="note">(.*?)</p>', html)
    assert notice and "English" not in notice.group(1)  # the notice itself is in Welsh
    assert re.search(r'<div class="tc-fallback" lang="en" dir="ltr"><p>Kingsway has two 15-storey', html)
    assert "[Saesneg]" in html
    results = (project / "site/cy/greenfield/results/index.html").read_text()
    assert '<span class="tc-fallback" lang="en" dir="ltr">Average days to pay travel' in results
    assert not re.search(r'(aria-label|title)="[^"]*<', results)  # no markup inside attributes
    home = (project / "site/cy/index.html").read_text()
    assert '<span class="tc-fallback" lang="en" dir="ltr">Greenfield district, including' in home
    compact = (project / "site/cy/greenfield/district/index.html").read_text()
    assert '<span class="tc-fallback" lang="en" dir="ltr">Area Housing Manager (South)' in compact
    status = (project / "site/translation-status/index.html").read_text()
    assert not re.search(r"Cymraeg</a></th>\s*<td[^>]*>100%", status)  # so not 100%


def test_the_landlords_area_and_who_does_each_action_are_translated(built_site):
    assert "Ardal Greenfield, gan gynnwys trefi Greenfield" in read(built_site, "cy/")
    assert "Rheolwr Cyfranogiad Tenantiaid" in read(built_site, "cy/greenfield/district/")
    assert "Canol tref Greenfield" in read(built_site, "cy/greenfield/estates/oak-court/")


def test_english_pages_have_no_fallback_notice(built_site):
    for url in example_pages():
        assert "tc-notice" not in read(built_site, url)
        assert "tc-fallback" not in read(built_site, url)


# Words that run into each other where a template line break was swallowed: "Action
# changed:Agree", "Target not met(higher is better)", "( Done )".
_BLOCK = re.compile(r"</?(p|div|li|dt|dd|td|th|tr|h[1-6]|ul|ol|dl|table|caption|br|section|"
                    r"article|nav|header|footer|label|form|figure|figcaption|summary|details|"
                    r"title|option|button|main|aside|thead|tbody)\b[^>]*>", re.I)
_GLUED = re.compile(r"[a-z]:[A-Z]|\w\((?:higher|lower)|\( | \)")


def words_of(html: str) -> str:
    """A page's text as a reader sees it: blocks apart, inline elements run together."""
    import html as entities

    html = re.sub(r"<(script|style|svg)\b.*?</\1>", "\n", html, flags=re.S | re.I)
    return entities.unescape(re.sub(r"<[^>]+>", "", _BLOCK.sub("\n", html)))


def test_words_are_never_run_together_on_any_page(built_site):
    glued = [(str(path.relative_to(built_site)), words[max(0, m.start() - 30):m.end() + 30])
             for path in built_site.rglob("*.html") if "assets" not in path.parts
             for words in [words_of(path.read_text("utf-8"))] for m in _GLUED.finditer(words)]
    assert glued == []
    assert words_of("<li><strong>Action changed:</strong>Agree</li>") == "\nAction changed:Agree\n"


def test_status_is_written_in_words(built_site):
    html = read(built_site, "greenfield/district/")
    assert re.search(r'<span class="tc-status tc-status--agreed">Agreed</span>', html)


def test_tables_have_header_cells_and_captions(built_site):
    for url in example_pages():
        html = read(built_site, url)
        for table in re.findall(r"<table>.*?</table>", html, re.S):
            assert "<caption>" in table and '<th scope="col">' in table, url


def test_estates_are_not_in_the_navigation(built_site):
    html = read(built_site, "greenfield/estates/oak-court/")
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>', html, re.S).group()
    assert "oak-court" not in nav and "riverside" not in nav


def test_a_data_error_fails_the_build_with_the_checks_message_and_writes_nothing(tmp_path):
    project = copy_project(tmp_path)
    estate = project / "compacts/greenfield/estates/oak-court.yml"
    estate.write_text(estate.read_text().replace("name:", "nmae:", 1))
    result = mkdocs_build(project)
    assert result.returncode == 1
    assert ("compacts/greenfield/estates/oak-court.yml:3:1: error: Unknown key 'nmae'. "
            "Did you mean 'name' (the estate's name, such as 'Oak Court')?") in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "site").exists()


def test_a_data_error_leaves_the_previous_site_untouched(tmp_path):
    project = copy_project(tmp_path)
    assert mkdocs_build(project).returncode == 0
    before = {p: p.stat().st_mtime_ns for p in (project / "site").rglob("*")}
    (project / "compacts/greenfield/estates/oak-court.yml").write_text("name: [\n")
    assert mkdocs_build(project).returncode == 1
    after = {p: p.stat().st_mtime_ns for p in (project / "site").rglob("*")}
    assert before == after


@pytest.mark.parametrize("code", list(LANGUAGES)[1:])
def test_every_interface_string_is_translated(code):
    from babel.messages.pofile import read_po

    from generator.i18n import is_translated

    with (REPO / f"translations/{code}.po").open("rb") as handle:
        catalog = read_po(handle, locale=code)
    untranslated = [m.id for m in catalog if m.id and not is_translated(m) and any(
        f.startswith(("generator/", "site_config.yml")) for f, _ in m.locations)]
    assert untranslated == []


def test_somali_pages_show_no_english_interface_text(built_site):
    html = read(built_site, "so/greenfield/estates/oak-court/")
    for english in ("Skip to content", "Search", "Table of contents", "Back to top", "Read this page in"):
        assert f">{english}<" not in html and f'"{english}"' not in html, english


def test_adding_a_language_is_one_line_and_one_catalog(tmp_path):
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    project = copy_project(tmp_path, ["en", "cy"])
    config = project / "site_config.yml"
    config.write_text(config.read_text().replace("        - cy\n", "        - cy\n        - de\n"))
    catalog = Catalog(locale="de")
    catalog.add("Estate budget", "Budget der Siedlung")
    with (project / "translations/de.po").open("wb") as handle:
        write_po(handle, catalog)
    assert mkdocs_build(project).returncode == 0
    html = (project / "site/de/greenfield/estates/oak-court/index.html").read_text()
    assert '<html lang="de" dir="ltr"' in html
    assert "Budget der Siedlung" in html
    assert "tc-notice" in html and 'class="tc-fallback" lang="en" dir="ltr"' in html
    english = (project / "site/greenfield/estates/oak-court/index.html").read_text()
    assert 'hreflang="de"' in english


# A landlord with more estates than one list should hold (generator/estate_finder.py): built
# once for these tests, in English, from bench/synthetic.py's council of 150 estates.
MANY = 150


@pytest.fixture(scope="module")
def many_estates(tmp_path_factory) -> Path:
    from build import synthetic_site

    return synthetic_site(tmp_path_factory.mktemp("many"), MANY, ["en"])


def synthetic_estates() -> dict[str, str]:
    """Estate id -> name, as bench/synthetic.py writes them."""
    import sys
    sys.path.insert(0, str(REPO / "bench"))
    from synthetic import estate_name
    return {f"estate-{n}": estate_name(n) for n in range(MANY)}


def page_links(site: Path, url: str) -> set[str]:
    """The pages a page links to, as addresses from the site's root."""
    page = site / url / "index.html"
    found = set()
    for tag, link in parse(page.read_text("utf-8")).urls:
        if tag == "a" and not link.startswith(("#", "http:", "https:", "mailto:", "tel:")):
            target = (page.parent / link.split("#")[0]).resolve()
            if target.is_dir() and (target / "index.html").exists():
                found.add("" if target == site.resolve() else f"{target.relative_to(site.resolve())}/")
    return found


def test_the_example_landlords_still_list_every_estate(built_site):
    for landlord in read_site(REPO).site.landlords:
        links = page_links(built_site, f"{landlord.id}/")
        assert {f"{landlord.id}/estates/{e.id}/" for e in landlord.estates} <= links
        assert not any("/estates-a-z/" in link or "/estates-by-area/" in link for link in links)


@pytest.mark.parametrize("url", ["bench/", ""])
def test_many_estates_keep_the_landlord_and_home_pages_small(many_estates, url):
    links = page_links(many_estates, url)
    assert not any("/estates/" in link for link in links), "an estate listed one by one"
    letters = [link for link in links if "/estates-a-z/" in link]
    areas = [link for link in links if "/estates-by-area/" in link]
    assert 0 < len(letters) <= 28 and 0 < len(areas) <= 60  # A-Z, 0-9, Other; the area limit
    assert len(links) < 100  # 150 estates, 75 local compacts: each on its estate's page
    html = (many_estates / url / "index.html").read_text("utf-8")
    assert 'data-tc-finder="' in html and "<noscript>" in html


def test_every_estate_is_reached_from_the_landlord_page_by_letter_and_by_area(many_estates):
    landlord = page_links(many_estates, "bench/")
    expected = {f"bench/estates/{ident}/" for ident in synthetic_estates()}
    for kind in ("/estates-a-z/", "/estates-by-area/"):
        reached = set()
        for url in (link for link in landlord if kind in link):
            reached |= {link for link in page_links(many_estates, url) if "/estates/" in link}
        assert reached == expected, kind  # each synthetic estate has an area


def test_a_letter_page_holds_exactly_the_estates_whose_names_begin_with_its_letter(many_estates):
    names = synthetic_estates()
    letters = sorted(p.name for p in (many_estates / "bench/estates-a-z").iterdir())
    assert letters == sorted({name[0].lower() for name in names.values()})
    for letter in letters:
        url = f"bench/estates-a-z/{letter}/"
        listed = {link.split("/")[2] for link in page_links(many_estates, url) if "/estates/" in link}
        assert listed == {i for i, name in names.items() if name[0].lower() == letter}, letter
        html = (many_estates / url / "index.html").read_text("utf-8")
        assert re.search(rf"<h1[^>]*>Estates beginning with \u2068{letter.upper()}\u2069: Bench Council</h1>", html)


def test_no_page_of_many_estates_is_left_without_a_link_to_it(many_estates):
    seen, queue = {""}, [""]
    while queue:
        for link in page_links(many_estates, queue.pop()) - seen:
            seen.add(link)
            queue.append(link)
    built = {f"{p.parent.relative_to(many_estates)}/" for p in many_estates.rglob("index.html")}
    assert built - {"./"} - seen == set()


def test_the_finder_filters_the_names_file_of_every_estate(many_estates):
    import json

    listed = json.loads((many_estates / "bench/estate-names.json").read_text("utf-8"))["estates"]
    assert sorted(url for _, _, url in listed) == sorted(f"estates/{i}/" for i in synthetic_estates())
    assert all((many_estates / "bench" / url / "index.html").exists() for _, _, url in listed)


@pytest.mark.browser
def test_finding_an_estate_by_letter_area_or_name_is_accessible(browser, many_estates):
    from axe_playwright_python.sync_playwright import Axe

    from conftest import serve

    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    with serve(many_estates) as url:
        for address in ("bench/", "bench/estates-a-z/o/", "bench/estates-by-area/ward-3/", ""):
            page.goto(url + address)
            tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
            results = Axe().run(page, options={"runOnly": {"type": "tag", "values": tags}})
            assert results.violations_count == 0, results.generate_report()
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, address
        page.goto(url + "bench/")
        page.get_by_label("Type the name of your estate").fill("court 1")  # a word inside names
        page.get_by_role("status").filter(has_text="Estates found: 10").wait_for()
        results = page.locator(".tc-finder__results a")
        assert results.count() == 10 and results.first.inner_text() == "Ash Court 1"
        page.get_by_label("Type the name of your estate").fill("oak court 1")
        page.get_by_role("status").filter(has_text="Estates found: 1").wait_for()
        page.keyboard.press("Enter")  # one estate found: Enter opens it
        page.wait_for_url("**/bench/estates/estate-0/")
        page.wait_for_load_state("networkidle")
        context.close()  # before the server stops: a late request would fail to connect
    assert errors == []  # the script runs under the site's Content-Security-Policy
