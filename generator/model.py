"""The site model: plain objects built from valid data, used by every later stage."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path

from .loader import Document, discover, position
from .problems import Problem, errors
from .rules import CURRENT, check_rules
from .validate import CORE_STANDARDS, check_schema


@dataclass
class Source:
    """Where a piece of text came from, for translators' references."""

    file: str
    line: int


@dataclass
class StandardItem:
    id: str
    title: str
    description: str
    standard: "Standard | None" = None


@dataclass
class Standard:
    id: str
    number: int
    title: str
    description: str
    items: list[StandardItem]


@dataclass
class StandardSet:
    id: str
    title: str
    summary: str
    standards: list[Standard]
    path: str

    def items(self) -> list[StandardItem]:
        return [item for standard in self.standards for item in standard.items]


@dataclass
class Party:
    name: str
    role: str
    signed_by: str = ""


@dataclass
class Commitment:
    id: str
    standards: list[str]
    text: str


@dataclass
class Action:
    id: str
    action: str
    owner: str
    due: date
    status: str


@dataclass
class Review:
    date: date
    kind: str
    participants: list[str]
    findings: str
    outcome: str
    changes: list[str] = field(default_factory=list)
    next_review: date | None = None


@dataclass
class Compact:
    id: str
    landlord_id: str
    title: str
    scope: str
    status: str
    parties: list[Party]
    summary: str
    commitments: list[Commitment]
    review_due: date
    path: str
    agreed: date | None = None
    estate_ids: list[str] = field(default_factory=list)
    action_plan: list[Action] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)

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
    email: str = ""
    phone: str = ""
    address: str = ""
    web: str = ""


@dataclass
class Meeting:
    date: date
    time: time | None = None
    place: str = ""


@dataclass
class TRA:
    name: str
    meetings: str = ""
    contact: Contact | None = None
    recognised: date | None = None
    next_meetings: list[Meeting] = field(default_factory=list)


@dataclass
class Budget:
    amount: float
    period: str
    spent_on: str = ""


@dataclass
class Estate:
    id: str
    landlord_id: str
    name: str
    summary: str
    path: str
    area: str = ""
    homes: int | None = None
    tra: TRA | None = None
    budget: Budget | None = None


@dataclass
class Landlord:
    id: str
    name: str
    kind: str
    summary: str
    path: str
    area: str = ""
    homes: int | None = None
    federation: str = ""
    contact: Contact | None = None
    formats: str = ""
    compacts: list[Compact] = field(default_factory=list)
    estates: list[Estate] = field(default_factory=list)

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
    problems += check_rules(docs)
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
    landlords = {d.landlord: _landlord(d, sources) for d in docs if d.kind == "landlord"}
    for doc in docs:
        if doc.kind == "compact":
            landlords[doc.landlord].compacts.append(compact_from(doc, sources))
        elif doc.kind == "estate":
            landlords[doc.landlord].estates.append(_estate(doc, sources))
    for landlord in landlords.values():
        landlord.estates.sort(key=lambda e: e.name.lower())
    site = Site(standards, sorted(landlords.values(), key=lambda l: l.name.lower()), sources)
    for standard_set in standards:
        for standard in standard_set.standards:
            for item in standard.items:
                item.standard = standard
    return site


def _text(node: dict | list, key: str | int, doc: Document, sources: dict[str, list[Source]]) -> str:
    """A tenant-facing text, remembered with its place so translators can find it."""
    value = node[key] if isinstance(node, list) else node.get(key)
    if not value:
        return ""
    value = str(value).strip()
    sources.setdefault(value, []).append(Source(doc.path, position(node, key)[0]))
    return value


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _standard_set(doc: Document, sources: dict) -> StandardSet:
    data = doc.data
    standards = [
        Standard(s["id"], s["number"], _text(s, "title", doc, sources),
                 _text(s, "description", doc, sources),
                 [StandardItem(i["id"], _text(i, "title", doc, sources),
                               _text(i, "description", doc, sources)) for i in s["items"]])
        for s in data["standards"]]
    return StandardSet(data["id"], _text(data, "title", doc, sources),
                       _text(data, "summary", doc, sources), standards, doc.path)


def _contact(node: dict | None) -> Contact | None:
    return Contact(**{k: str(v) for k, v in node.items()}) if node else None


def _landlord(doc: Document, sources: dict) -> Landlord:
    d = doc.data
    return Landlord(doc.id, d["name"], d["kind"], _text(d, "summary", doc, sources), doc.path,
                    area=d.get("area", ""), homes=d.get("homes"),
                    federation=d.get("federation", ""), contact=_contact(d.get("contact")),
                    formats=_text(d, "formats", doc, sources))


def compact_from(doc: Document, sources: dict) -> Compact:
    """A Compact from a valid compact document; its texts are noted in sources."""
    d = doc.data
    text = lambda node, key: _text(node, key, doc, sources)  # noqa: E731
    return Compact(
        id=doc.id, landlord_id=doc.landlord, title=text(d, "title"), scope=d["scope"],
        status=d["status"], summary=text(d, "summary"), path=doc.path,
        parties=[Party(p["name"], p["role"], p.get("signed_by", "")) for p in d["parties"]],
        commitments=[Commitment(c["id"], list(c["standards"]), text(c, "text"))
                     for c in d["commitments"]],
        review_due=_day(d["review_due"]), agreed=_day(d.get("agreed")),
        estate_ids=list(d.get("estates", [])),
        action_plan=[Action(a["id"], text(a, "action"), a["owner"], _day(a["due"]), a["status"])
                     for a in d.get("action_plan", [])],
        reviews=[Review(_day(r["date"]), r["kind"], list(r["participants"]), text(r, "findings"),
                        text(r, "outcome"),
                        [text(r["changes"], i) for i in range(len(r.get("changes", [])))],
                        _day(r.get("next_review")))
                 for r in d.get("reviews", [])])


def _meeting(node: dict) -> Meeting:
    at = node.get("time")
    return Meeting(_day(node["date"]), time.fromisoformat(at) if at else None,
                   str(node.get("place", "")))


def _estate(doc: Document, sources: dict) -> Estate:
    d = doc.data
    tra = d.get("tra")
    budget = d.get("budget")
    return Estate(
        doc.id, doc.landlord, d["name"], _text(d, "summary", doc, sources), doc.path,
        area=d.get("area", ""), homes=d.get("homes"),
        tra=TRA(tra["name"], _text(tra, "meetings", doc, sources), _contact(tra.get("contact")),
                _day(tra.get("recognised")), [_meeting(m) for m in tra.get("next_meetings", [])])
        if tra else None,
        budget=Budget(budget["amount"], budget["period"], _text(budget, "spent_on", doc, sources))
        if budget else None)
