"""The site model: plain objects built from valid data, used by every later stage.

It imports nothing from the reading and checking stages; `site.read_site` builds it.
Unknown is a value here: a field left out of a file is None or empty, and every derived
claim (met, overdue, signed, covered) is worked out only from what is known.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from typing import Literal

from .dates import PartialDate, parse_period
from .fields import data
from .names import PERIOD_PATTERN, SLUG_PATTERN as SLUG
from .statutory import FILE_KINDS as STATUTORY_KINDS, Reporting, Statutory

CORE_STANDARDS = "core-standards"


@dataclass
class Source:
    """Where a piece of text came from, for translators' references."""

    file: str
    line: int


TEXT = "Markdown such as **bold** and [links](https://example.org) is allowed."


@dataclass
class StandardItem:
    """One item of a standard, which commitments cite by its id."""

    id: str = data("The standard's id, a dot, and the item's name, such as information.accessible.",
                   pattern="^[a-z0-9-]+\\.[a-z0-9-]+$")
    title: str = data("The item's name.", text=True)
    description: str = data("What the item means, in a sentence.", text=True)
    reporting: Reporting | None = data("For a Tenant Satisfaction Measure: how it is published.",
                                       default=None)
    standard: "Standard | None" = None


@dataclass
class Standard:
    """One standard, such as the Core Standard on meetings."""

    id: str = data("A short name in lower case letters, digits and hyphens.", pattern=SLUG)
    number: int = data("The standard's number.", minimum=1)
    title: str = data("The standard's name.", text=True)
    description: str = data("What the standard is about, in a sentence.", text=True)
    items: list[StandardItem] = data("The items of the standard.", min_items=1)


@dataclass
class StandardSet:
    """A set of standards with items that commitments cite: standards/<id>.yml."""

    path: str
    id: str = data("A short name for the set, such as core-standards.", pattern=SLUG)
    title: str = data("The set's name.", text=True)
    standards: list[Standard] = data("The standards in the set.", min_items=1)
    summary: str = data("A few sentences about the set.", text=True, default="")
    evidences: list[str] = data("Standard items that publishing any measure of this set is "
                                "evidence for, such as tia-performance.measures.", unique=True,
                                default=[])

    def items(self) -> list[StandardItem]:
        return [item for standard in self.standards for item in standard.items]


@dataclass
class Party:
    name: str = data("The organisation's name.")
    role: Literal["landlord", "federation", "tra", "tenants-panel", "group", "other"] = data(
        "'landlord', 'federation', 'tra', 'tenants-panel', 'group' or 'other'.")
    signed_by: str = data("The role of the person who signed for it, such as 'Chair of the "
                          "Federation', if the compact was signed.", default="")


@dataclass
class Consultation:
    """How tenants can comment on a draft."""

    opens: PartialDate | None = data("When comments open: a day, a month or a year.", default=None)
    closes: PartialDate | None = data("The last day for comments: a day, a month or a year.",
                                      default=None)
    how_to_respond: str = data(f"How to send comments. {TEXT}", text=True, default="")


@dataclass
class Approval:
    """A decision by the landlord alone, such as a cabinet adopting a strategy."""

    by: str = data("Who approved it, such as 'the council's Cabinet'.", text=True)
    date: PartialDate | None = data("When: a day, a month or a year.", default=None)
    reference: str = data("A web address of the decision, starting with https://.",
                          pattern="^https?://", default="")


@dataclass
class ArchivedVersion:
    """An earlier version that was never in this repository's history, from the archive."""

    date: PartialDate = data("When it was agreed or published: a day, a month or a year.")
    title: str = data("Its title.", text=True)
    summary: str = data(f"What it said, in a few sentences. {TEXT}", text=True, default="")
    link: str = data("A web address of the archived document, starting with https://.",
                     pattern="^https?://", default="")


@dataclass
class Commitment:
    id: str = data("A short name for the promise, unique in this compact.", pattern=SLUG)
    text: str = data(f"The promise, in plain English. {TEXT}", text=True)
    standards: list[str] = data("The standard items it meets, such as information.accessible.",
                                unique=True, default=[])


@dataclass
class Action:
    id: str = data("A short name for the action, unique in this compact.", pattern=SLUG)
    action: str = data("What will be done.", text=True)
    owner: str = data("Who is responsible, as a role (such as 'Tenant Involvement Manager').",
                      text=True, default="")
    due: PartialDate | None = data("When it should be done by: a day, a month or a year.",
                                   default=None)
    status: Literal["not-started", "in-progress", "done"] | None = data(
        "'not-started', 'in-progress' or 'done'; leave out if not reported.", default=None)

    def overdue(self, today: date) -> bool:
        """Known to be late: a due date that has certainly passed, and not reported done."""
        return self.status != "done" and self.due is not None and self.due.passed(today)


REVIEW_KINDS = ["annual", "tenant-led-scrutiny", "external-audit", "inspection", "consultation",
                "councillors-scrutiny", "review-conference", "other"]


@dataclass
class Review:
    date: PartialDate = data("When the review took place: a day, a month or a year.")
    kind: Literal[tuple(REVIEW_KINDS)] = data("'" + "', '".join(REVIEW_KINDS[:-1]) +
                                              "' or 'other' (then give a label).")
    label: str = data("What kind of review it was, in words, when kind is 'other'.",
                      text=True, default="")
    participants: list[str] = data("Who took part, as organisations or roles.", default=[])
    findings: str = data(f"What the review found. {TEXT}", text=True, default="")
    outcome: str = data("The result of the review.", text=True, default="")
    changes: list[str] = data("Changes agreed at the review.", text=True, default=[])
    next_review: PartialDate | None = data("When the next review is due: a day, a month or a "
                                           "year.", default=None)


STATUSES = ["draft", "agreed", "adopted", "under-review", "superseded", "expired"]
CURRENT = ("agreed", "adopted", "under-review")  # in force today
PAST = ("superseded", "expired")
SIGNED = ("agreed", "under-review", "superseded", "expired")  # signed by the parties, if agreed


@dataclass
class Compact:
    """A tenant participation compact (or a strategy or framework): compacts/<landlord>/compacts/<compact>.yml."""

    id: str
    landlord_id: str
    path: str
    title: str = data("The compact's title.", text=True)
    scope: Literal["district", "local"] = data(
        "'district' for the whole landlord, 'local' for one estate or area.")
    status: Literal[tuple(STATUSES)] = data(
        "'draft' (being written or consulted on), 'agreed' (signed by the parties), 'adopted' "
        "(approved by the landlord alone), 'under-review', 'superseded' or 'expired'.")
    parties: list[Party] = data("The landlord and the tenants' organisations it is made with.",
                                min_items=1)
    summary: str = data(f"A few sentences a tenant reads first. {TEXT}", text=True)
    commitments: list[Commitment] = data("The promises in the compact.", default=[])
    estate_ids: list[str] = data("For a local compact: the estates it covers, by their file "
                                 "names (such as oak-court).", key="estates", min_items=1,
                                 unique=True, pattern=SLUG, default=[])
    agreed: PartialDate | None = data("When the parties signed it: a day, a month or a year. "
                                      "Leave out if not known.", default=None)
    adopted: Approval | None = data("For a compact approved by the landlord alone: who "
                                    "approved it and when.", default=None)
    consultation: Consultation | None = data("For a draft: when and how tenants can comment.",
                                             default=None)
    runs: str = data("The years it runs for, such as 2022-2027.",
                     pattern="^[0-9]{4}-[0-9]{4}$", default="")
    review_due: PartialDate | None = data("When the next review is due: a day, a month or a "
                                          "year. Leave out if none has been published.",
                                          default=None)
    action_plan: list[Action] = data("The actions agreed to make the compact happen.",
                                     default=[])
    reviews: list[Review] = data("Reviews of the compact so far, oldest first.", default=[])
    archive: list[ArchivedVersion] = data("Earlier versions that are not in this repository's "
                                          "history, from the archive.", default=[])

    SCHEMA_RULES = [
        {"if": {"properties": {"scope": {"const": "local"}}, "required": ["scope"]},
         "then": {"required": ["estates"]}},
    ]

    @property
    def current(self) -> bool:
        return self.status in CURRENT

    @property
    def past(self) -> bool:
        """Replaced or run out: kept as a record, no longer reviewed."""
        return self.status in PAST

    @property
    def signed(self) -> bool:
        """Signed by the parties: agreed (now or before it was replaced) and not adopted."""
        return self.status in SIGNED and self.agreed is not None

    @property
    def period(self) -> tuple[int, int] | None:
        return parse_period(self.runs)

    def review_overdue(self, today: date) -> bool:
        """Known to be late: in force, with a published review date that has certainly passed."""
        return self.current and self.review_due is not None and self.review_due.passed(today)

    def cited(self) -> set[str]:
        """Ids of every standard item a commitment meets."""
        return {item for c in self.commitments for item in c.standards}

    def covered(self, items: list[StandardItem]) -> int:
        """How many of these items the compact's commitments meet."""
        return len({item.id for item in items} & self.cited())

    def uncovered(self, items: list[StandardItem]) -> list[StandardItem]:
        """The items no commitment meets."""
        cited = self.cited()
        return [item for item in items if item.id not in cited]

    def by_standard(self, standards: StandardSet) -> list[tuple[Standard | None, list[Commitment]]]:
        """Each commitment once, under the standard of the first item it cites in the set;
        commitments citing none of the set's items last, under None."""
        owner = {item.id: standard for standard in standards.standards for item in standard.items}
        groups: dict[str | None, list[Commitment]] = {}
        for commitment in self.commitments:
            standard = next((owner[i] for i in commitment.standards if i in owner), None)
            groups.setdefault(standard.id if standard else None, []).append(commitment)
        ordered = [(s, groups[s.id]) for s in standards.standards if s.id in groups]
        return ordered + ([(None, groups[None])] if None in groups else [])


@dataclass
class Contact:
    """How tenants can get in touch: an organisation's contact, not a person's."""

    email: str = data("An email address, such as tenants@example.gov.uk.", format="email",
                      default="")
    phone: str = data("A phone number, written as people dial it.", default="")
    address: str = data("A postal address.", default="")
    web: str = data("A web address starting with https://.", pattern="^https?://", default="")


@dataclass
class Meeting:
    date: date = data("The day of the meeting.")
    time: time | None = data("The start time on the 24-hour clock, such as 19:00.", default=None)
    place: str = data("Where the meeting is held.", default="")


@dataclass
class TRA:
    """The estate's tenants' and residents' association (TRA), if it has one."""

    name: str = data("The TRA's name.")
    meetings: str = data(f"When and where the TRA meets. {TEXT}", text=True, default="")
    how_to_join: str = data(f"How to join or get involved. {TEXT}", text=True, default="")
    contact: Contact | None = data("How to get in touch with the TRA.", default=None)
    recognised: PartialDate | None = data("When the landlord recognised the TRA: a day, a month "
                                          "or a year.", default=None)
    next_meetings: list[Meeting] = data("Dates of the next meetings, for the calendar tenants "
                                        "can subscribe to.", default=[])


GROUP_KINDS = ["federation", "area-forum", "tenants-and-homeowners-forum", "scrutiny-panel",
               "performance-review-group", "digital-panel", "youth-panel",
               "tenant-management-organisation", "tra", "other"]


@dataclass
class Group:
    """A group through which tenants take part: compacts/<landlord>/groups/<group>.yml."""

    id: str
    landlord_id: str
    path: str
    name: str = data("The group's name.")
    kind: Literal[tuple(GROUP_KINDS)] = data(
        "'" + "', '".join(GROUP_KINDS[:-1]) + "' or 'other' (then give a label).")
    label: str = data("What kind of group it is, in words, when kind is 'other'.", text=True,
                      default="")
    summary: str = data(f"What the group does, in a few sentences. {TEXT}", text=True,
                        default="")
    estate_ids: list[str] = data("The estates it covers, by file name; leave out estates and "
                                 "areas for the whole landlord.", key="estates", unique=True,
                                 pattern=SLUG, default=[])
    area_ids: list[str] = data("The areas it covers, by their id in landlord.yml.", key="areas",
                               unique=True, pattern=SLUG, default=[])
    meetings: str = data(f"When and where it meets. {TEXT}", text=True, default="")
    how_to_join: str = data(f"How to join or get involved. {TEXT}", text=True, default="")
    contact: Contact | None = data("How to get in touch with the group.", default=None)
    active: bool | None = data("true if the group is active now, false if it is not; leave "
                               "out if not known.", default=None)
    recognised: PartialDate | None = data("When the landlord recognised the group: a day, a "
                                          "month or a year.", default=None)
    next_meetings: list[Meeting] = data("Dates of the next meetings, for the calendar.",
                                        default=[])
    support: list[Support] = data("Help offered to people who take part, such as expenses "
                                  "or childcare.", default=[])

    @property
    def whole_landlord(self) -> bool:
        return not self.estate_ids and not self.area_ids


@dataclass
class Share:
    """Part of a fund given to an area, a group or an estate."""

    to: str = data("Who or what gets this part, such as 'North area forum'.")
    amount: float | None = data("The amount in pounds; leave out if not published.", minimum=0,
                                default=None)
    approximate: bool = data("true if the amount is approximate ('about').", default=False)


@dataclass
class Fund:
    """Money for tenant participation: a budget, a grant scheme or an estate fund."""

    name: str = data("The fund's name, such as 'Estate improvement fund'.", text=True)
    amount: float | None = data("The amount in pounds; leave out if not published.", minimum=0,
                                default=None)
    approximate: bool = data("true if the amount is approximate ('about £900,000').",
                             default=False)
    period: str = data("The year it covers, such as 2025-26.", pattern=PERIOD_PATTERN,
                       default="")
    purpose: str = data(f"What the money is for. {TEXT}", text=True, default="")
    decided_by: str = data("Who decides how it is spent, such as 'the TRA committee'.",
                           text=True, default="")
    split: list[Share] = data("How it is divided across areas, groups or estates.", default=[])
    grant_rule: str = data(f"How grants are worked out, in words. {TEXT}", text=True,
                           default="")
    spent_on: str = data(f"What the money was spent on. {TEXT}", text=True, default="")


@dataclass
class Budget:
    """Money the estate's tenants decide how to spend."""

    amount: float = data("The amount in pounds, such as 12000.", minimum=0)
    period: str = data("The year it covers, such as 2025-26.", pattern=PERIOD_PATTERN)
    spent_on: str = data(f"What the money is for or was spent on. {TEXT}", text=True, default="")


@dataclass
class Organisation:
    """An organisation that manages homes for the landlord."""

    name: str = data("Its name.")
    kind: str = data("What it is, in words, such as 'tenant management organisation'.",
                     text=True, default="")
    web: str = data("A web address starting with https://.", pattern="^https?://", default="")


TENURES = ["tenants", "leaseholders", "shared-owners", "homeowners", "other"]


@dataclass
class TenureCount:
    """Homes of one tenure."""

    tenure: Literal[tuple(TENURES)] = data("'" + "', '".join(TENURES[:-1]) + "' or 'other'.")
    homes: int = data("How many homes.", minimum=0)
    approximate: bool = data("true if the number is approximate.", default=False)
    label: str = data("The tenure in words, when it is 'other'.", text=True, default="")


@dataclass
class Estate:
    """An estate or area of homes: compacts/<landlord>/estates/<estate>.yml."""

    id: str
    landlord_id: str
    path: str
    name: str = data("The estate's name, such as 'Oak Court'.")
    summary: str = data(f"A few sentences about the estate. {TEXT}", text=True)
    area: str = data("The ward, town or neighbourhood.", text=True, default="")
    homes: int | None = data("How many homes are on the estate.", minimum=0, default=None)
    homes_approximate: bool = data("true if the number of homes is approximate.", default=False)
    tra: TRA | None = data("The estate's tenants' and residents' association (TRA), if it "
                           "has one. Further groups go in groups/.", default=None)
    budget: Budget | None = data("Money the estate's tenants decide how to spend: the short "
                                 "form of one fund (more go under funds).", default=None)
    funds: list[Fund] = data("Money for the estate: budgets, grants and funds.", default=[])
    managed_by: Organisation | None = data("An organisation that manages the estate for the "
                                           "landlord, such as a tenant management organisation.",
                                           default=None)


@dataclass
class Area:
    """A ward, neighbourhood or forum area that groups estates."""

    id: str = data("A short name in lower case letters, digits and hyphens.", pattern=SLUG)
    name: str = data("The area's name.")
    kind: Literal["ward", "neighbourhood", "forum-area", "other"] = data(
        "'ward', 'neighbourhood', 'forum-area' or 'other'.", default="other")
    estate_ids: list[str] = data("The estates in the area, by file name.", key="estates",
                                 unique=True, pattern=SLUG, default=[])


@dataclass
class Landlord:
    """A council or housing association: compacts/<landlord>/landlord.yml."""

    id: str
    path: str
    name: str = data("The landlord's full name, such as 'Greenfield District Council'.")
    kind: Literal["council", "housing-association", "other"] = data(
        "'council', 'housing-association' or 'other'.")
    summary: str = data(f"A few sentences a tenant reads first. {TEXT}", text=True)
    area: str = data("The area where the landlord's homes are.", text=True, default="")
    homes: int | None = data("How many homes the landlord rents out or manages.", minimum=0,
                             default=None)
    homes_approximate: bool = data("true if the number of homes is approximate ('about "
                                   "55,000').", default=False)
    homes_note: str = data("What the number of homes includes, such as 'including "
                           "homeowners'.", text=True, default="")
    tenures: list[TenureCount] = data("Homes broken down by tenure.", default=[])
    federation: str = data("The name of the tenants' umbrella body (federation), if there "
                           "is one.", default="")
    contact: Contact | None = data("How tenants can get in touch.", default=None)
    formats: str = data(f"How to ask for information in another format or language. {TEXT}",
                        text=True, default="")
    areas: list[Area] = data("Wards, neighbourhoods or forum areas that group estates.",
                             default=[])
    funds: list[Fund] = data("Money for tenant participation across the landlord.", default=[])
    managed_by: Organisation | None = data("An organisation that manages the homes for the "
                                           "landlord.", default=None)
    require_full_coverage: bool = data("true to make a district-wide compact that leaves a Core "
                                       "Standard item uncovered an error, not a warning.",
                                       default=False)
    compacts: list[Compact] = field(default_factory=list)
    estates: list[Estate] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    results: list[Results] = field(default_factory=list)  # oldest period first
    voice: Voice = field(default_factory=lambda: Voice())  # scrutiny, you said we did, training
    statutory: Statutory = field(default_factory=Statutory)  # TSM packs, complaints reports

    def district_compact(self) -> Compact | None:
        """The current district-wide compact, if there is one."""
        return next((c for c in self.compacts if c.scope == "district" and c.current), None)

    def compacts_by_status(self) -> dict[str, list[Compact]]:
        """Every compact once: 'current', 'draft' (being written or consulted on), 'past'."""
        found: dict[str, list[Compact]] = {"current": [], "draft": [], "past": []}
        for compact in self.compacts:
            found["current" if compact.current else "draft" if compact.status == "draft"
                  else "past"].append(compact)
        return found

    def local_compacts(self, estate_id: str) -> list[Compact]:
        return self._index().local_compacts.get(estate_id, [])

    def estate(self, estate_id: str) -> Estate | None:
        return self._index().estates.get(estate_id)

    def areas_of(self, estate_id: str) -> list[Area]:
        return self._index().areas.get(estate_id, [])

    def groups_for(self, estate_id: str) -> list[Group]:
        """Every group that covers an estate: its own, its areas', and landlord-wide ones."""
        areas = {a.id for a in self.areas_of(estate_id)}
        index = self._index()
        found = {id(g): g for g in index.landlord_wide}
        found.update((id(g), g) for g in index.groups.get(estate_id, []))
        found.update((id(g), g) for area in areas for g in index.area_groups.get(area, []))
        return sorted(found.values(), key=lambda g: index.group_order[id(g)])  # the file order

    def own_group_ids(self, estate_id: str) -> set[str]:
        """The groups of this estate alone (its TRA, say), not shared with other estates."""
        return self._index().own_groups.get(estate_id, set())

    def has_estate_results(self, estate_id: str) -> bool:
        """Whether any period's results report a measure for this estate."""
        return estate_id in self._index().with_results

    def has_estate_spending(self, estate_id: str) -> bool:
        """Whether any year's voice file records spending on this estate."""
        return estate_id in self._index().with_spending

    def __getstate__(self) -> dict:
        """Without the lookups (keyed by object identity): another process makes its own."""
        return {k: v for k, v in self.__dict__.items() if k not in ("_lookups", "_entries")}

    def _index(self) -> _LandlordIndex:
        """Lookups by estate, made once the model is complete: every estate page asks them,
        and a scan of every compact and group per page would make the build quadratic."""
        index = self.__dict__.get("_lookups")
        if index is None:
            index = self.__dict__["_lookups"] = _LandlordIndex.of(self)
        return index

    def reviews_for(self, estate_id: str) -> list[tuple[Compact, Review]]:
        """Reviews of the compacts that cover an estate (its local ones and the district one)."""
        district = self.district_compact()
        compacts = self.local_compacts(estate_id) + ([district] if district else [])
        found = [(c, r) for c in compacts for r in c.reviews]
        return sorted(found, key=lambda pair: pair[1].date, reverse=True)

    def overdue_reviews(self, today: date) -> list[Compact]:
        return [c for c in self.compacts if c.review_overdue(today)]

    def overdue_actions(self, today: date) -> list[tuple[Compact, Action]]:
        """Unfinished actions known to be past their date, in current compacts."""
        return [(c, a) for c in self.compacts if c.current for a in c.action_plan
                if a.overdue(today)]

    def undated(self) -> list[Compact]:
        """Current compacts with no published review date (never called overdue)."""
        return [c for c in self.compacts if c.current and c.review_due is None]


@dataclass
class _LandlordIndex:
    """A landlord's things by estate id (see Landlord._index)."""

    estates: dict[str, Estate]
    local_compacts: dict[str, list[Compact]]
    areas: dict[str, list[Area]]
    groups: dict[str, list[Group]]
    area_groups: dict[str, list[Group]]
    landlord_wide: list[Group]
    with_results: set[str]
    with_spending: set[str]
    own_groups: dict[str, set[str]] = field(default_factory=dict)
    group_order: dict[int, int] = field(default_factory=dict)  # by id(group): the file order

    @classmethod
    def of(cls, landlord: Landlord) -> _LandlordIndex:
        index = cls({e.id: e for e in reversed(landlord.estates)}, {}, {}, {}, {}, [], set(), set())
        for compact in landlord.compacts:
            if compact.scope == "local":
                for estate_id in dict.fromkeys(compact.estate_ids):
                    index.local_compacts.setdefault(estate_id, []).append(compact)
        for area in landlord.areas:
            for estate_id in dict.fromkeys(area.estate_ids):
                index.areas.setdefault(estate_id, []).append(area)
        for order, group in enumerate(landlord.groups):
            index.group_order[id(group)] = order
            if len(group.estate_ids) == 1:
                index.own_groups.setdefault(group.estate_ids[0], set()).add(group.id)
            if group.whole_landlord:
                index.landlord_wide.append(group)
            for estate_id in group.estate_ids:
                index.groups.setdefault(estate_id, []).append(group)
            for area_id in group.area_ids:
                index.area_groups.setdefault(area_id, []).append(group)
        index.with_results = {m.estate for r in landlord.results for m in r.measures if m.estate}
        index.with_spending = {s.estate for p in landlord.voice.periods for s in p.spending
                               if s.estate}
        return index


TENURE_MEASURES = ["low-cost-rental", "low-cost-home-ownership", "combined"]
MET, NOT_MET, NO_TARGET, NOT_REPORTED = "met", "not-met", "no-target", "not-reported"


@dataclass
class Measure:
    """A measure, for the landlord or one estate, with its target if one was set."""

    id: str = data("A short name for the measure, such as active-tras.", pattern=SLUG)
    name: str = data("What is measured, in plain English.", text=True)
    unit: Literal["count", "percent", "days", "pounds", "per-1000-homes"] = data(
        "'count', 'percent', 'days', 'pounds' or 'per-1000-homes'.")
    better: Literal["higher", "lower"] = data("'higher' if a bigger number is better, "
                                              "'lower' if a smaller one is.")
    target: float | None = data("The target for the period; leave out if none was set.",
                                default=None)
    actual: float | None = data("What was achieved in the period; leave out and give "
                                "not_reported if it was not reported.", default=None)
    not_reported: str = data("Why there is no result, such as 'no reliable data after the "
                             "transfer'.", text=True, default="")
    part: str = data("The part of the measure, such as 'emergency repairs' or 'stage 1'.",
                     text=True, default="")
    tenure: Literal[tuple(TENURE_MEASURES)] | None = data(
        "'low-cost-rental', 'low-cost-home-ownership' or 'combined'.", default=None)
    numerator: float | None = data("The number counted (such as satisfied tenants), if "
                                   "published.", minimum=0, default=None)
    denominator: float | None = data("The number it is out of (such as tenants asked), if "
                                     "published.", minimum=0, default=None)
    sample_size: int | None = data("How many tenants answered, for a survey measure.",
                                   minimum=0, default=None)
    estate: str | None = data("The estate it is about, by file name (such as oak-court); "
                              "leave it out for the whole landlord.", pattern=SLUG, default=None)
    tsm: str | None = data("The Tenant Satisfaction Measure it reports, such as TP01.",
                           pattern="^(TP|BS|RP|CH|NM)[0-9]{2}$", default=None)
    standards: list[str] = data("Standard items this result is evidence for, such as "
                                "monitoring.targets.", unique=True, default=[])

    @property
    def key(self) -> tuple:
        """What makes a measure one line of a trend: the measure, its part and tenure."""
        return (self.id, self.part, self.tenure or "")

    @property
    def status(self) -> str:
        """met, not-met, no-target or not-reported: never 'met' without a target and a result."""
        if self.actual is None:
            return NOT_REPORTED
        if self.target is None:
            return NO_TARGET
        won = self.actual >= self.target if self.better == "higher" else self.actual <= self.target
        return MET if won else NOT_MET

    @property
    def met(self) -> bool | None:
        """True or False where a target and a result are known; None otherwise."""
        return {MET: True, NOT_MET: False}.get(self.status)


@dataclass
class Method:
    """A way of involving tenants, with what it cost and whom it reached, where known."""

    id: str = data("A short name for the method, such as repairs-panel.", pattern=SLUG)
    name: str = data("The method's name, such as 'Repairs panel'.", text=True)
    kind: Literal["panel", "focus-group", "estate-walkabout", "digital-panel", "survey",
                  "tra-meeting", "scrutiny", "other"] = data(
        "'panel', 'focus-group', 'estate-walkabout', 'digital-panel', 'survey', "
        "'tra-meeting', 'scrutiny' or 'other'.")
    cost: float | None = data("What it cost in the period, in pounds.", minimum=0, default=None)
    participants: int | None = data("How many tenants took part.", minimum=0, default=None)
    hours: float | None = data("How many hours tenants gave, added up.", minimum=0, default=None)

    @property
    def cost_per_participant(self) -> float | None:
        return self.cost / self.participants if self.cost is not None and self.participants \
            else None

    @property
    def cost_per_hour(self) -> float | None:
        return self.cost / self.hours if self.cost is not None and self.hours else None


@dataclass
class EqualityGroup:
    """One group's share among tenants' representatives and among all tenants."""

    category: Literal["age", "sex", "ethnicity", "disability"] = data(
        "'age', 'sex', 'ethnicity' or 'disability'.")
    group: str = data("The group, as the landlord records it, such as '16 to 24'.", text=True)
    representatives: float | None = data("Its share of representatives, in per cent.",
                                         minimum=0, default=None)
    tenants: float | None = data("Its share of all tenants, in per cent.", minimum=0,
                                 default=None)

    @property
    def under_represented(self) -> bool | None:
        """Fewer than four in five of the representatives its share of tenants would give;
        None when either share is not known."""
        if self.representatives is None or self.tenants is None:
            return None
        return self.tenants >= 1 and self.representatives < 0.8 * self.tenants


@dataclass
class Results:
    """Results for one period: compacts/<landlord>/results/<period>.yml, such as 2025-26.yml."""

    landlord_id: str
    period: str
    path: str
    measures: list[Measure] = data("Measures with what was achieved, and the target if one "
                                   "was set.", default=[])
    summary: str = data(f"A few sentences about the year. {TEXT}", text=True, default="")
    methods: list[Method] = data("The ways tenants were involved, with their cost.", default=[])
    equality: list[EqualityGroup] = data("Who the representatives are, beside all tenants.",
                                         default=[])

    def for_estate(self, estate_id: str | None) -> list[Measure]:
        """The measures of one estate (None: the landlord's own), looked up, not searched:
        every estate page asks, and a search per page would make the build quadratic."""
        by_estate = self.__dict__.get("_by_estate")
        if by_estate is None:
            by_estate = self.__dict__["_by_estate"] = {}
            for measure in self.measures:
                by_estate.setdefault(measure.estate, []).append(measure)
        return list(by_estate.get(estate_id, []))


# Each kind of data file and the model class that describes it.
FILE_KINDS = {"landlord": Landlord, "estate": Estate, "compact": Compact, "group": Group,
              "standards": StandardSet, "results": Results, **STATUTORY_KINDS}


@dataclass
class Site:
    """Everything the data files say, checked and linked."""

    standards: list[StandardSet]
    landlords: list[Landlord]
    sources: dict[str, list[Source]] = field(default_factory=dict)

    @property
    def core(self) -> StandardSet:
        return next(s for s in self.standards if s.id == CORE_STANDARDS)

    def item(self, item_id: str) -> StandardItem | None:
        return next((i for s in self.standards for i in s.items() if i.id == item_id), None)


# Tenant voice (scrutiny, "you said, we did", training) lives in its own module, which builds
# on the classes above; imported last so that it can.
from .voice import VOICE_FILE_KINDS, Support, Voice  # noqa: E402

FILE_KINDS.update(VOICE_FILE_KINDS)
