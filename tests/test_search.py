"""Search in real headless Chromium: one index per language (Pagefind), fetched in chunks."""
from __future__ import annotations

import json
import re

import pytest

from conftest import site_languages

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PREFIX = {code: "" if i == 0 else f"{code}/" for i, code in enumerate(site_languages())}
# A word on many pages of each language, and only in that language.
WORDS = {"en": "compact", "cy": "tenantiaid", "pl": "porozumienie", "ur": "معاہدہ",
         "so": "heshiiska"}

pytestmark = pytest.mark.browser




def search(page, query: str) -> list[dict]:
    """Type a query in the header's search box; the results listed, in order."""
    page.get_by_role("searchbox").fill(query)
    page.get_by_role("searchbox").press("Enter")
    page.locator(".tc-search__list li").first.wait_for(timeout=10_000)
    return page.locator(".tc-search__list li").evaluate_all(
        "items => items.map(li => ({href: li.querySelector('a').href,"
        " title: li.querySelector('a').textContent,"
        " version: (li.querySelector('.tc-search__version') || {}).textContent || ''}))")


@pytest.mark.parametrize("code", WORDS)
def test_search_finds_pages_in_the_readers_language_only(page, server, code):
    page.goto(server + PREFIX[code] + "greenfield/")
    results = search(page, WORDS[code])
    others = [server + prefix for prefix in PREFIX.values() if prefix]
    for result in results:
        assert result["href"].startswith(server + PREFIX[code]), result
        assert code != "en" or not result["href"].startswith(tuple(others)), result
    page.get_by_role("link", name=results[0]["title"], exact=True).first.click()
    assert page.locator("html").get_attribute("lang") == code


def test_urdu_words_are_found(page, server):
    """Material's lunr search read Urdu as English and found nothing for this word."""
    page.goto(server + "ur/")
    results = search(page, "معاہدہ")
    assert len(results) >= 5
    assert "ملتی جلتی" in page.locator("[data-tc-search-count]").inner_text()  # Urdu count


def test_earlier_versions_come_after_the_compact_in_force_and_say_which(page, server):
    page.goto(server + "greenfield/")
    # A promise the district compact has made in every version since 2024.
    results = search(page, "autumn")
    in_force = [r["href"] for r in results if r["version"] == ""]
    assert server + "greenfield/district/" in in_force and results[0]["version"] == ""
    versions = [r["version"] for r in results]
    first_earlier = next(i for i, v in enumerate(versions) if v)
    assert all(versions[first_earlier:]), versions  # none in force after an earlier one
    assert "Agreed 1 April 2025" in versions
    titles = {r["title"] for r in results if r["version"] == "Agreed 1 April 2025"}
    assert titles == {"Greenfield District Tenant Participation Compact 2025-26"}  # its own
    # A promise added in 2026: the comparison page that shows it says what it is.
    page.goto(server + "greenfield/")
    changes = [r["version"] for r in search(page, "carer")]
    assert any(v.startswith("What changed on") for v in changes), changes


def test_search_works_from_the_keyboard_and_passes_axe(page, server):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(server + "cy/greenfield/")
    page.get_by_role("searchbox", name="Chwilio").focus()
    page.keyboard.type("tenantiaid")
    page.keyboard.press("Enter")
    status = page.locator("[role=status][data-tc-search-status]")
    status.filter(has_text=re.compile(r"\d")).wait_for(timeout=10_000)  # announced
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
    assert results.violations_count == 0, results.generate_report()
    page.keyboard.press("Tab")  # the button, then the first result
    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.href")
    assert first.startswith(server + "cy/")
    page.keyboard.press("Escape")  # closes the results, back in the search box
    assert page.locator("#tc-search-results").is_hidden()
    assert page.evaluate("document.activeElement.type") == "search"
    page.keyboard.press("Shift+Tab")  # out and back in: the results show again
    page.keyboard.press("Tab")
    assert page.locator("#tc-search-results").is_visible()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(first)


def test_a_first_query_fetches_a_few_chunks_not_the_whole_index(page, server, built_site):
    fetched: dict[str, int] = {}
    page.on("requestfinished", lambda request: fetched.__setitem__(
        request.url, request.sizes()["responseBodySize"]))
    page.goto(server + "pl/greenfield/", wait_until="networkidle")
    fetched.clear()
    search(page, "porozumienie")
    page.wait_for_load_state("networkidle")
    searched = {url: size for url, size in fetched.items() if "/pagefind/" in url}
    total = sum(searched.values())
    print(f"first query fetched {total / 1024:.1f} KB in {len(searched)} files")
    assert 0 < total < 300 * 1024
    chunks = [u.rsplit("/", 1)[1] for u in searched if ".pf_" in u]
    assert chunks and all(re.match(r"(pagefind\.)?pl_", name) for name in chunks), chunks
    fragments = list((built_site / "pl/pagefind/fragment").glob("pl_*"))
    assert sum(u.endswith(".pf_fragment") for u in searched) <= 10 < len(fragments)


def test_each_language_has_an_index_of_its_own_pages_only(built_site):
    for code, prefix in PREFIX.items():
        entry = json.loads((built_site / prefix / "pagefind/pagefind-entry.json").read_text())
        pages = [p for p in (built_site / prefix).rglob("index.html")
                 if p.relative_to(built_site / prefix).parts[0] not in PREFIX]
        assert {c: lang["page_count"] for c, lang in entry["languages"].items()} == \
            {code: len(pages)}


def test_without_javascript_the_page_says_search_needs_it(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "greenfield/")
    assert page.get_by_role("search").count() == 0
    note = page.locator(".tc-search__noscript")  # Playwright's text search skips <noscript>
    assert note.is_visible()
    assert note.inner_text() == "Search needs JavaScript, which is off in this browser."
    context.close()


def test_no_search_request_leaves_the_site(page, server):
    hosts = set()
    page.on("request", lambda request: hosts.add(request.url.split("/")[2]))
    page.goto(server + "so/")
    search(page, "heshiiska")
    assert hosts == {server.split("/")[2]}
