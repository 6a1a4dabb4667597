"""Tenant voice: scrutiny reviews, "you said, we did", complaints learning, training, estate
spending and involvement in numbers, from the data files to pages, feeds and open data."""
from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO, line_of
from generator.dates import PartialDate
from generator.feeds import site_feeds
from generator.history import History
from generator.i18n import Language, Translations
from generator.influence import DONE, NOT_ACCEPTED, Entry, entries
from generator.opendata import open_data
from generator.pages import Renderer, plan
from generator.results import EVIDENCED, MISSING, compliance
from generator.scaffold import ScaffoldError, new_review
from generator.site import read_site
from generator.voice import AgreedAction, Response, Update

TODAY = date(2026, 12, 1)


@pytest.fixture(scope="module")
def example():
    return read_site(REPO).site


@pytest.fixture(scope="module")
def rendered(example, monkeypatch_module):
    """The example landlords' pages in English, rendered without MkDocs: path -> HTML."""
    t = Translations.load(Language.of("en"), REPO / "translations")
    renderer = Renderer(example, t, [Language.of("en")])
    return {spec.path: renderer.render(spec).html for spec in plan(example, t)
            if spec.context.get("landlord")}


@pytest.fixture(scope="module")
def monkeypatch_module():
    patch = pytest.MonkeyPatch()
    patch.setenv("SOURCE_DATE_EPOCH", "1796083200")  # 1 December 2026
    yield patch
    patch.undo()


def card(html: str, anchor: str) -> str:
    """The HTML of one entry card, found by its id."""
    match = re.search(rf'<li class="tc-card tc-entry" id="{re.escape(anchor)}".*?</li>\s*(?=<li class="tc-card tc-entry"|</ul>\s*(<h2|<p><a|$))',
                      html, re.S)
    assert match, f"no card {anchor}"
    return match.group(0)


DECISION_WORDS = {"accepted": "Accepted", "partly-accepted": "Partly accepted",
                  "not-accepted": "Not accepted"}
STATE_WORDS = {"open": "Open", "done": "Done", "not-accepted": "Not accepted",
               "awaiting-response": "Awaiting a response"}


def test_every_recommendation_is_on_you_said_we_did_with_its_response_and_status(example, rendered):
    landlord = next(l for l in example.landlords if l.id == "greenfield")
    page = rendered["greenfield/you-said-we-did/index.md"]
    walked = 0
    for review in landlord.voice.reviews:
        review_page = rendered[f"greenfield/scrutiny/{review.id}/index.md"]
        for recommendation in review.recommendations:
            entry = next(e for e in entries(landlord)
                         if e.key == f"review.{review.id}.{recommendation.id}")
            for html, anchor in ((page, f"entry-{entry.key}"),
                                 (review_page, f"rec-{recommendation.id}")):
                shown = card(html, anchor)
                assert f'data-state="{entry.state}"' in shown
                assert STATE_WORDS[entry.state] in shown
                response = recommendation.response
                assert (DECISION_WORDS[response.decision] if response
                        else "No answer has been published yet") in shown
                if response and response.reason:
                    assert response.reason.split()[0] in shown
                for action in recommendation.actions:
                    assert action.action.split('"')[0].strip() in shown
            walked += 1
    assert walked == sum(len(r.recommendations) for r in landlord.voice.reviews) >= 3
    said = [item for period in landlord.voice.periods for item in period.said]
    assert page.count('class="tc-card tc-entry"') == walked + len(said)


def test_not_accepted_is_shown_with_its_reason(rendered):
    shown = card(rendered["greenfield/you-said-we-did/index.md"],
                 "entry-review.repairs-appointments.weekend-appointments")
    assert "Not accepted" in shown and "£90,000" in shown


def test_no_entry_in_the_example_claims_done_without_a_completed_action(example, rendered):
    for landlord in example.landlords:
        for entry in entries(landlord):
            if entry.state == DONE:
                assert entry.completed, entry.key
    page = rendered["greenfield/you-said-we-did/index.md"]
    done_cards = re.findall(r'<li class="tc-card tc-entry" id="[^"]+" data-state="done">.*?'
                            r'(?=<li class="tc-card tc-entry"|</ul>\s*<h2)', page, re.S)
    assert done_cards
    for shown in done_cards:
        assert 'tc-status--done">Done</span></li>' in shown  # an action whose status is Done


decisions = st.none() | st.sampled_from(["accepted", "partly-accepted", "not-accepted"])
states = st.lists(st.none() | st.sampled_from(["not-started", "in-progress", "done", "stopped"]),
                  max_size=4)


@given(decisions, states)
@settings(max_examples=200)
def test_an_entry_is_done_only_with_a_completed_action(decision, action_states):
    actions = [AgreedAction(f"a{n}", "Do it.", updates=[Update(PartialDate(2026), s)] if s else [])
               for n, s in enumerate(action_states)]
    entry = Entry("k", "Said.", "survey", "", "", "", PartialDate(2026), "2026-27",
                  Response(decision) if decision else None, actions, None, [], [], [], "")
    if entry.state == DONE:
        assert any(a.done for a in actions) and decision in ("accepted", "partly-accepted")
    if decision == "not-accepted":
        assert entry.state == NOT_ACCEPTED and entry.overdue(TODAY) == []


def test_open_items_show_their_age_counted_from_the_last_day_their_date_could_be():
    entry = Entry("k", "Said.", "survey", "", "", "", PartialDate(2026, 3), "2025-26",
                  Response("accepted"), [], None, [], [], [], "")
    assert entry.age_months(date(2026, 12, 1)) == 8   # from 31 March 2026
    assert entry.age_months(date(2026, 3, 31)) == 0
    entry.date = None
    assert entry.age_months(date(2026, 12, 1)) is None


def test_overdue_actions_are_listed(rendered):
    page = rendered["greenfield/you-said-we-did/index.md"]
    overdue = page.split('id="overdue"')[1].split('id="entries"')[0]
    assert "Survey every home with a damp report" in overdue
    assert "Include" not in overdue  # due June 2027: not overdue


def test_a_tia_item_is_evidenced_only_when_an_answered_entry_cites_it(example):
    landlord = next(l for l in example.landlords if l.id == "greenfield")
    tia = next(s for s in example.standards if s.id == "tia-2024")
    answered = {item for e in entries(landlord) if e.response for item in e.standards}
    for row in compliance(landlord, tia):
        assert bool(row.entries) == (row.item.id in answered), row.item.id
        if not row.results:
            assert row.state in ((EVIDENCED, "both") if row.item.id in answered
                                 else (MISSING, "covered")), row.item.id
    local = next(r for r in compliance(landlord, tia) if r.item.id == "tia-engagement.local")
    assert local.entries == []  # cited only by an entry still awaiting an answer


VOICE_FILE = """\
said:
  - id: bins
    source: survey
    said: Bins are not emptied on time.
    standards: [tia-engagement.support]
    response:
      decision: accepted
"""


def test_citing_an_item_in_a_voice_file_makes_it_evidenced(data_root):
    tia = lambda site: next(s for s in site.standards if s.id == "tia-2024")  # noqa: E731
    state = lambda site: next(r for r in compliance(site.landlords[0], tia(site))  # noqa: E731
                              if r.item.id == "tia-engagement.support").state
    assert state(read_site(data_root).site) == MISSING
    (data_root / "compacts/testshire/voice").mkdir()
    (data_root / "compacts/testshire/voice/2026-27.yml").write_text(VOICE_FILE)
    assert state(read_site(data_root).site) == EVIDENCED
    (data_root / "compacts/testshire/voice/2026-27.yml").write_text(
        VOICE_FILE.replace("    response:\n      decision: accepted\n", ""))
    assert state(read_site(data_root).site) == MISSING


BAD_REVIEW = """\
title: Lettings
group: scrutiny-panl
service: Lettings
status: reported
recommendations:
  - id: faster
    text: Let homes faster.
    standards: [tia-engagement.influnce]
    promises: [district.no-such-promise]
    response:
      decision: not-accepted
    actions:
      - id: one
        action: Look again.
        updates:
          - date: 2026-09
            status: in-progress
          - date: 2026-03
            status: done
  - id: faster
    text: Again.
    actions:
      - id: two
        action: Something.
"""


def test_review_mistakes_are_reported_at_their_place_in_plain_english(data_root):
    (data_root / "compacts/testshire/groups").mkdir()
    (data_root / "compacts/testshire/groups/scrutiny-panel.yml").write_text(
        "name: Panel\nkind: scrutiny-panel\n")
    (data_root / "compacts/testshire/scrutiny").mkdir()
    (data_root / "compacts/testshire/scrutiny/lettings.yml").write_text(BAD_REVIEW)
    checked = read_site(data_root)
    assert checked.site is None
    found = {(p.rule, p.line, p.column): p for p in checked.problems
             if p.file == "compacts/testshire/scrutiny/lettings.yml"}
    line = lambda needle: line_of(BAD_REVIEW, needle)  # noqa: E731
    assert "Did you mean 'scrutiny-panel'?" in found[("unknown-group", 2, 8)].message
    assert "tia-engagement.influence" in found[("unknown-standard", line("influnce"), 17)].message
    assert ("unknown-promise", line("no-such"), 16) in found
    assert found[("response-reason", line("not-accepted"), 17)].level == "warning"
    assert "before the one above" in found[("date-order", line("2026-03"), 19)].message
    assert ("duplicate-id", line("Again") - 1, 9) in found
    assert ("response-missing", line("id: two") - 1, 5) in found
    assert "no 'report:'" in found[("report-missing", 4, 9)].message


def test_spending_and_voice_file_names_are_checked(data_root):
    (data_root / "compacts/testshire/voice").mkdir()
    text = ("spending:\n  - estate: oak-curt\n    budget: 100\n    spent:\n"
            "      - on: Benches\n        amount: 80\n      - on: Paint\n        amount: 40\n")
    (data_root / "compacts/testshire/voice/2026.yml").write_text(text)
    problems = {(p.rule, p.line, p.column) for p in read_site(data_root).problems}
    assert {("results-period", 1, 1), ("unknown-estate", 2, 13), ("over-budget", 3, 13)} <= problems


def test_a_compact_cannot_take_a_voice_page_address(data_root):
    source = data_root / "compacts/testshire/compacts/oak-court.yml"
    source.rename(source.with_name("get-involved.yml"))
    problems = read_site(data_root).problems
    assert any(p.rule == "reserved-address" and p.file.endswith("get-involved.yml") for p in problems)


def test_scaffolded_review_passes_check_once_filled_in(data_root):
    (data_root / "compacts/testshire/groups").mkdir()
    (data_root / "compacts/testshire/groups/panel.yml").write_text("name: Panel\nkind: scrutiny-panel\n")
    with pytest.raises(ScaffoldError, match="no group 'nobody'"):
        new_review(data_root, "testshire", "Repairs", "nobody")
    made = new_review(data_root, "testshire", "Repairs", "panel")
    assert {p.rule for p in read_site(data_root).problems if p.level == "error"} == {"example-text"}
    text = made.path.read_text()
    text = re.sub(r"'Replace this: ([^']*)'", lambda m: m.group(1).capitalize(), text)
    text = re.sub(r"^# (?=[a-z_]+:|  )", "", text, flags=re.M)  # uncomment every example
    made.path.write_text(text.replace("status: in-progress\n", "status: reported\n", 1))
    checked = read_site(data_root)
    assert checked.site is not None, [str(p) for p in checked.problems]
    review = checked.site.landlords[0].voice.reviews[0]
    assert review.status == "reported" and review.recommendations[0].actions[0].status == "in-progress"


def test_feeds_and_calendar_carry_reviews_answers_done_actions_sessions_and_training(example):
    t = Translations.load(Language.of("en"), REPO / "translations")
    files = site_feeds(example, History(), t, "https://example.org/", "Site")
    feed, calendar = files["greenfield/feed.xml"], files["greenfield/calendar.ics"]
    assert "Scrutiny review reported: Repairs appointments" in feed
    assert "Answer to what tenants said: Offer repairs appointments on Saturdays" in feed
    assert "Done: Change the booking system to offer three slots a day." in feed
    assert "Done: Include" not in feed  # not started: never announced as done
    assert "SUMMARY:Scrutiny session: Cleaning of shared areas" in calendar
    assert "DTSTART:20270114T093000" in calendar  # the award's first session
    assert "reading-performance" not in calendar  # e-learning: no date, none invented


def test_open_data_has_reviews_recommendations_responses_and_actions(example):
    files = open_data(example)
    rows = lambda name: list(csv.DictReader(io.StringIO(files[f"data/{name}.csv"])))  # noqa: E731
    landlord = next(l for l in example.landlords if l.id == "greenfield")
    assert {r["review"] for r in rows("scrutiny_reviews")} == {r.id for r in landlord.voice.reviews}
    keys = {e.key for e in entries(landlord)}
    assert {r["entry"] for r in rows("recommendations") if r["landlord"] == "greenfield"} == keys
    assert {r["decision"] for r in rows("responses")} == {"accepted", "partly-accepted", "not-accepted"}
    actions = {r["action"]: r for r in rows("actions")}
    assert actions["new-slots"]["done_on"] == "2026-02" and actions["damp-survey"]["done_on"] == ""
    spending = [r for r in rows("estate_spending") if r["estate"] == "riverside"]
    assert spending[1]["amount"] == "" and spending[0]["left"] == ""  # not published: empty
    package = files["data/datapackage.json"]
    for name in ("scrutiny_reviews", "recommendations", "responses", "actions"):
        assert f'"path": "{name}.csv"' in package
    assert "data/schemas/review.json" in files


def test_estate_page_shows_spending_who_decided_and_only_a_published_remainder(rendered):
    oak = rendered["greenfield/estates/oak-court/index.md"]
    assert "Left to spend" in oak and "£450" in oak and "a vote of residents" in oak
    riverside = rendered["greenfield/estates/riverside/index.md"]
    spent = riverside.split("Estate budget spending")[1].split("</li>\n</ul>")[0]
    assert "amount not published" in spent and "adds up to" not in spent
    assert "Left to spend</dt><dd>Not published" in spent


def test_get_involved_lists_groups_support_training_and_numbers(rendered):
    page = rendered["greenfield/get-involved/index.md"]
    assert 'id="group-tenant-scrutiny-panel"' in page and 'id="group-youth-panel"' in page
    assert "Childcare" in page and "hearing loop" in page
    assert 'id="next-training"' in page and "10 December 2026" in page.split('id="next-training"')[1][:400]
    assert "Any time, at your own pace." in page
    assert "Helping with complaints" in page and "about 120" in page
    results = rendered["greenfield/results/index.md"]  # beside the value-for-money table
    assert 'id="involved-2025-26"' in results and 'id="value-for-money-2025-26"' in results


def test_a_landlord_without_voice_records_says_so(data_root):
    site = read_site(data_root).site
    t = Translations.load(Language.of("en"), REPO / "translations")
    renderer = Renderer(site, t, [Language.of("en")])
    pages = {s.path: s for s in plan(site, t)}
    said = renderer.render(pages["testshire/you-said-we-did/index.md"]).html
    involved = renderer.render(pages["testshire/get-involved/index.md"]).html
    assert "Nothing tenants said, and no answer to it, has been published yet." in said
    assert "No training programme is published." in involved
    assert "testshire/complaints-learning/index.md" not in pages


def test_every_voice_text_in_the_example_appears_on_a_page(example, rendered):
    from test_truth import _plain, _values

    words = re.sub(r"\s+", " ", " ".join(_plain(html) for html in rendered.values()))
    missing = [(thing.path, name, text[:60]) for landlord in example.landlords
               for thing in [*landlord.voice.reviews, *landlord.voice.periods,
                             *landlord.voice.training]
               for name, text in _values(thing, []) if _plain(text) not in words]
    assert not missing, missing


nodes = st.recursive(st.none() | st.booleans() | st.integers(-5, 3000) | st.text(max_size=12),
                     lambda inner: st.lists(inner, max_size=3)
                     | st.dictionaries(st.sampled_from(
                         ["id", "text", "response", "decision", "reason", "actions", "updates",
                          "date", "status", "estates", "standards", "promises", "group",
                          "theme", "estate", "budget", "spent", "amount", "courses", "sessions",
                          "themes", "complaints"]), inner, max_size=4), max_leaves=12)


@given(st.sampled_from(["scrutiny/x.yml", "voice/2026-27.yml", "training/x.yml"]),
       st.dictionaries(st.sampled_from(["title", "group", "service", "status", "report",
                                        "recommendations", "said", "complaints", "spending",
                                        "involvement", "courses", "estates"]), nodes,
                       min_size=1, max_size=5))
@settings(max_examples=60, deadline=None)
def test_any_voice_file_gives_problems_or_a_site_never_a_crash(tmp_path_factory, where, content):
    import json
    root = tmp_path_factory.mktemp("fuzz")
    (root / "standards").mkdir()
    (root / "standards/core-standards.yml").write_text((REPO / "standards/core-standards.yml").read_text())
    base = root / "compacts/t"
    (base / where).parent.mkdir(parents=True)
    (base / "landlord.yml").write_text("name: T\nkind: council\nsummary: S.\n")
    (base / where).write_text(json.dumps(content))  # JSON is YAML
    checked = read_site(root)
    assert checked.site is not None or checked.problems


def test_links_from_voice_pages_reach_pages_and_anchors_that_exist(rendered):
    import posixpath

    from generator.pages import url_of

    by_url = {url_of(path): html for path, html in rendered.items()}
    voice = [p for p in rendered if any(k in p for k in ("get-involved", "you-said-we-did",
                                                          "scrutiny", "complaints-learning"))]
    checked = 0
    for path in voice:
        for href in re.findall(r'href="([^"]+)"', rendered[path]):
            if href.startswith(("http", "mailto:", "tel:")) or href.endswith((".ics", ".xml")):
                continue
            page, _, anchor = href.partition("#")
            target = posixpath.normpath(posixpath.join(url_of(path), page)) + "/" if page \
                else url_of(path)
            if target not in by_url:
                continue  # a page outside the landlords' (standards, data): tested elsewhere
            if anchor:
                assert f'id="{anchor}"' in by_url[target], f"{href} on {path}"
            checked += 1
    assert checked > 50
