"""The site says only what the data says: unknowns stay unknown on every page, feed,
calendar and CSV, and nothing in the data is dropped on the way to the HTML."""
from __future__ import annotations

import csv
import dataclasses
import html
import io
import re
import shutil
from pathlib import Path

import pytest
from icalendar import Calendar

from build import mkdocs_build
from conftest import REPO, copy_project
from generator.dates import PartialDate
from generator.fields import _without_none, file_fields
from generator.site import read_site
from generator.text import render_markdown

# A landlord whose documents leave out everything optional: no dates, no targets, no
# signatures, no groups, no money, one promise on one Core Standard item.
SPARSE = {
    "landlord.yml": "name: Sparse Homes\nkind: housing-association\nsummary: A landlord that "
                    "publishes little.\n",
    "compacts/framework.yml": "title: Sparse Framework\nscope: district\nstatus: agreed\n"
                              "parties:\n  - name: Sparse Homes\n    role: landlord\n"
                              "    signed_by: Chief Executive\n  - name: Sparse Tenants\n"
                              "    role: federation\nsummary: What we agreed.\ncommitments:\n"
                              "  - id: listen\n    standards: [information.views]\n"
                              "    text: We will ask tenants what they think.\n"
                              "action_plan:\n  - id: panel\n    action: Start a panel.\n"
                              "reviews:\n  - date: 2009\n    kind: annual\n",
    "estates/the-row.yml": "name: The Row\nsummary: A short street.\n",
    "results/2025-26.yml": "measures:\n  - id: satisfied\n    name: Tenants satisfied\n"
                           "    unit: percent\n    better: higher\n    actual: 31\n"
                           "  - id: repairs\n    name: Repairs on time\n    unit: percent\n"
                           "    better: higher\n    not_reported: No reliable data.\n",
}


@pytest.fixture(scope="module")
def sparse_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("sparse"), ["en"])
    shutil.rmtree(project / "compacts")
    for name, text in SPARSE.items():
        path = project / "compacts" / "sparse" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    result = mkdocs_build(project, env={"SOURCE_DATE_EPOCH": "1796083200"})  # 1 December 2026
    assert result.returncode == 0, result.stderr
    return project / "site"


def page_text(site: Path) -> str:
    """Every page's words, as a reader sees them, one page per line."""
    texts = []
    for page in sorted(site.rglob("*.html")):
        body = page.read_text("utf-8")
        article = body[body.find("<article"):body.find("</article>")]
        texts.append(html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", article))))
    return "\n".join(texts)


def test_unknown_dates_make_no_overdue_claim_anywhere(sparse_site):
    words = page_text(sparse_site)
    assert "(overdue)" not in words and "was due by" not in words
    assert "No review date has been published" in words
    assert "No date published" in words  # the action's due date
    assert "Nothing with a published date is overdue." in words


def test_a_compact_with_no_agreed_date_is_not_shown_as_signed(sparse_site):
    words = page_text(sparse_site)
    assert "Signed by" not in words and "Chief Executive" not in words
    assert "Written with" in words


def test_measures_without_targets_are_never_met(sparse_site):
    words = page_text(sparse_site)
    assert "target met" not in words.lower() and "targets were met" not in words
    assert "2025-26: 1 measure had no target; 1 measure was not reported." in words
    assert "No reliable data." in words
    rows = list(csv.DictReader(io.StringIO((sparse_site / "data/measures.csv").read_text())))
    assert {(r["measure"], r["status"], r["met"], r["target"]) for r in rows} == {
        ("satisfied", "no-target", "", ""), ("repairs", "not-reported", "", "")}


def test_partial_coverage_is_said_plainly(sparse_site):
    words = page_text(sparse_site)
    assert "This compact covers 1 of the 23 Core Standard items." in words
    assert "Core Standard items this compact says nothing about" in words
    compliance = (sparse_site / "sparse/compliance/index.html").read_text()
    core = re.findall(r'data-item="(?!tia)[^"]+" data-state="([\w-]+)"', compliance)
    assert len(core) == 23 and core.count("not-covered") == 22


def test_nothing_invented_for_absent_groups_and_money(sparse_site):
    words = page_text(sparse_site / "sparse/estates")
    assert "No tenants' and residents' association is recorded for this estate." in words
    assert "start-up grant" not in words and "can help you start" not in words
    assert "No estate budget is recorded for this estate." in words


def test_feeds_and_calendars_hold_no_invented_dates(sparse_site):
    calendar = Calendar.from_ical((sparse_site / "sparse/calendar.ics").read_bytes())
    assert calendar.walk("VEVENT") == []  # no review date, no meeting: nothing to add
    feed = (sparse_site / "sparse/feed.xml").read_text()
    assert "<updated>2009-01-01T00:00:00+00:00</updated>" in feed  # the year as published
    compacts = list(csv.DictReader(io.StringIO((sparse_site / "data/compacts.csv").read_text())))
    assert compacts[0]["review_due"] == "" and compacts[0]["agreed"] == ""
    assert compacts[0]["signed"] == "false"


# Nothing in the data is dropped: every text and every date the model holds is on a page.

def _values(obj, found: list) -> list:
    """Every text and date held in a model object, walked through its file fields."""
    for f, spec, hint in file_fields(type(obj)):
        value = getattr(obj, f.name)
        for item in value if isinstance(value, list) else [value]:
            if dataclasses.is_dataclass(item) and not isinstance(item, PartialDate):
                _values(item, found)
            elif isinstance(item, str) and item and _without_none(hint) in (str, list[str]) \
                    and not spec.pattern and not spec.format and f.name != "standards":
                # (standards holds item ids: pages show each item's title, tested elsewhere)
                found.append((f.name, item))
    return found


def _plain(text: str) -> str:
    shown = re.sub(r"<[^>]+>", " ", str(render_markdown(text)))
    return re.sub(r"\s+", " ", html.unescape(shown)).strip()


def test_every_text_in_the_example_data_appears_on_a_page(built_site):
    words = re.sub(r"\s+", " ", page_text(built_site))
    site = read_site(REPO).site
    missing = []
    for landlord in site.landlords:
        things = [landlord, *landlord.compacts, *landlord.estates, *landlord.results,
                  *[g for g in landlord.groups if not g.id.endswith("-tra")],
                  *landlord.voice.reviews, *landlord.voice.periods, *landlord.voice.training]
        for thing in things:
            for name, text in _values(thing, []):
                if _plain(text) not in words:
                    missing.append((getattr(thing, "path", ""), name, text[:60]))
    assert not missing, missing
