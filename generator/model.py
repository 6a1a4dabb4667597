"""The site model: plain objects built from valid data, used by every later stage."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from typing import Literal

from .checks import site_checks
from .fields import build, data

from .loader import Document, discover, position
from .problems import Problem, errors
from .rules import CURRENT, check_rules
from .validate import CORE_STANDARDS, check_schema


@dataclass
class Source:
    """Where a piece of text came from, for translators' references."""

    file: str
    line: int


SLUG = "^[a-z0-9]+(-[a-z0-9]+)*$"
TEXT = "Markdown such as **bold** and [links](https://example.org) is allowed."
Status = Literal["draft", "agreed", "under-review", "superseded"]


@dataclass
class StandardItem:
    """One item of a standard, which commitments cite by its id."""

    id: str = data("The standard's id, a dot, and the item's name, such as information.accessible.",
                   pattern="^[a-z0-9-]+\\.[a-z0-9-]+$")
    title: str = data("The item's name.", text=True)
    description: str = data("What the item means, in a sentence.", text=True)
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

    def items(self) -> list[StandardItem]:
        return [item for standard in self.standards for item in standard.items]


@dataclass
class Party:
    name: str = data("The organisation's name.")
    role: Literal["landlord", "federation", "tra", "tenants-panel", "other"] = data(
        "'landlord', 'federation', 'tra', 'tenants-panel' or 'other'.")
    signed_by: str = data("The person who signed, with their role.", default="")


@dataclass
class Commitment:
    id: str = data("A short name for the promise, unique in this compact.", pattern=SLUG)
    standards: list[str] = data("The Core Standard items it meets, such as "
                                "information.accessible.", min_items=1, unique=True)
    text: str = data(f"The promise, in plain English. {TEXT}", text=True)


@dataclass
class Action:
    id: str = data("A short name for the action, unique in this compact.", pattern=SLUG)
    action: str = data("What will be done.", text=True)
    owner: str = data("Who is responsible.")
    due: date = data("When it should be done by.")
    status: Literal["not-started", "in-progress", "done"] = data(
        "'not-started', 'in-progress' or 'done'.")


@dataclass
class Review:
    date: date = data("When the review took place.")
    kind: Literal["annual", "tenant-led-scrutiny", "external-audit"] = data(
        "'annual', 'tenant-led-scrutiny' or 'external-audit'.")
    participants: list[str] = data("Who took part.", min_items=1)
    findings: str = data(f"What the review found. {TEXT}", text=True)
    outcome: str = data("The result of the review.", text=True)
    changes: list[str] = data("Changes agreed at the review.", text=True, default=[])
    next_review: date | None = data("When the next review is due.", default=None)


@dataclass
class Compact:
    """A tenant participation compact: compacts/<landlord>/compacts/<compact>.yml."""

    id: str
    landlord_id: str
    path: str
    title: str = data("The compact's title.", text=True)
    scope: Literal["district", "local"] = data(
        "'district' for the whole landlord, 'local' for one estate or area.")
    status: Status = data("'draft', 'agreed', 'under-review' or 'superseded'.")
    parties: list[Party] = data("Who signed: the landlord and the tenants' organisation.",
                                min_items=2)
    review_due: date = data("The date of the next review (at least once a year).")
    summary: str = data(f"A few sentences a tenant reads first. {TEXT}", text=True)
    commitments: list[Commitment] = data("The promises in the compact.", min_items=1)
    estate_ids: list[str] = data("For a local compact: the estates it covers, by their file "
                                 "names (such as oak-court).", key="estates", min_items=1,
                                 unique=True, pattern=SLUG, default=[])
    agreed: date | None = data("The date both sides signed the compact.", default=None)
    action_plan: list[Action] = data("The actions agreed to make the compact happen.",
                                     default=[])
    reviews: list[Review] = data("Reviews of the compact so far, oldest first.", default=[])

    SCHEMA_RULES = [
        {"if": {"properties": {"scope": {"const": "local"}}, "required": ["scope"]},
         "then": {"required": ["estates"]}},
        {"if": {"properties": {"status": {"enum": ["agreed", "under-review", "superseded"]}},
                "required": ["status"]},
         "then": {"required": ["agreed"]}},
    ]

    def cited(self) -> set[str]:
        """Ids of every standard item a commitment meets."""
        return {item for c in self.commitments for item in c.standards}

    def commitments_for(self, standard: Standard) -> list[Commitment]:
        """The commitments that meet any item of one standard."""
        ids = {item.id for item in standard.items}
        return [c for c in self.commitments if ids & set(c.standards)]

    def covered(self, items: list[StandardItem]) -> int:
        """How many of these items the compact's commitments meet."""
        return len({item.id for item in items} & self.cited())

    def outside(self, standards: StandardSet) -> list[Commitment]:
        """Commitments that meet none of a set's items (they cite other standards)."""
        ids = {item.id for item in standards.items()}
        return [c for c in self.commitments if not ids & set(c.standards)]


@dataclass
class Contact:
    """How tenants can get in touch."""

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
    contact: Contact | None = data("How to get in touch with the TRA.", default=None)
    recognised: date | None = data("The date the landlord recognised the TRA.", default=None)
    next_meetings: list[Meeting] = data("Dates of the next meetings, for the calendar tenants "
                                        "can subscribe to.", default=[])


@dataclass
class Budget:
    """Money the estate's tenants decide how to spend."""

    amount: float = data("The amount in pounds, such as 12000.", minimum=0)
    period: str = data("The year it covers, such as 2025-26.", pattern="^[0-9]{4}-[0-9]{2}$")
    spent_on: str = data(f"What the money is for or was spent on. {TEXT}", text=True, default="")


@dataclass
class Estate:
    """An estate or area of homes: compacts/<landlord>/estates/<estate>.yml."""

    id: str
    landlord_id: str
    path: str
    name: str = data("The estate's name, such as 'Oak Court'.")
    summary: str = data(f"A few sentences about the estate. {TEXT}", text=True)
    area: str = data("The ward, town or neighbourhood.", default="")
    homes: int | None = data("How many homes are on the estate.", minimum=0, default=None)
    tra: TRA | None = data("The estate's tenants' and residents' association (TRA), if it "
                           "has one.", default=None)
    budget: Budget | None = data("Money the estate's tenants decide how to spend.",
                                 default=None)


@dataclass
class Landlord:
    """A council or housing association: compacts/<landlord>/landlord.yml."""

    id: str
    path: str
    name: str = data("The landlord's full name, such as 'Greenfield District Council'.")
    kind: Literal["council", "housing-association"] = data(
        "'council' or 'housing-association'.")
    summary: str = data(f"A few sentences a tenant reads first. {TEXT}", text=True)
    area: str = data("The area where the landlord's homes are.", default="")
    homes: int | None = data("How many homes the landlord rents out.", minimum=0, default=None)
    federation: str = data("The name of the tenants' umbrella body (federation), if there "
                           "is one.", default="")
    contact: Contact | None = data("How tenants can get in touch.", default=None)
    formats: str = data(f"How to ask for information in another format or language. {TEXT}",
                        text=True, default="")
    compacts: list[Compact] = field(default_factory=list)
    estates: list[Estate] = field(default_factory=list)
    results: list[Results] = field(default_factory=list)  # oldest period first

    def district_compact(self) -> Compact | None:
        """The current district-wide compact, if there is one."""
        return next((c for c in self.compacts if c.scope == "district" and c.status in CURRENT),
                    None)

    def local_compacts(self, estate_id: str) -> list[Compact]:
        return [c for c in self.compacts if c.scope == "local" and estate_id in c.estate_ids]

    def reviews_for(self, estate_id: str) -> list[tuple[Compact, Review]]:
        """Reviews of the compacts that cover an estate (its local ones and the district one)."""
        district = self.district_compact()
        compacts = self.local_compacts(estate_id) + ([district] if district else [])
        found = [(c, r) for c in compacts for r in c.reviews]
        return sorted(found, key=lambda pair: pair[1].date, reverse=True)

    def overdue_actions(self, today: date) -> list[tuple[Compact, Action]]:
        """Unfinished actions past their date, in current compacts."""
        return [(c, a) for c in self.compacts if c.status in CURRENT
                for a in c.action_plan if a.status != "done" and a.due < today]


@dataclass
class Measure:
    """A measure with a target, for the landlord or one estate."""

    id: str = data("A short name for the measure, such as active-tras.", pattern=SLUG)
    name: str = data("What is measured, in plain English.", text=True)
    unit: Literal["count", "percent", "days", "pounds", "per-1000-homes"] = data(
        "'count', 'percent', 'days', 'pounds' or 'per-1000-homes'.")
    better: Literal["higher", "lower"] = data("'higher' if a bigger number is better, "
                                              "'lower' if a smaller one is.")
    target: float = data("The target for the period.")
    actual: float = data("What was achieved in the period.")
    estate: str | None = data("The estate it is about, by file name (such as oak-court); "
                              "leave it out for the whole landlord.", pattern=SLUG, default=None)
    tsm: str | None = data("The Tenant Satisfaction Measure it reports, such as TP01.",
                           pattern="^(TP|BS|RP|CH|NM)[0-9]{2}$", default=None)
    standards: list[str] = data("Standard items this result is evidence for, such as "
                                "monitoring.targets.", unique=True, default=[])

    @property
    def met(self) -> bool:
        return self.actual >= self.target if self.better == "higher" else self.actual <= self.target


@dataclass
class Method:
    """A way of involving tenants, with what it cost and whom it reached."""

    id: str = data("A short name for the method, such as repairs-panel.", pattern=SLUG)
    name: str = data("The method's name, such as 'Repairs panel'.", text=True)
    kind: Literal["panel", "focus-group", "estate-walkabout", "digital-panel", "survey",
                  "tra-meeting", "scrutiny", "other"] = data(
        "'panel', 'focus-group', 'estate-walkabout', 'digital-panel', 'survey', "
        "'tra-meeting', 'scrutiny' or 'other'.")
    cost: float = data("What it cost in the period, in pounds.", minimum=0)
    participants: int = data("How many tenants took part.", minimum=0)
    hours: float = data("How many hours tenants gave, added up.", minimum=0)

    @property
    def cost_per_participant(self) -> float | None:
        return self.cost / self.participants if self.participants else None

    @property
    def cost_per_hour(self) -> float | None:
        return self.cost / self.hours if self.hours else None


@dataclass
class EqualityGroup:
    """One group's share among tenants' representatives and among all tenants."""

    category: Literal["age", "sex", "ethnicity", "disability"] = data(
        "'age', 'sex', 'ethnicity' or 'disability'.")
    group: str = data("The group, as the landlord records it, such as '16 to 24'.", text=True)
    representatives: float = data("Its share of representatives, in per cent.", minimum=0)
    tenants: float = data("Its share of all tenants, in per cent.", minimum=0)

    @property
    def under_represented(self) -> bool:
        """Fewer than four in five of the representatives its share of tenants would give."""
        return self.tenants >= 1 and self.representatives < 0.8 * self.tenants


@dataclass
class Results:
    """Results for one period: compacts/<landlord>/results/<period>.yml, such as 2025-26.yml."""

    landlord_id: str
    period: str
    path: str
    measures: list[Measure] = data("Measures with their target and what was achieved.",
                                   min_items=1)
    summary: str = data(f"A few sentences about the year. {TEXT}", text=True, default="")
    methods: list[Method] = data("The ways tenants were involved, with their cost.", default=[])
    equality: list[EqualityGroup] = data("Who the representatives are, beside all tenants.",
                                         default=[])

    def for_estate(self, estate_id: str | None) -> list[Measure]:
        return [m for m in self.measures if m.estate == estate_id]


# Each kind of data file and the model class that describes it.
FILE_KINDS = {"landlord": Landlord, "estate": Estate, "compact": Compact,
              "standards": StandardSet, "results": Results}


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


@dataclass
class Checked:
    """The result of reading a data folder: a site when valid, and every problem found."""

    site: Site | None
    problems: list[Problem]
    files: int


def read_site(root: Path) -> Checked:
    """Load, validate and (if there are no errors) build the site model. Never raises on data."""
    docs, problems, files = discover(root)
    for doc in docs:
        problems += check_schema(doc)
    problems += check_rules(docs) + site_checks(root, docs)
    if not any(d.kind == "standards" and d.data.get("id") == CORE_STANDARDS for d in docs):
        problems.append(Problem("standards/core-standards.yml", 1, 1, "The Core Standards file "
                                "is missing or unreadable; every compact refers to it.",
                                "missing-core-standards"))
    problems.sort()
    if errors(problems):
        return Checked(None, problems, files)
    return Checked(_build(docs), problems, files)


def _build(docs: list[Document]) -> Site:
    sources: dict[str, list[Source]] = {}
    standards = [_standard_set(d, sources) for d in docs if d.kind == "standards"]
    landlords = {d.landlord: build(Landlord, d.data, _noter(d, sources), id=d.id, path=d.path)
                 for d in docs if d.kind == "landlord"}
    for doc in docs:
        if doc.kind == "compact":
            landlords[doc.landlord].compacts.append(compact_from(doc, sources))
        elif doc.kind == "estate":
            landlords[doc.landlord].estates.append(
                build(Estate, doc.data, _noter(doc, sources), id=doc.id,
                      landlord_id=doc.landlord, path=doc.path))
        elif doc.kind == "results":
            landlords[doc.landlord].results.append(
                build(Results, doc.data, _noter(doc, sources), landlord_id=doc.landlord,
                      period=doc.id, path=doc.path))
    for landlord in landlords.values():
        landlord.estates.sort(key=lambda e: e.name.lower())
        landlord.results.sort(key=lambda r: r.period)
    return Site(standards, sorted(landlords.values(), key=lambda l: l.name.lower()), sources)


def _noter(doc: Document, sources: dict[str, list[Source]]):
    """Remembers each tenant-facing text with its place, so translators can find it."""
    def note(node: dict | list, key: str | int) -> None:
        value = str(node[key]).strip()
        if value:
            sources.setdefault(value, []).append(Source(doc.path, position(node, key)[0]))
    return note


def _standard_set(doc: Document, sources: dict) -> StandardSet:
    standard_set = build(StandardSet, doc.data, _noter(doc, sources), path=doc.path)
    for standard in standard_set.standards:
        for item in standard.items:
            item.standard = standard
    return standard_set


def compact_from(doc: Document, sources: dict) -> Compact:
    """A Compact from a valid compact document; its texts are noted in sources."""
    return build(Compact, doc.data, _noter(doc, sources), id=doc.id, landlord_id=doc.landlord,
                 path=doc.path)
