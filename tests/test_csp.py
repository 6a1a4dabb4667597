"""The Content-Security-Policy is one the site satisfies: no violation on any page kind, in
any script direction, in real Chromium (Material's scripts and search worker included)."""
from __future__ import annotations


import pytest

from build import mkdocs_build
from conftest import REPO, serve
from site_map import kinds

PAGE_TYPES = kinds()  # one page of every kind the site makes

pytestmark = pytest.mark.browser
LISTEN = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    site = tmp_path_factory.mktemp("csp") / "site"
    result = mkdocs_build(REPO, "--strict", site=site)
    assert result.returncode == 0, result.stderr
    with serve(site) as url:
        yield url


@pytest.fixture
def page(browser):
    context = browser.new_context()
    context.add_init_script(LISTEN)
    page = context.new_page()
    console = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    page.console_csp = console
    yield page
    context.close()


KINDS = {**PAGE_TYPES, "404": "404.html", "Urdu estate": "ur/greenfield/estates/oak-court/"}


@pytest.mark.parametrize("kind", KINDS)
def test_no_content_security_policy_violation(page, server, kind):
    page.goto(server + KINDS[kind])
    page.wait_for_load_state("networkidle")
    # Use the search (Pagefind loads WebAssembly and index chunks), so its scripts run under
    # the policy too. Typed into the box itself: a letter typed elsewhere is one of Material's
    # keyboard shortcuts (n, p) and would leave the page.
    box = page.locator("input[type=search]:visible")
    if box.count():
        box.first.fill("repairs")
        page.wait_for_load_state("networkidle")
    assert page.locator("meta[http-equiv='Content-Security-Policy']").count() == 1
    assert page.evaluate("window.__csp") == []
    assert page.console_csp == []


def test_the_policy_would_catch_an_injected_script(page, server):
    """The listener works: a script the policy does not allow is reported."""
    page.goto(server)
    page.evaluate("""() => { const s = document.createElement('script');
                            s.textContent = 'window.ran = 1'; document.body.append(s); }""")
    page.wait_for_function("window.__csp.length > 0")
    assert page.evaluate("window.ran") is None


@pytest.mark.parametrize("kind", ["home", "estate", "landlord"])
def test_axe_still_finds_nothing_under_the_policy(page, server, kind):
    from axe_playwright_python.sync_playwright import Axe

    from test_browser import WCAG

    page.goto(server + KINDS[kind])
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
    assert results.violations_count == 0, results.generate_report()
    assert page.evaluate("window.__csp") == []
