"""Results against targets, equality, compliance and open data."""
from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import line_of
from generator.site import read_site

RESULTS = "compacts/testshire/results/2025-26.yml"
GOOD = """\
summary: A good year.
measures:
  - id: active-tras
    name: Active TRAs
    unit: count
    better: higher
    target: 3
    actual: 2
  - id: tp01
    name: Overall satisfaction
    unit: percent
    better: higher
    target: 75
    actual: 78
    tsm: TP01
    estate: oak-court
methods:
  - id: panel
    name: Repairs panel
    kind: panel
    cost: 1200
    participants: 10
    hours: 40
equality:
  - category: age
    group: 16 to 24
    representatives: 5
    tenants: 12
  - category: age
    group: 25 and over
    representatives: 95
    tenants: 88
"""


def write(root: Path, text: str, name: str = "2025-26") -> str:
    path = root / f"compacts/testshire/results/{name}.yml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text)
    return text


def only(root: Path, rule: str):
    found = [p for p in read_site(root).problems if p.rule == rule]
    assert len(found) == 1, read_site(root).problems
    return found[0]


def test_a_valid_results_file(data_root):
    write(data_root, GOOD)
    checked = read_site(data_root)
    assert checked.problems == []
    results = checked.site.landlords[0].results[0]
    assert results.period == "2025-26"
    assert [m.met for m in results.measures] == [False, True]
    assert results.methods[0].cost_per_participant == 120
    assert [g.under_represented for g in results.equality] == [True, False]


def test_unknown_tenant_satisfaction_measure(data_root):
    text = write(data_root, GOOD.replace("tsm: TP01", "tsm: TP13"))
    problem = only(data_root, "unknown-measure")
    assert (problem.file, problem.line, problem.column) == (RESULTS, line_of(text, "tsm:"), 10)
    assert problem.message.startswith("'TP13' is not a Tenant Satisfaction Measure. Did you mean")


def test_measure_for_an_unknown_estate(data_root):
    text = write(data_root, GOOD.replace("estate: oak-court", "estate: oak-cort"))
    problem = only(data_root, "unknown-estate")
    assert problem.line == line_of(text, "estate: oak-cort")
    assert "Did you mean 'oak-court'?" in problem.message


def test_negative_cost(data_root):
    text = write(data_root, GOOD.replace("cost: 1200", "cost: -1200"))
    problem = only(data_root, "schema-minimum")
    assert (problem.line, problem.column) == (line_of(text, "cost:"), 11)
    assert "'methods' item 1, cost is -1200, but it cannot be less than 0" in problem.message


@pytest.mark.parametrize("name", ["2025-2026", "2025-27", "year-one"])
def test_period_format(data_root, name):
    write(data_root, GOOD, name)
    problem = only(data_root, "results-period")
    assert problem.file == f"compacts/testshire/results/{name}.yml"
    assert f"The file name '{name}' is not a period" in problem.message and "2025-26.yml" in problem.message


def test_equality_shares_over_100_percent(data_root):
    text = write(data_root, GOOD.replace("representatives: 95", "representatives: 97"))
    problem = only(data_root, "equality-over-100")
    assert problem.line == line_of(text, "representatives: 5")
    assert problem.message == ("The representatives shares for age add up to 102%, more than "
                               "100%. Check the numbers.")


def test_unknown_key_in_a_measure(data_root):
    write(data_root, GOOD.replace("    better: higher\n    target: 3", "    beter: higher\n    target: 3"))
    problems = read_site(data_root).problems
    assert any(p.rule == "unknown-key" and "Did you mean 'better'" in p.message for p in problems)


# The example council's pages, built once (built_site in conftest).

class Cells(HTMLParser):
    """Rows of tables carrying data- attributes, and the points of every chart."""

    def __init__(self):
        super().__init__()
        self.rows: list[dict] = []
        self.charts: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tr" and "data-period" in attrs:
            self.rows.append(attrs)
        if tag == "svg" and "data-periods" in attrs:
            self.charts.append({"periods": attrs["data-periods"].split(","), "series": {}})
        if tag == "g" and "data-series" in attrs and self.charts:
            self.current = self.charts[-1]["series"].setdefault(attrs["data-series"], [])
        if tag in ("circle", "rect") and "data-value" in attrs and self.charts:
            self.current.append(float(attrs["data-value"]))


def cells(html: str) -> Cells:
    parser = Cells()
    parser.feed(html)
    return parser


def test_every_chart_has_a_table_with_the_same_numbers(built_site):
    for page in [built_site / "greenfield/results/index.html",
                 *built_site.glob("greenfield/estates/*/results/index.html")]:
        found = cells(page.read_text())
        assert found.charts, page
        tables: dict[str, list[dict]] = {}
        for row in found.rows:
            tables.setdefault(row["data-measure"], []).append(row)
        chart_ids = re.findall(r'aria-labelledby="chart-([\w-]+)-title', page.read_text())
        assert len(chart_ids) == len(found.charts)
        for ident, chart in zip(chart_ids, found.charts):
            rows = tables[ident]
            assert [r["data-period"] for r in rows] == chart["periods"]
            # The chart marks only the years with a number; the table says why the others lack one.
            numbers = lambda key: [float(r[key]) for r in rows if r.get(key)]  # noqa: E731
            assert chart["series"]["Actual"] == numbers("data-actual")
            assert chart["series"].get("Target", []) == numbers("data-target")


def test_charts_are_described_for_screen_readers(built_site):
    html = (built_site / "greenfield/results/index.html").read_text()
    chart = re.search(r'<svg class="tc-chart".*?</svg>', html, re.S).group()
    assert re.search(r'role="img" aria-labelledby="chart-[\w-]+-title chart-[\w-]+-desc"', chart)
    assert re.search(r"<desc [^>]*>2023-24: target 9, actual 8; 2024-25: target 9, actual 9", chart)
    assert "<script" not in chart


def test_results_summary_and_words_not_colour(built_site):
    html = (built_site / "greenfield/results/index.html").read_text()
    assert "2025-26: 9 of 21 targets were met; 11 measures had no target." in html
    assert re.search(r'<span class="tc-status tc-status--not-met">Target not met</span>', html)
    assert re.search(r'<td[^>]*><span class="tc-status tc-status--met">Target met</span></td>', html)


def test_value_for_money_per_person_and_per_hour(built_site):
    html = (built_site / "greenfield/results/index.html").read_text()
    row = re.search(r'<tr data-method="repairs-panel"[^>]*>.*?</tr>', html, re.S).group()
    assert "£4,200" in row and "£350" in row and "£19.44" in row  # 4,200 / 12 people, / 216 hours


def test_equality_page_flags_under_represented_groups(built_site):
    html = (built_site / "greenfield/equality/index.html").read_text()
    row = re.search(r'<tr data-group="16 to 24"[^>]*>.*?</tr>', html, re.S).group()
    assert "<strong>Under-represented</strong>" in row
    assert re.search(r'<tr data-group="Women"[^>]*>.*?<td[^>]*>Yes</td>', html, re.S)


def test_compliance_matrix_per_landlord_and_site(built_site):
    html = (built_site / "greenfield/compliance/index.html").read_text()
    states = dict(re.findall(r'<tr data-item="([^"]+)" data-state="([\w-]+)">', html))
    assert states["meetings.support"] == "both"          # promised and evidenced
    assert states["involvement.policy"] == "covered"     # promised, no result
    assert states["tia-engagement.influence"] == "both"  # commitments may cite TIA outcomes
    assert states["tia-complaints.handling"] == "evidenced"  # a TSM result, no promise
    assert states["tia-performance.measures"] in ("evidenced", "both")  # TSMs are published
    assert states["tia-performance.spending"] == "not-covered"
    assert '<span class="tc-status tc-status--not-covered">Not covered</span>' in html
    site = (built_site / "compliance/index.html").read_text()
    assert 'href="../greenfield/compliance/"' in site


def test_open_data_reloads_into_the_numbers_the_pages_show(built_site):
    measures = list(csv.DictReader(io.StringIO((built_site / "data/measures.csv").read_text())))
    shown = {}
    for page in [built_site / "greenfield/results/index.html",
                 *built_site.glob("greenfield/estates/*/results/index.html")]:
        estate = page.parent.parent.name if "estates" in page.parts else ""
        for row in cells(page.read_text()).rows:
            if row.get("data-status") != "absent":
                shown[(row["data-period"], row["data-measure"], estate)] = (
                    row["data-target"], row["data-actual"], row["data-status"])
    landlord_rows = [m for m in measures if m["landlord"] == "greenfield"]
    assert len(shown) == len(landlord_rows)
    for m in landlord_rows:
        number = lambda v: f"{float(v):g}" if v else ""  # noqa: E731 (empty: not set)
        line = "-".join(p for p in (m["measure"], m["part"], m["tenure"]) if p)  # as Trend.id
        assert shown[(m["period"], line.replace(" ", "-").lower(), m["estate"])] == (
            number(m["target"]), number(m["actual"]), m["status"])
    methods = list(csv.DictReader(io.StringIO((built_site / "data/methods.csv").read_text())))
    html = (built_site / "greenfield/results/index.html").read_text()
    for m in [m for m in methods if m["period"] == "2025-26"]:
        assert f'data-method="{m["method"]}" data-cost="{m["cost"]}" data-participants="{m["participants"]}"' in html


def test_json_matches_the_csv(built_site):
    everything = json.loads((built_site / "data/compacts.json").read_text())
    rows = list(csv.DictReader(io.StringIO((built_site / "data/estates.csv").read_text())))
    assert [r["estate"] for r in rows] == [e["estate"] for e in everything["estates"]]
    assert len(everything["commitments"]) == len(list(csv.DictReader(io.StringIO(
        (built_site / "data/commitments.csv").read_text()))))


def test_the_data_package_is_valid(built_site):
    import frictionless  # a declared test dependency: missing is a failure, not a skip
    report = frictionless.validate(str(built_site / "data/datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_schemas_are_published_and_every_page_links_the_data(built_site):
    for kind in ("landlord", "compact", "estate", "results", "standards"):
        assert json.loads((built_site / f"data/schemas/{kind}.json").read_text())["properties"]
    for page in ("greenfield/results/", "cy/greenfield/estates/oak-court/", "ur/greenfield/equality/"):
        html = (built_site / page / "index.html").read_text()
        assert re.search(r'<p class="tc-data-link"><a href="(\.\./)+(cy/|ur/)?data/">', html), page


def test_tenants_reach_results_from_the_landlord_and_estate_pages(built_site):
    landlord = (built_site / "greenfield/index.html").read_text()
    assert 'href="results/"' in landlord and "2025-26: 9 of 21 targets were met; 11 measures had no target." in landlord
    estate = (built_site / "greenfield/estates/kingsway/index.html").read_text()
    assert 'href="results/"' in estate
    assert 'href="results/"' not in (built_site / "greenfield/estates/station-road/index.html").read_text()
