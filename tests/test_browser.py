"""The built site in real headless Chromium (Debian's), checked with axe-core.

A council's fork runs this file on every pull request (.github/workflows/check.yml), so it
checks whatever data the repository holds: one page of each kind found (tests/site_map.py),
in each language site_config.yml lists. Checks of the example council's own pages are in
tests/test_example_browser.py.
"""
from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest

from conftest import serve
from generator.i18n import Language
from site_map import first, kinds, languages, prefixes, right_to_left

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PAGE_KINDS = kinds()
LANGUAGES = prefixes()
SOURCE = languages()[0]
ESTATE = first("estate.html")
COMPACT = first("compact.html") or ESTATE or ""
LANDLORD = first("landlord.html")
PHONE = {"width": 390, "height": 844}

pytestmark = pytest.mark.browser




@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    yield page
    context.close()


def axe_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
    return results.violations_count, results.generate_report()


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_wcag_violations(page, server, kind, code):
    page.goto(server + LANGUAGES[code] + PAGE_KINDS[kind])
    assert page.locator("html").get_attribute("lang") == code
    assert page.locator("html").get_attribute("dir") == Language.of(code).dir
    count, report = axe_violations(page)
    assert count == 0, report


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_page_not_found_page_is_accessible_in_its_language(page, built_site, code):
    # Its links are absolute (a missing page can be at any depth), from site_url's path:
    # serve the site where it will be published, as GitHub Pages serves it.
    html = (built_site / LANGUAGES[code] / "404.html").read_text("utf-8")
    prefix = re.search(r'href="(/[^"]*)assets/stylesheets/', html).group(1)
    prefix = prefix.removesuffix(LANGUAGES[code]) if LANGUAGES[code] else prefix
    with serve(built_site, prefix) as url:
        page.goto(url + LANGUAGES[code] + "404.html")
        assert page.locator("html").get_attribute("lang") == code
        assert page.locator("html").get_attribute("dir") == Language.of(code).dir
        count, report = axe_violations(page)
    assert count == 0, report


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_pages_reflow_on_a_small_phone_without_sideways_scrolling(browser, server, kind):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(server + PAGE_KINDS[kind])
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= 320


# Where each table cell's text (and each caption) lies, as the reader sees it: the boxes of
# its text, not of the cell, so a cell clipped by a scrolling wrapper still counts as outside.
TEXT_BOXES = """() => [...document.querySelectorAll('article table caption, article table th, article table td')]
  .filter(cell => cell.innerText.trim())
  .map(cell => { const range = document.createRange(); range.selectNodeContents(cell);
    const boxes = [...range.getClientRects()].filter(b => b.width > 0);
    return {text: cell.innerText.trim().slice(0, 60),
            left: Math.min(...boxes.map(b => b.left)), right: Math.max(...boxes.map(b => b.right))}; })"""


@pytest.mark.parametrize("code", [SOURCE, *right_to_left()])
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_every_table_cell_reads_on_a_phone_without_sideways_scrolling(phone, server, kind, code):
    phone.goto(server + LANGUAGES[code] + PAGE_KINDS[kind])
    cells = phone.evaluate(TEXT_BOXES)
    outside = [c for c in cells if c["left"] < 0 or c["right"] > PHONE["width"]]
    assert outside == [], f"{len(outside)} of {len(cells)} cells are off-screen: {outside[:5]}"
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.skipif(ESTATE is None, reason="the data has no estates")
@pytest.mark.parametrize("code", languages()[1:])
def test_language_switch_from_an_estate_lands_on_the_same_estate(page, server, code):
    page.goto(server + ESTATE)
    page.get_by_role("link", name=Language.of(code).name, exact=True).click()
    page.wait_for_url(server + LANGUAGES[code] + ESTATE)
    assert page.locator("html").get_attribute("lang") == code
    page.get_by_role("link", name=Language.of(SOURCE).name, exact=True).click()
    page.wait_for_url(server + ESTATE)


def test_no_request_leaves_the_site(page, server):
    hosts = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).netloc))
    for path in PAGE_KINDS.values():
        page.goto(server + LANGUAGES[languages()[-1]] + path, wait_until="networkidle")
    assert hosts == {urlparse(server).netloc}


def test_skip_link_is_the_first_thing_a_keyboard_reaches(page, server):
    page.goto(server + COMPACT)
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.textContent.trim(), document.activeElement.getAttribute('href')]")
    assert focused[0] == "Skip to content"
    assert page.locator(focused[1]).count() == 1


@pytest.mark.skipif(ESTATE is None, reason="the data has no estates")
def test_pages_work_without_javascript(browser, server):
    from site_map import pages

    estate = next(spec for spec in pages() if spec.template == "estate.html")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + estate.url.split("estates/")[0])
    page.get_by_role("link", name=estate.title, exact=True).first.click()
    page.wait_for_url(server + estate.url)
    assert page.get_by_role("heading", level=1).inner_text() == estate.title
    if len(LANGUAGES) > 1:
        code = languages()[1]
        page.get_by_role("link", name=Language.of(code).name, exact=True).click()
        page.wait_for_url(server + LANGUAGES[code] + estate.url)
    context.close()


@pytest.mark.parametrize("code", right_to_left())
def test_right_to_left_pages_are_laid_out_right_to_left(page, server, code):
    page.goto(server + LANGUAGES[code] + COMPACT)
    assert page.locator("html").get_attribute("dir") == "rtl"
    heading = page.locator("article h1").evaluate(
        "h => { const r = document.createRange(); r.selectNodeContents(h); "
        "const b = r.getBoundingClientRect(); return {x: b.x, width: b.width}; }")
    article = page.locator("article").bounding_box()
    nav = page.locator(".md-sidebar--primary").bounding_box()
    # The heading ends at the right edge of the content; one shorter than a line leaves the
    # left side empty; the site navigation sits on the right.
    assert abs((heading["x"] + heading["width"]) - (article["x"] + article["width"])) < 40
    if heading["width"] < article["width"] - 80:
        assert heading["x"] > article["x"] + 40
    assert nav["x"] > article["x"]


def paragraph_font_size(page) -> float:
    return page.evaluate("parseFloat(getComputedStyle(document.querySelector('article p')).fontSize)")


@pytest.mark.parametrize("code", [SOURCE, *right_to_left()])
def test_large_print_mode_is_larger_accessible_and_remembered(phone, server, code):
    phone.goto(server + LANGUAGES[code] + COMPACT)
    normal = paragraph_font_size(phone)
    toggle = phone.locator("[data-tc-large-print]")
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    assert paragraph_font_size(phone) >= 1.5 * normal and paragraph_font_size(phone) >= 24
    assert toggle.get_attribute("aria-pressed") == "true"
    if phone.locator(".tc-languages").count():  # nothing is drawn over the language links
        a, b = (phone.locator(s).bounding_box() for s in (".tc-large-print", ".tc-languages"))
        assert a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"], (a, b)
    count, report = axe_violations(phone)
    assert count == 0, report
    target = LANDLORD or ""
    phone.goto(server + LANGUAGES[code] + target)  # the choice is remembered
    assert "tc-large" in phone.locator("html").get_attribute("class")
    back = phone.locator("[data-tc-normal-print]")
    assert back.is_visible()  # and the page says how to go back
    back.click()
    assert paragraph_font_size(phone) == normal
    assert phone.locator("[data-tc-large-print]").get_attribute("aria-pressed") == "false"
    assert not back.is_visible()


def test_large_print_on_a_wide_screen_keeps_a_readable_line(page, server):
    page.goto(server + COMPACT)
    page.locator("[data-tc-large-print]").click()
    width = page.evaluate("Math.max(...[...document.querySelectorAll('article p')]"
                          ".map(p => p.getBoundingClientRect().width))")
    size = paragraph_font_size(page)
    # About 2 characters per em: at least 40 characters a line, and not wider than 80.
    assert 20 * size <= width <= 40 * size, (width, size)
    assert page.locator(".md-sidebar--secondary").is_hidden()


def test_large_print_works_without_javascript(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + COMPACT)
    page.get_by_role("link", name="Large print").first.click()
    page.wait_for_url("**#large-print")
    size = page.locator("html").evaluate("html => getComputedStyle(html).fontSize")
    assert float(size.rstrip("px")) >= 30  # 210% of the browser default
    page.get_by_role("link", name="Back to normal print").click()
    size = page.locator("html").evaluate("html => getComputedStyle(html).fontSize")
    assert float(size.rstrip("px")) < 30
    context.close()
