"""The built site in real headless Chromium (Debian's), checked with axe-core."""
from __future__ import annotations

from urllib.parse import urlparse

import pytest

from conftest import serve, site_languages

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PAGE_TYPES = {
    "home": "",
    "standards": "standards/",
    "landlord": "greenfield/",
    "district compact": "greenfield/district/",
    "local compact": "greenfield/kingsway/",
    "estate": "greenfield/estates/oak-court/",
    "estate without a TRA": "greenfield/estates/station-road/",
    "translation status": "translation-status/",
    "earlier version": "greenfield/district/2025-04-01/",
    "what changed": "greenfield/district/2026-04-01/changes/",
    "results": "greenfield/results/",
    "estate results": "greenfield/estates/kingsway/results/",
    "equality": "greenfield/equality/",
    "compliance": "greenfield/compliance/",
    "site compliance": "compliance/",
    "open data": "data/",
}
LANGUAGES = {code: "" if i == 0 else f"{code}/" for i, code in enumerate(site_languages())}

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def server(built_site):
    with serve(built_site) as url:
        yield url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_no_wcag_violations(page, server, kind, code):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(server + LANGUAGES[code] + PAGE_TYPES[kind])
    assert page.locator("html").get_attribute("lang") == code
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_pages_reflow_on_a_small_phone_without_sideways_scrolling(browser, server, kind):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(server + PAGE_TYPES[kind])
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= 320


def test_language_switch_from_an_estate_lands_on_the_same_estate(page, server):
    page.goto(server + "greenfield/estates/oak-court/")
    page.get_by_role("link", name="Cymraeg").click()
    assert page.url == server + "cy/greenfield/estates/oak-court/"
    assert page.locator("html").get_attribute("lang") == "cy"
    page.get_by_role("link", name="English").click()
    assert page.url == server + "greenfield/estates/oak-court/"


def test_no_request_leaves_the_site(page, server):
    hosts = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).netloc))
    for path in PAGE_TYPES.values():
        page.goto(server + "cy/" + path, wait_until="networkidle")
    assert hosts == {urlparse(server).netloc}


def test_skip_link_is_the_first_thing_a_keyboard_reaches(page, server):
    page.goto(server + "greenfield/district/")
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.textContent.trim(), document.activeElement.getAttribute('href')]")
    assert focused[0] == "Skip to content"
    assert page.locator(focused[1]).count() == 1


def test_pages_work_without_javascript(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "greenfield/")
    page.get_by_role("link", name="Oak Court").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Oak Court"
    page.get_by_role("link", name="Cymraeg").click()
    assert page.url.endswith("/cy/greenfield/estates/oak-court/")
    context.close()


def test_urdu_pages_are_laid_out_right_to_left(browser, server, tmp_path):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server + "ur/greenfield/estates/oak-court/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    heading = page.locator("article h1").evaluate(
        "h => { const r = document.createRange(); r.selectNodeContents(h); "
        "const b = r.getBoundingClientRect(); return {x: b.x, width: b.width}; }")
    article = page.locator("article").bounding_box()
    nav = page.locator(".md-sidebar--primary").bounding_box()
    # Text starts at the right edge of the content, and the site navigation sits on the right.
    assert abs((heading["x"] + heading["width"]) - (article["x"] + article["width"])) < 40
    assert heading["x"] > article["x"] + 40
    assert nav["x"] > article["x"]
    shot = tmp_path / "urdu.png"
    page.screenshot(path=shot)
    assert shot.stat().st_size > 20_000
    context.close()


def test_language_switch_works_between_any_two_languages(page, server):
    page.goto(server + "ur/greenfield/estates/oak-court/")
    page.get_by_role("link", name="Polski").click()
    assert page.url == server + "pl/greenfield/estates/oak-court/"
    page.get_by_role("link", name="Soomaali").click()
    assert page.url == server + "so/greenfield/estates/oak-court/"


@pytest.mark.parametrize("code", ["en", "ur"])
def test_large_print_mode_is_larger_accessible_and_remembered(browser, server, tmp_path, code):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    prefix = LANGUAGES[code]
    page.goto(server + prefix + "greenfield/district/")
    normal = page.evaluate("parseFloat(getComputedStyle(document.querySelector('article p')).fontSize)")
    page.locator("[data-tc-large-print]").click()
    large = page.evaluate("parseFloat(getComputedStyle(document.querySelector('article p')).fontSize)")
    assert large >= 1.5 * normal and large >= 24  # at least 18pt on screen
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
    assert results.violations_count == 0, results.generate_report()
    shot = tmp_path / f"large-print-{code}.png"
    page.screenshot(path=shot)
    assert shot.stat().st_size > 20_000
    page.goto(server + prefix + "greenfield/estates/oak-court/")  # the choice is remembered
    assert "tc-large" in page.locator("html").get_attribute("class")
    context.close()


def test_large_print_works_without_javascript(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "greenfield/district/")
    page.get_by_role("link", name="Large print").first.click()
    assert page.url.endswith("#large-print")
    size = page.locator("html").evaluate("html => getComputedStyle(html).fontSize")
    assert float(size.rstrip("px")) >= 30  # 210% of the browser default
    context.close()
