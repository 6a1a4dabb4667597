"""Statutory publications: the TSM pack and the Complaint Handling Code report, checked,
published, exported and readable in every language."""
from __future__ import annotations

import csv
import html
import io
import re
from pathlib import Path

import pytest

from build import mkdocs_build
from conftest import REPO, copy_project, serve, site_languages
from generator.site import read_site
from generator.statutory import pack_view
from generator.statutory_data import REGULATOR_TENURE
from test_validate import edit, only

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PUBLICATIONS = {"tsm pack": "greenfield/tsm/2025-26/", "partial tsm pack": "greenfield/tsm/2024-25/",
                "complaints report": "greenfield/complaints/2025-26/",
                "statutory landing": "greenfield/statutory/"}
TSM = "compacts/testshire/tsm/2025-26.yml"
RESULTS = "compacts/testshire/results/2025-26.yml"
REPORT = "compacts/testshire/complaints/2025-26.yml"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """The example data in every language, built without the slow alternative formats."""
    project = copy_project(tmp_path_factory.mktemp("statutory"))
    result = mkdocs_build(project, "--strict", env={"SOURCE_DATE_EPOCH": "1796083200"})
    assert result.returncode == 0, result.stderr
    return project


def cards(page: Path) -> list[dict[str, str]]:
    """Each measure line of a pack's page, from its data attributes."""
    body = page.read_text("utf-8")
    found = []
    for tag in re.findall(r'<li class="tc-card tc-tsm"[^>]*>', body):
        found.append({k: html.unescape(v) for k, v in re.findall(r'data-([a-z-]+)="([^"]*)"', tag)})
    return found


def number(text: str) -> str:
    return "" if text == "" else f"{float(text):g}"


def test_every_row_of_each_tsm_csv_is_on_its_page(project):
    files = sorted((project / "site/data/tsm").glob("*.csv"))
    assert [f.name for f in files] == ["greenfield-2024-25.csv", "greenfield-2025-26.csv",
                                       "northmoor-2024-25.csv"]
    tenure_of = {v: k for k, v in REGULATOR_TENURE.items()}
    for path in files:
        rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))
        landlord, period = path.stem.split("-", 1)
        page = cards(project / "site" / landlord / "tsm" / period / "index.html")
        assert len(rows) == len(page) > 0
        for row, card in zip(rows, page):
            assert (row["code"], tenure_of[row["tenure"]]) == (card["code"], card["tenure"])
            assert number(row["result"]) == card["actual"]
            assert number(row["last_year"]) == card["last-year"]
            assert (row["state"] == "missing") == (card["missing"] == "true")
            assert row["code"].startswith(row["measure"])


def test_the_csv_uses_the_regulators_codes_for_parts():
    site = read_site(REPO).site
    greenfield = next(l for l in site.landlords if l.id == "greenfield")
    view = pack_view(greenfield, greenfield.statutory.tsm["2025-26"], site.standards)
    codes = [row.need.regulator_code for row in view.rows]
    assert len(codes) == 26  # 12 perception, 5 safety, RP01, and two parts each of RP02, CH01, CH02, NM01
    assert {"RP02 (1)", "RP02 (2)", "CH01 (1)", "CH01 (2)", "CH02 (1)", "CH02 (2)", "NM01 (1)",
            "NM01 (2)"} <= set(codes)
    assert view.gaps == []  # the complete example


def test_no_required_item_is_silently_absent(project):
    """Every required line of every pack is either on the page with a result or listed as
    missing, and the page lists exactly what the check warns about."""
    site = read_site(project).site
    warnings = {p.file: p.message for p in read_site(project).problems if p.rule == "tsm-complete"}
    for landlord in site.landlords:
        for period, pack in landlord.statutory.tsm.items():
            view = pack_view(landlord, pack, site.standards)
            page = (project / "site" / landlord.id / "tsm" / period / "index.html").read_text("utf-8")
            listed = re.findall(r'<li data-gap="([a-z-]+)"', page)
            assert listed == [g.kind for g in view.gaps]
            for row in view.rows:
                has_result = row.measure is not None and row.measure.actual is not None
                assert has_result or any(g.row is row for g in view.gaps), row.need.regulator_code
            if view.gaps:
                assert f"missing {len(view.gaps)} required items" in warnings[pack.path]
            else:
                assert pack.path not in warnings


def test_the_partial_pack_says_what_is_missing_instead_of_inventing_it(project):
    page = (project / "site/greenfield/tsm/2024-25/index.html").read_text("utf-8")
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    assert "What this pack does not publish" in text
    assert re.search(r"Target timescale:\s+RP02: Repairs completed within target timescale, "
                     r"non-emergency repairs", text)
    assert "Survey: When fieldwork began" in text
    assert "Every item the Regulator asks for is published." not in text
    complete = (project / "site/greenfield/tsm/2025-26/index.html").read_text("utf-8")
    assert "Every item the Regulator asks for is published." in complete


def test_a_pack_links_its_complaints_report_from_the_complaint_measures(project):
    page = (project / "site/greenfield/tsm/2025-26/index.html").read_text("utf-8")
    for code in ("ch01-1", "ch02-2", "tp09"):
        card = re.search(rf'id="tsm-{code}-[a-z-]+".*?</li>', page, re.S).group()
        assert 'href="../../complaints/2025-26/"' in card


def test_self_assessment_puts_provisions_not_complied_with_first(project):
    page = (project / "site/greenfield/complaints/2025-26/index.html").read_text("utf-8")
    states = re.findall(r'data-provision="[0-9.]+" data-complies="([a-z]+)"', page)
    assert len(states) == 81 and states[0] == "no" and states[1:3] == ["partly", "partly"]
    assert set(states[3:]) == {"yes"}


# --- The check ------------------------------------------------------------------------

PACK = """\
tenures: [low-cost-rental]
timescales:
  - tsm: RP02
    part: emergency repairs
    timescale: 24 hours
"""
MEASURES = """\
measures:
  - id: rp02
    name: Repairs on time
    unit: percent
    better: higher
    actual: 90
    tsm: RP02
    part: emergency repairs
"""


@pytest.fixture
def with_pack(data_root: Path) -> Path:
    for path, text in ((TSM, PACK), (RESULTS, MEASURES)):
        (data_root / path).parent.mkdir(parents=True, exist_ok=True)
        (data_root / path).write_text(text)
    return data_root


def test_a_declared_pack_warns_of_every_missing_item(with_pack):
    problem = only(with_pack, "tsm-complete")
    assert (problem.file, problem.level) == (TSM, "warning")
    assert "RP02 (2) low-cost-rental" in problem.message and "TP01 low-cost-rental" in \
        problem.message and "RP02 (1)" not in problem.message  # published, with its timescale
    assert "when fieldwork began" in problem.message
    assert read_site(with_pack).site is not None  # a warning: the site is still built


def test_compacts_check_finds_the_gaps_a_build_finds(with_pack):
    """`compacts check` builds only the model the gaps are worked out from (GAP_INPUTS)."""
    built = [str(p) for p in read_site(with_pack).problems]
    assert any("Tenant Satisfaction Measures pack" in p for p in built)
    assert [str(p) for p in read_site(with_pack, model=False).problems] == built
    assert read_site(with_pack, model=False).site is None


def test_a_part_the_measure_does_not_have_is_an_error_at_its_line(with_pack):
    text = edit(with_pack, RESULTS, "part: emergency repairs", "part: urgent repairs")
    problem = only(with_pack, "tsm-part")
    assert problem.line == next(n for n, l in enumerate(text.splitlines(), 1) if "urgent" in l)
    assert problem.message == ("'urgent repairs' is not a part of RP02. Its parts are: "
                               "emergency repairs, non-emergency repairs.")


def test_a_tenure_the_measure_is_not_published_for_is_an_error(with_pack):
    edit(with_pack, RESULTS, "    tsm: RP02\n", "    tsm: RP02\n    tenure: combined\n")
    assert "RP02 is published for low-cost-rental, not combined." == only(with_pack, "tsm-tenure").message


def test_a_timescale_for_a_measure_without_one_is_an_error(with_pack):
    edit(with_pack, TSM, "  - tsm: RP02", "  - tsm: TP01")
    assert "TP01 has no target timescale to publish" in only(with_pack, "tsm-timescale").message


def report(rows: str) -> str:
    return "self_assessment:\n" + rows


def test_not_complying_needs_an_action(data_root):
    (data_root / REPORT).parent.mkdir(parents=True)
    (data_root / REPORT).write_text(report("  - provision: '5.4'\n    complies: 'no'\n"))
    problem = only(data_root, "code-action")
    assert (problem.line, problem.column, problem.level) == (3, 15, "error")
    assert "Provision 5.4 is not complied with: add 'action'" in problem.message


def test_each_provision_once_and_every_provision_assessed(data_root):
    (data_root / REPORT).parent.mkdir(parents=True)
    (data_root / REPORT).write_text(report("  - provision: '1.2'\n    complies: 'yes'\n" * 2 +
                                           "  - provision: '12.1'\n    complies: 'yes'\n"))
    assert only(data_root, "duplicate-provision").line == 4
    assert "The Code has no provision '12.1'" in only(data_root, "unknown-provision").message
    missing = only(data_root, "code-provisions")
    assert missing.level == "warning" and "leaves out 80 of the Code's 81 provisions" in missing.message


def test_a_compact_cannot_take_a_publications_address(data_root):
    (data_root / "compacts/testshire/compacts/oak-court.yml").rename(
        data_root / "compacts/testshire/compacts/tsm.yml")
    assert only(data_root, "reserved-address").file == "compacts/testshire/compacts/tsm.yml"


# --- In the browser ---------------------------------------------------------------------

LANGUAGES = {code: "" if i == 0 else f"{code}/" for i, code in enumerate(site_languages())}


@pytest.fixture(scope="module")
def server(project):
    with serve(project / "site") as url:
        yield url


@pytest.mark.browser
@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("kind", PUBLICATIONS)
def test_publications_have_no_wcag_violations(browser, server, kind, code):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server + LANGUAGES[code] + PUBLICATIONS[kind])
    assert page.locator("html").get_attribute("lang") == code
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
    context.close()
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.browser
@pytest.mark.parametrize("code", ["en", "ur"])
@pytest.mark.parametrize("kind", PUBLICATIONS)
def test_publications_fit_a_phone_and_print(browser, server, kind, code, tmp_path):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(server + LANGUAGES[code] + PUBLICATIONS[kind])
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot = Path("/tmp/stat-shots") if Path("/tmp/stat-shots").is_dir() else tmp_path
    page.screenshot(path=shot / f"{kind.replace(' ', '-')}-{code}.png")
    pdf = page.pdf(path=str(tmp_path / "print.pdf"))  # the print stylesheet
    context.close()
    assert pdf[:4] == b"%PDF" and len(pdf) > 10_000


def test_complaint_figures_are_shown_as_published_and_worked_out_only_from_both_numbers(project):
    page = (project / "site/greenfield/complaints/2025-26/index.html").read_text("utf-8")
    text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", page)))
    assert "Stage 1 complaints received328 (36 per 1,000 homes)" in text
    assert "Stage 1 complaints answered within the Code's timescales289 (88%)" in text
    assert "1 found maladministration." in text


def test_new_files_start_from_the_standards_and_invent_nothing(data_root):
    from generator.statutory_scaffold import new_complaints, new_tsm

    new_tsm(data_root, "testshire", "2026-27")
    report = new_complaints(data_root, "testshire", "2026-27")
    text = report.path.read_text()
    assert text.count("# - provision: '") == 81 and "complies: 'yes'\n" not in text.replace("#   complies: 'yes'\n", "")
    problems = read_site(data_root).problems
    assert {p.rule for p in problems if p.level == "error"} == {"example-text"}  # only the placeholders
    assert "leaves out 81 of the Code's 81 provisions" in only(data_root, "code-provisions").message
    for path in (data_root / "compacts").rglob("*.yml"):
        path.write_text(path.read_text().replace("Replace this: ", "Filled in: "))
    gaps = only(data_root, "tsm-complete").message
    assert "the target timescale" not in gaps and "when fieldwork began" in gaps


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_csv_link_works_from_every_language(project, code):
    """Open data is published once, in English, at the site's root."""
    page = project / "site" / LANGUAGES[code] / "greenfield/tsm/2025-26/index.html"
    href = re.search(r'<a href="([^"]+\.csv)" download>', page.read_text("utf-8")).group(1)
    assert (page.parent / href).resolve() == (project / "site/data/tsm/greenfield-2025-26.csv").resolve()
