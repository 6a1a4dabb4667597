"""The tenant-voice pages in real headless Chromium: a tenant on a phone finds how to join
and the next training session in a few taps, and axe finds nothing on the new pages in any
language. Screenshots of each tap's result are kept for people to look at."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from build import mkdocs_build
from conftest import REPO, serve, site_languages

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PAGES = {
    "get involved": "greenfield/get-involved/",
    "you said, we did": "greenfield/you-said-we-did/",
    "you said, we did for an estate": "greenfield/estates/kingsway/you-said-we-did/",
    "you said, we did for a group": "greenfield/you-said-we-did/tenant-scrutiny-panel/",
    "reported review": "greenfield/scrutiny/repairs-appointments/",
    "review in progress": "greenfield/scrutiny/estate-cleaning/",
    "complaints learning": "greenfield/complaints-learning/",
    "estate with spending": "greenfield/estates/oak-court/",
    "results with involvement": "greenfield/results/",
    "landlord without voice records": "northmoor/get-involved/",
}
LANGUAGES = {code: "" if i == 0 else f"{code}/" for i, code in enumerate(site_languages())}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 2}
# Where screenshots go: a folder named by the environment, or the test's scratch folder.
SHOTS = os.environ.get("COMPACTS_SCREENSHOTS")

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The example site in every language, built on 1 December 2026 (no other formats)."""
    site = tmp_path_factory.mktemp("voice") / "site"
    result = mkdocs_build(REPO, "--strict", site=site, env={"SOURCE_DATE_EPOCH": "1796083200"})
    assert result.returncode == 0, result.stderr
    with serve(site) as url:
        yield url


def shot(page, tmp_path: Path, name: str) -> None:
    folder = Path(SHOTS) if SHOTS else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"))


def tap(page, locator) -> None:
    """One tap, as a thumb does it; waits for the page or the jump to settle."""
    locator.scroll_into_view_if_needed()
    locator.tap()
    page.wait_for_load_state("load")


@pytest.mark.parametrize("code", ["en", "ur"])
def test_a_phone_reaches_how_to_join_in_two_taps(browser, server, tmp_path, code):
    from playwright.sync_api import expect

    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(server + LANGUAGES[code])
    tap(page, page.locator('#estates ~ ul a[href$="estates/oak-court/"]'))        # tap 1
    expect(page.locator("h1")).to_have_text("Oak Court")
    tap(page, page.locator('#take-part ~ ul a[href="#groups"]'))                  # tap 2
    expect(page.locator("#groups")).to_be_in_viewport()
    first = page.locator("#groups ~ ul .tc-card").first
    expect(first).to_be_in_viewport()
    # The first card is the estate's own association, with how to join it.
    expect(first).to_contain_text("01632 960 211")
    # Read left to right even on a right-to-left page, or a tenant dials the wrong number.
    assert first.locator('a[href^="tel:"] bdi[dir="ltr"]').inner_text() == "01632 960 211"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, tmp_path, f"{code}-how-to-join")
    context.close()


@pytest.mark.parametrize("code", ["en", "ur"])
def test_a_phone_reaches_the_next_training_session_within_three_taps(browser, server, tmp_path,
                                                                     code):
    from playwright.sync_api import expect

    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(server + LANGUAGES[code])
    tap(page, page.locator('#estates ~ ul a[href$="estates/oak-court/"]'))        # tap 1
    tap(page, page.locator('#take-part ~ ul a[href$="get-involved/#training"]'))  # tap 2
    soonest = page.locator("#next-training")
    expect(soonest).to_be_in_viewport()
    expect(soonest).to_contain_text("18:30")  # Chairing a meeting, 10 December 2026
    shot(page, tmp_path, f"{code}-next-training")
    tap(page, soonest.locator("a"))                                                # tap 3
    expect(page.locator("#course-chairing-meetings")).to_be_in_viewport()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, tmp_path, f"{code}-training-course")
    context.close()


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("kind", PAGES)
def test_no_wcag_violations_on_voice_pages(browser, server, kind, code):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server + LANGUAGES[code] + PAGES[kind])
    assert page.locator("html").get_attribute("lang") == code
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
    context.close()
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("kind", PAGES)
def test_voice_pages_reflow_on_a_small_phone(browser, server, kind):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(server + PAGES[kind])
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= 320
