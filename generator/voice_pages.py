"""The tenant-voice pages of a landlord: get involved, "you said, we did" (for the landlord,
each estate and each group that has entries), each scrutiny review, and complaints learning."""
from __future__ import annotations

from typing import TYPE_CHECKING

from . import influence
from .influence import complaints_path, review_path
from .voice import next_session
if TYPE_CHECKING:
    from .pages import PageSpec
    from .i18n import Translations
    from .model import Landlord


def get_involved_path(landlord_id: str) -> str:
    return f"{landlord_id}/get-involved/index.md"


def you_said_path(landlord_id: str, estate_id: str = "", group_id: str = "") -> str:
    if estate_id:
        return f"{landlord_id}/estates/{estate_id}/you-said-we-did/index.md"
    return f"{landlord_id}/you-said-we-did/{group_id + '/' if group_id else ''}index.md"


def helpers() -> dict:
    """What the voice templates (and the voice parts of other pages) need."""
    return {"review_path": review_path, "complaints_path": complaints_path,
            "get_involved_path": get_involved_path, "you_said_path": you_said_path,
            "estate_entries": influence.for_estate, "group_entries": influence.for_group,
            "voice_counts": influence.counts, "overdue_of": influence.overdue,
            "voice_evidence": influence.evidence, "next_session": next_session}


def voice_pages(landlord: "Landlord", t: "Translations") -> list["PageSpec"]:
    """Every tenant-voice page of one landlord."""
    from .pages import PageSpec  # pages.py imports this module first
    _ = t.gettext
    base = {"landlord": landlord}
    everything = influence.entries(landlord)
    # A TRA's entries are on its estate's page; other groups with entries get their own.
    by_group = [(g, found) for g in landlord.groups if g.kind != "tra"
                for found in [influence.for_group(landlord, g.id, everything)] if found]
    pages = [PageSpec(get_involved_path(landlord.id), _("Get involved: %(name)s") % {
                 "name": landlord.name}, "get_involved.html", base),
             PageSpec(you_said_path(landlord.id), _("You said, we did: %(name)s") % {
                 "name": landlord.name}, "you_said.html",
                 {**base, "entries": everything, "estate": None, "group": None,
                  "group_pages": [g for g, _found in by_group]})]
    said_somewhere = {i for e in everything for i in e.estate_ids} | \
        {i for g in landlord.groups if any(e.group_id == g.id for e in everything)
         for i in g.estate_ids}
    for estate in (e for e in landlord.estates if e.id in said_somewhere):
        found = influence.for_estate(landlord, estate.id, everything)
        if found:
            pages.append(PageSpec(you_said_path(landlord.id, estate_id=estate.id),
                                  _("You said, we did: %(name)s") % {"name": estate.name},
                                  "you_said.html", {**base, "entries": found, "estate": estate,
                                                    "group": None}))
    for group, found in by_group:
        pages.append(PageSpec(you_said_path(landlord.id, group_id=group.id),
                              _("You said, we did: %(name)s") % {"name": group.name},
                              "you_said.html", {**base, "entries": found, "estate": None,
                                                "group": group}))
    for review in landlord.voice.reviews:
        group = next((g for g in landlord.groups if g.id == review.group), None)
        pages.append(PageSpec(review_path(review), t.gettext(review.title), "scrutiny_review.html",
                              {**base, "review": review, "group": group, "entries": [
                                  e for e in everything
                                  if e.source_path.startswith(review_path(review) + "#")]}))
    if any(period.complaints for period in landlord.voice.periods):
        pages.append(PageSpec(complaints_path(landlord.id), _("Learning from complaints: "
                                                              "%(name)s") % {"name": landlord.name},
                              "complaints_learning.html", base))
    return pages
