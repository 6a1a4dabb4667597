""""You said, we did": one entry for every recommendation of a scrutiny review and every
thing tenants said in a year's voice file, with the landlord's answer and where it stands.

An entry's state is worked out only from what the data says:

- awaiting-response: no answer is published;
- not-accepted: the landlord said no (shown as plainly as "done", with its reason);
- done: accepted (or partly) and every action agreed is reported done or stopped, at least
  one of them done: never "done" without a completed action;
- open: anything else that was accepted, including "accepted, no action recorded yet".
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from .dates import PartialDate
from .voice import AgreedAction, Outcome, Recommendation, Response, Said, ScrutinyReview

if TYPE_CHECKING:
    from .model import Landlord

AWAITING, NOT_ACCEPTED, DONE, OPEN = "awaiting-response", "not-accepted", "done", "open"
STATES = [OPEN, AWAITING, DONE, NOT_ACCEPTED]


@dataclass
class Entry:
    """One thing tenants said and what became of it."""

    key: str                       # unique in the landlord ('review.<review>.<id>' or
                                   # '<period>.<id>'; ids have no dots): the page anchor
    said: str
    source: str                    # 'review' or a Said.source
    source_label: str              # the review's title or the source in words
    source_path: str               # a page of this site, with an anchor, or ""
    source_link: str               # a web address elsewhere, or ""
    date: PartialDate | None       # when tenants said it
    period: str                    # the year, for entries from a voice file
    response: Response | None
    actions: list[AgreedAction]
    outcome: Outcome | None
    standards: list[str]
    promises: list[str]
    estate_ids: list[str]
    group_id: str
    theme: str = ""

    @property
    def state(self) -> str:
        if self.response is None:
            return AWAITING
        if self.response.decision == "not-accepted":
            return NOT_ACCEPTED
        finished = all(a.status in ("done", "stopped") for a in self.actions)
        if self.actions and finished and any(a.done for a in self.actions):
            return DONE
        return OPEN

    @property
    def completed(self) -> list[AgreedAction]:
        return [a for a in self.actions if a.done]

    def age_months(self, today: date) -> int | None:
        """Whole months an open or unanswered entry has waited, counted from the last day
        its date could be (so never more than it is); None without a date or when closed."""
        if self.state not in (OPEN, AWAITING) or self.date is None:
            return None
        since = self.date.end
        months = (today.year - since.year) * 12 + today.month - since.month
        return max(0, months - (today.day < since.day))

    def overdue(self, today: date) -> list[AgreedAction]:
        return [a for a in self.actions if a.overdue(today)] \
            if self.state != NOT_ACCEPTED else []


def review_path(review: ScrutinyReview) -> str:
    return f"{review.landlord_id}/scrutiny/{review.id}/index.md"


def complaints_path(landlord_id: str) -> str:
    return f"{landlord_id}/complaints-learning/index.md"


def _from_recommendation(review: ScrutinyReview, item: Recommendation) -> Entry:
    return Entry(f"review.{review.id}.{item.id}", item.text, "review", review.title,
                 f"{review_path(review)}#rec-{item.id}", review.report.link if review.report
                 else "", review.reported or review.started, "", item.response, item.actions,
                 item.outcome, item.standards, item.promises, review.estate_ids, review.group)


def _from_said(landlord_id: str, period: str, item: Said) -> Entry:
    path = f"{complaints_path(landlord_id)}#{period}-{item.theme}" if item.theme else ""
    return Entry(f"{period}.{item.id}", item.said, item.source, item.label, path, item.link,
                 item.date, period, item.response, item.actions, item.outcome, item.standards,
                 item.promises, item.estate_ids, item.group, item.theme)


def entries(landlord: "Landlord") -> list[Entry]:
    """Every entry of a landlord, newest first (those without a date last); worked out once
    per model, as every estate page asks (do not change the list)."""
    known = landlord.__dict__.get("_entries")
    if known is None:
        known = landlord.__dict__["_entries"] = _entries(landlord)
    return known


def _entries(landlord: "Landlord") -> list[Entry]:
    found = [_from_recommendation(review, item) for review in landlord.voice.reviews
             for item in review.recommendations]
    found += [_from_said(landlord.id, period.period, item) for period in landlord.voice.periods
              for item in period.said]
    dated = sorted((e for e in found if e.date), key=lambda e: (e.date, e.key), reverse=True)
    return dated + [e for e in found if e.date is None]


def for_estate(landlord: "Landlord", estate_id: str,
               found: list[Entry] | None = None) -> list[Entry]:
    """Entries about this estate in particular: naming it, or from a group of its own.
    `found`: the landlord's entries, when already worked out (pages for many estates)."""
    own = landlord.own_group_ids(estate_id)
    return [e for e in (entries(landlord) if found is None else found)
            if estate_id in e.estate_ids or e.group_id in own]


def for_group(landlord: "Landlord", group_id: str,
              found: list[Entry] | None = None) -> list[Entry]:
    return [e for e in (entries(landlord) if found is None else found) if e.group_id == group_id]


def overdue(found: list[Entry], today: date) -> list[tuple[Entry, AgreedAction]]:
    return [(entry, action) for entry in found for action in entry.overdue(today)]


def evidence(landlord: "Landlord", item_id: str) -> list[Entry]:
    """Answered entries that cite a standard item: the landlord showed how tenants' views
    were taken into account. An entry still awaiting an answer is not yet evidence."""
    return [e for e in entries(landlord) if item_id in e.standards and e.response is not None]


def counts(found: list[Entry]) -> dict[str, int]:
    tally = {state: 0 for state in STATES}
    for entry in found:
        tally[entry.state] += 1
    return tally
