"""Shared fixtures: a small valid data folder to break in tests, and the real example."""
from __future__ import annotations

import contextlib
import functools
import os
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from ruamel.yaml import YAML

REPO = Path(__file__).resolve().parent.parent

# "Today" for the whole suite, and for every build it starts (they inherit the environment):
# no test reads the real date, so what is overdue does not change with the calendar.
TODAY = "2026-11-02"
os.environ["SOURCE_DATE_EPOCH"] = "1793577600"  # 2026-11-02 00:00 UTC
# What `check` remembers between runs (generator/filecheck.py) goes to a folder of this run,
# not the user's: the suite checks hundreds of temporary folders.
_CACHE = Path(os.environ.get("TMPDIR", "/tmp")) / f"compacts-tests-cache-{os.getpid()}"
os.environ["XDG_CACHE_HOME"] = str(_CACHE)
# Browser tests wait for conditions, never for fixed times; this is only the ceiling on one
# wait, generous so a busy two-core machine (four builds beside the tests) still passes.
BROWSER_WAIT_MS = 120_000


def core_item_ids() -> list[str]:
    data = YAML(typ="safe", pure=True).load((REPO / "standards/core-standards.yml").read_text())
    return [item["id"] for standard in data["standards"] for item in standard["items"]]


LANDLORD = """\
name: Testshire Council
kind: council
summary: A small council for tests.
"""

ESTATE = """\
name: Oak Court
area: North
homes: 120
summary: Flats near the park.
tra:
  name: Oak Court TRA
  meetings: First Monday of the month.
funds:
  - name: Estate budget
    amount: 5000
    period: 2026-27
"""

LOCAL = """\
title: Oak Court Local Compact
scope: local
estates:
  - oak-court
status: agreed
agreed: 2026-04-01
review_due: 2027-03-31
parties:
  - name: Testshire Council
    role: landlord
  - name: Oak Court TRA
    role: tra
summary: How Oak Court tenants are involved.
commitments:
  - id: walkabouts
    standards: [involvement.remedial]
    text: We will walk the estate with the TRA every three months.
"""


def district_text() -> str:
    lines = ["title: Testshire District Compact", "scope: district", "status: agreed",
             "agreed: 2026-04-01", "review_due: 2027-03-31", "parties:",
             "  - name: Testshire Council", "    role: landlord",
             "  - name: Testshire Federation", "    role: federation",
             "summary: How all Testshire tenants are involved.", "commitments:"]
    for number, item in enumerate(core_item_ids(), start=1):
        lines += [f"  - id: promise-{number}", f"    standards: [{item}]",
                  f"    text: Promise number {number}."]
    lines += ["action_plan:", "  - id: first-action", "    action: Start the panel.",
              "    owner: Housing Manager", "    due: 2026-09-30", "    status: in-progress",
              "reviews:", "  - date: 2026-03-01", "    kind: annual",
              "    participants: [Federation, Council]", "    findings: It works.",
              "    outcome: Agreed again.", "    next_review: 2027-03-01"]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="session", autouse=True)
def _forget_checks():
    yield
    shutil.rmtree(_CACHE, ignore_errors=True)


@pytest.fixture
def data_root(tmp_path: Path) -> Path:
    """A valid data folder: one landlord, a district compact, a local compact, two estates."""
    shutil.copytree(REPO / "standards", tmp_path / "standards")
    base = tmp_path / "compacts" / "testshire"
    (base / "compacts").mkdir(parents=True)
    (base / "estates").mkdir()
    (base / "landlord.yml").write_text(LANDLORD)
    (base / "compacts" / "district.yml").write_text(district_text())
    (base / "compacts" / "oak-court.yml").write_text(LOCAL)
    (base / "estates" / "oak-court.yml").write_text(ESTATE)
    (base / "estates" / "elm-park.yml").write_text(ESTATE.replace("Oak Court", "Elm Park"))
    return tmp_path


def site_languages() -> list[str]:
    from generator.catalogs import languages

    return languages(REPO)


def copy_project(target: Path, languages: list[str] | None = None) -> Path:
    """The repository's site sources (config, data, theme, translations) in a scratch folder,
    optionally publishing fewer languages so a test builds faster."""
    for name in ("compacts", "standards", "theme", "translations", "docs"):
        shutil.copytree(REPO / name, target / name)
    config = (REPO / "site_config.yml").read_text()
    if languages:
        listed = "".join(f"        - {code}\n" for code in site_languages())
        assert listed in config
        config = config.replace(listed, "".join(f"        - {code}\n" for code in languages))
    (target / "site_config.yml").write_text(config)
    return target


def line_of(text: str, needle: str) -> int:
    """1-based number of the first line containing needle."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The example council's site, built once per test session in every language, from the
    repository itself (so its git history gives the compacts' versions) into a scratch folder."""
    from build import mkdocs_build

    site = tmp_path_factory.mktemp("example") / "site"
    result = mkdocs_build(REPO, "--strict", site=site, formats=True)
    assert result.returncode == 0, result.stderr
    return site


def set_translation(project: Path, code: str, starts: str, string: str = "", fuzzy: bool = False) -> str:
    """Change one entry of a catalog (found by the start of its English); returns the English."""
    from babel.messages.pofile import read_po, write_po

    path = project / f"translations/{code}.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=code)
    message = next(m for m in catalog if m.id and str(m.id).startswith(starts))
    message.string = string
    if fuzzy:
        message.flags.add("fuzzy")
    with path.open("wb") as handle:
        write_po(handle, catalog, width=88)
    return str(message.id)


CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")  # Debian's, or a runner's Chrome
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright (never a downloaded browser)."""
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: `make test` installs it when run as root")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        new_context = browser.new_context

        def patient_context(**options):
            context = new_context(**options)
            context.set_default_timeout(BROWSER_WAIT_MS)
            context.set_default_navigation_timeout(BROWSER_WAIT_MS)
            return context

        browser.new_context = patient_context
        yield browser
        browser.close()


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves a built site quietly, under a subpath if asked (as GitHub Pages serves a
    project site): anything outside it is a 404."""

    prefix = "/"

    def translate_path(self, path):
        if not path.startswith(self.prefix):
            return "/nonexistent"
        return super().translate_path("/" + path[len(self.prefix):])

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(site: Path, prefix: str = "/"):
    """A local web server for a built site; yields its address."""
    handler = type("Handler", (SiteHandler,), {"prefix": prefix})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}{prefix}"
    finally:
        httpd.shutdown()


@pytest.fixture(scope="session")
def server(built_site):
    """The example site served on localhost, once for the whole session."""
    with serve(built_site) as url:
        yield url


@pytest.fixture
def page(browser):
    """A desktop-sized page in its own browser context."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()
