"""Data files and catalogs are untrusted: nothing executable may reach a page."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st
from ruamel.yaml import YAML

from build import mkdocs_build
from conftest import copy_project, serve
from generator.text import render_inline, render_markdown

PAYLOADS = [
    "<script>alert('s1')</script>",
    "<img src=x onerror=alert('s2')>",
    "<svg onload=alert('s3')>",
    "[click](javascript:alert('s4'))",
    "[click](JaVaScRiPt:alert('s5'))",
    "<a href=\"javascript:alert('s6')\">x</a>",
    "<iframe src=\"https://evil.example/\"></iframe>",
    "<div onmouseover=\"alert('s7')\">hover</div>",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<scr<script>ipt>alert('s8')</script>",
    "</title><script>alert('s9')</script>",
    "\"><script>alert('s10')</script>",
    "<style>body{display:none}</style>",
    "<object data=\"javascript:alert('s11')\"></object>",
    "<a href=\"&#106;avascript:alert('s12')\">x</a>",
    "<form action=\"javascript:alert('s13')\"><button>go</button></form>",
]
PAYLOAD = " ".join(PAYLOADS)

# Material's own scripts are the only ones allowed: its bundle, its JSON config and two
# short inline scripts it writes on every page.
MATERIAL_SCRIPTS = ("__md_scope=", "var target=document.getElementById(location")
NOT_IN_CONTENT = {"script", "iframe", "object", "embed", "form", "svg", "style", "img",
                  "input", "button", "link", "meta", "base"}


class Executable(HTMLParser):
    """Collects everything in a page that a browser could run."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.article = 0
        self.script: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name, value in attrs.items():
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if name in ("href", "src", "action", "data", "formaction") and value and \
                    re.match(r"\s*(javascript|data|vbscript):", value, re.I):
                self.found.append(f"<{tag} {name}={value!r}>")
        if tag == "article":
            self.article += 1
        elif self.article and tag == "svg" and attrs.get("class") == "tc-chart":
            pass  # our own build-time charts (their attributes are checked like any other)
        elif self.article and tag in NOT_IN_CONTENT:
            self.found.append(f"<{tag}> in the page content")
        if tag == "script":
            self.script = attrs

    def handle_endtag(self, tag):
        if tag == "article":
            self.article -= 1
        if tag == "script":
            self.script = None

    def handle_data(self, data):
        if self.script is None:
            return
        src, kind = self.script.get("src") or "", self.script.get("type")
        allowed = (re.search(r"assets/javascripts/bundle\.\w+\.min\.js$", src)
                   or (kind == "application/json" and self.script.get("id") == "__config")
                   or data.startswith(MATERIAL_SCRIPTS))
        if not allowed:
            self.found.append(f"<script>{data[:60]}")


def assert_inert(html: str, where: str) -> None:
    parser = Executable()
    parser.feed(html)
    assert parser.found == [], f"{where}: {parser.found}"


def edit_yaml(path: Path, change) -> None:
    yaml = YAML()
    data = yaml.load(path)
    change(data)
    yaml.dump(data, path)


def poison_estate(data) -> None:
    data["name"] = data["area"] = data["summary"] = PAYLOAD
    data["tra"] = {"name": PAYLOAD, "meetings": PAYLOAD,
                   "contact": {"email": "x@y.z\"><script>alert('s15')</script>",
                               "web": "https://x.example/\" onmouseover=\"alert('s16')"}}
    data["budget"] = {"amount": 100, "period": "2026-27", "spent_on": PAYLOAD}


def poison_compact(data) -> None:
    data["title"] = data["summary"] = PAYLOAD
    data["parties"][0]["name"] = PAYLOAD
    data["commitments"][0]["text"] = PAYLOAD
    data["action_plan"][0]["action"] = data["action_plan"][0]["owner"] = PAYLOAD


def poison(project: Path) -> None:
    """Put every payload in every kind of text a data file or catalog holds."""
    edit_yaml(project / "compacts/greenfield/estates/oak-court.yml", poison_estate)
    edit_yaml(project / "compacts/greenfield/compacts/riverside.yml", poison_compact)
    catalog = project / "translations/cy.po"
    po = re.sub(r'(msgid "Estate budget"\nmsgstr )"[^"\n]*"',
                lambda m: m.group(1) + '"<script>alert(\'s14\')</script>"', catalog.read_text())
    assert "s14" in po
    catalog.write_text(po)


@pytest.fixture(scope="module")
def poisoned_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("xss"))
    poison(project)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_payloads_reach_the_pages_as_text(poisoned_site):
    html = (poisoned_site / "greenfield/estates/oak-court/index.html").read_text()
    assert "&lt;script&gt;alert(&#39;s1&#39;)&lt;/script&gt;" in html  # the name, escaped


def test_nothing_executable_on_any_page(poisoned_site):
    pages = list(poisoned_site.rglob("*.html"))
    assert len(pages) > 30
    for page in pages:
        assert_inert(page.read_text("utf-8"), str(page.relative_to(poisoned_site)))


@pytest.mark.browser
def test_search_results_show_payloads_as_text(poisoned_site, browser):
    """Pagefind's index holds page text as it reads; the results list must show it as text
    (titles, versions, excerpts), whatever it holds."""
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    with serve(poisoned_site) as url:
        page.goto(url + "greenfield/estates/oak-court/")
        page.get_by_role("searchbox").fill("alert")
        page.get_by_role("searchbox").press("Enter")
        page.locator(".tc-search__list li").first.wait_for(timeout=10_000)
        tags = page.locator(".tc-search__list").evaluate(
            "list => [...new Set([...list.querySelectorAll('*')].map(e => e.localName))]")
        text = page.locator(".tc-search__list").inner_text()
    context.close()
    assert set(tags) <= {"li", "a", "span", "p", "mark"}, tags
    assert "<script>" in text and "onerror=" in text  # shown, not run
    assert dialogs == []


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=200) | st.sampled_from(PAYLOADS).flatmap(
    lambda p: st.text(max_size=20).map(lambda s: s + p)))
def test_rendered_markdown_is_always_inert(text):
    for html in (str(render_markdown(text)), str(render_inline(text))):
        assert "<script" not in html.lower()
        assert not re.search(r"<[^>]*\son[a-z]+\s*=", html, re.I)
        assert not re.search(r"href=\"\s*(javascript|data|vbscript):", html, re.I)
        assert not re.search(r"<(iframe|object|embed|form|svg|style|img)\b", html, re.I)
