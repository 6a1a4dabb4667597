"""Domain rules for tenant-voice files (scrutiny reviews, voice years, training): what the
schema cannot say. Registered at the end of rules.RULES; each guards its own types."""
from __future__ import annotations

import dataclasses
from collections import defaultdict
from typing import Any, Iterator

from .dates import PartialDate
from .loader import Document, position
from .problems import Problem
from .rules import Docs, _items, _key, _known, _list, _of_kind, _one, _repeats, results_periods

VOICE_KINDS = ("review", "voice", "training")


def voice_periods(docs: list[Document]) -> Iterator[Problem]:
    """A voice file is named after its year, like a results file: 2025-26.yml."""
    renamed = Docs(_as(doc, "results") for doc in _of_kind(docs, "voice"))
    for problem in results_periods(renamed):
        yield Problem(problem.file, problem.line, problem.column, problem.message.replace(
            "a results file", "a 'you said, we did' file"), problem.rule, problem.level)


def _as(doc: Document, kind: str) -> Document:
    return dataclasses.replace(doc, kind=kind)


def _entries(doc: Document) -> list[Any]:
    """The recommendations of a review, or the things said in a voice year."""
    return _items(doc.data, "recommendations" if doc.kind == "review" else "said")


def voice_ids_unique(docs: list[Document]) -> Iterator[Problem]:
    """Recommendation, entry, theme, course and action ids are unique within their file."""
    for doc in docs:
        if doc.kind not in VOICE_KINDS:
            continue
        entries = _entries(doc)
        yield from _repeats(doc, entries, "recommendations" if doc.kind == "review" else "said")
        yield from _repeats(doc, [a for e in entries for a in _items(e, "actions")], "actions")
        yield from _repeats(doc, _items(doc.data.get("complaints"), "themes"), "complaint themes")
        yield from _repeats(doc, _items(doc.data, "courses"), "courses")


def voice_references(docs: list[Document]) -> Iterator[Problem]:
    """Groups, estates, complaint themes, standard items and compact promises exist."""
    naming = [*_of_kind(docs, "review"), *_of_kind(docs, "voice")]
    if not naming:
        return  # nothing names them: no need to gather every estate, group and promise
    estates, groups, promises = defaultdict(set), defaultdict(set), defaultdict(set)
    for doc in _of_kind(docs, "estate"):
        estates[doc.landlord].add(doc.id)
        if isinstance(doc.data, dict) and isinstance(doc.data.get("tra"), dict):
            groups[doc.landlord].add(f"{doc.id}-tra")
    for doc in _of_kind(docs, "group"):
        groups[doc.landlord].add(doc.id)
    for doc in _of_kind(docs, "compact"):
        promises[doc.landlord] |= {f"{doc.id}.{c.get('id')}" for c in _items(doc.data, "commitments")}
    items = {_key(item.get("id")) for doc in _of_kind(docs, "standards")
             for standard in _items(doc.data, "standards") for item in _items(standard, "items")}
    for doc in naming:
        where = f"compacts/{doc.landlord}/estates/"
        group_where = f"compacts/{doc.landlord}/groups/ (or an estate's TRA, as <estate>-tra)"
        themes = {_key(t.get("id")) for t in _items(doc.data.get("complaints"), "themes")}
        nodes = [doc.data] if doc.kind == "review" else []
        for node in nodes + _entries(doc):
            yield from _known(doc, node, "estates", estates[doc.landlord], where, "unknown-estate")
            yield from _one(doc, node, "group", groups[doc.landlord], group_where, "unknown-group")
            yield from _one(doc, node, "theme", themes, "this file's complaint themes",
                            "unknown-theme")
            yield from _known(doc, node, "standards", items, "the standards/ files",
                              "unknown-standard")
            yield from _known(doc, node, "promises", promises[doc.landlord],
                              f"the promises of compacts/{doc.landlord}/compacts/ (written as "
                              "<compact>.<promise>)", "unknown-promise")
        for spending in _items(doc.data, "spending"):
            yield from _one(doc, spending, "estate", estates[doc.landlord], where,
                            "unknown-estate")



def responses_explained(docs: list[Document]) -> Iterator[Problem]:
    """A recommendation not accepted, or only partly, gives the reason: tenants are owed it.
    A warning, not an error: the page then says plainly that no reason was published."""
    for doc in docs:
        if doc.kind not in ("review", "voice"):
            continue
        for entry in _entries(doc):
            response = entry.get("response")
            if isinstance(response, dict) and response.get("decision") in \
                    ("not-accepted", "partly-accepted") and not response.get("reason"):
                line, column = position(response, "decision")
                yield Problem(doc.path, line, column, "The decision is "
                              f"'{response['decision']}' but no reason is given. Add 'reason:' "
                              "with why, in plain words; until then the page says no reason "
                              "was published.", "response-reason", "warning")


def progress_honest(docs: list[Document]) -> Iterator[Problem]:
    """Updates are in date order; an outcome or actions need an answer first; a reported
    review has a report. Only an order that is certainly wrong is reported."""
    for doc in docs:
        if doc.kind not in ("review", "voice"):
            continue
        if doc.kind == "review" and doc.data.get("status") == "reported" \
                and "report" not in doc.data:
            line, column = position(doc.data, "status")
            yield Problem(doc.path, line, column, "The status is 'reported' but there is no "
                          "'report:'. Add the report's summary (and a link if there is one), "
                          "or set the status to 'in-progress'.", "report-missing")
        for entry in _entries(doc):
            if "response" not in entry and ("actions" in entry or "outcome" in entry):
                line, column = position(entry, "actions" if "actions" in entry else "outcome",
                                        of_key=True)
                yield Problem(doc.path, line, column, "Actions or an outcome are given, but no "
                              "'response:' says whether the landlord accepted this. Add the "
                              "response first.", "response-missing")
            for action in _items(entry, "actions"):
                updates = _items(action, "updates")
                for before, after in zip(updates, updates[1:]):
                    first, then = PartialDate.parse(before.get("date")), \
                        PartialDate.parse(after.get("date"))
                    if first and then and then.before(first):
                        line, column = position(after, "date")
                        yield Problem(doc.path, line, column, f"This update ({then}) is dated "
                                      f"before the one above it ({first}). List updates oldest "
                                      "first.", "date-order")


def spending_within_budget(docs: list[Document]) -> Iterator[Problem]:
    """The spending listed for an estate adds up to no more than its budget, where both are
    published."""
    for doc in _of_kind(docs, "voice"):
        for spending in _items(doc.data, "spending"):
            budget = spending.get("budget")
            amounts = [s.get("amount") for s in _items(spending, "spent")]
            if not _number(budget) or not amounts or not all(_number(a) for a in amounts):
                continue
            if sum(amounts) > budget:
                line, column = position(spending, "budget")
                yield Problem(doc.path, line, column, f"The spending listed adds up to "
                              f"£{sum(amounts):,.0f}, more than the budget of £{budget:,.0f}. "
                              "Check the amounts.", "over-budget", "warning")


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def courses_have_dates(docs: list[Document]) -> Iterator[Problem]:
    """A course says when it runs: sessions, or any_time for e-learning. Otherwise tenants
    cannot take it; a warning, since dates are often not fixed yet."""
    for doc in _of_kind(docs, "training"):
        for course in _items(doc.data, "courses"):
            if not _list(course.get("sessions")) and course.get("any_time") is not True:
                line, column = position(course, "id")
                yield Problem(doc.path, line, column, f"The course '{course.get('id')}' has no "
                              "sessions. Add their dates, or 'any_time: true' for e-learning; "
                              "until then the page says no dates are published.",
                              "course-dates", "warning")


VOICE_RULES = [voice_references]
VOICE_FILE_RULES = [voice_periods, voice_ids_unique, responses_explained, progress_honest,
                    spending_within_budget, courses_have_dates]  # one file alone: see rules.py
