"""Statutory publications (England): the Tenant Satisfaction Measures pack and the Housing
Ombudsman Complaint Handling Code's annual report, one file each per landlord per year.

Where the data lives, and why:

- The measures themselves stay in results/<period>.yml (with `tsm:`, `part:`, `tenure:`,
  `numerator:` and `denominator:`). They are already there for the results pages, trends
  and estates; copying them into a second file would let the two disagree.
- What only the publication needs goes in its own file, tsm/<period>.yml: the tenures the
  landlord reports, the target timescales for RP02 and CH02, the summary of the survey
  approach, benchmarks and method changes. Its presence is the landlord's statement "this
  is a year we publish a TSM pack", which turns on the completeness check. A separate file
  also suits how the work is done: a survey contractor or performance team fills it in,
  the governing body signs it off, on a different day from the involvement results.
- complaints/<period>.yml holds the Complaint Handling Code report: the self-assessment,
  the year's complaint figures, learning, improvements and the governing body's response.

What the Regulator and the Ombudsman require is data in standards/ (tsm.yml says which
parts and tenures each measure is published for; complaint-handling-code.yml lists the
Code's provisions), so a change of regulation is a change of data.

This module imports nothing from the reading stages: it is model, like model.py.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .dates import PartialDate
from .fields import data

TEXT = "Markdown such as **bold** and [links](https://example.org) is allowed."
TSM_CODE = "^(TP|BS|RP|CH|NM)[0-9]{2}$"
LOW_COST_RENTAL, LOW_COST_HOME_OWNERSHIP, COMBINED = ("low-cost-rental", "low-cost-home-ownership",
                                                      "combined")
PACK_TENURES = [LOW_COST_RENTAL, LOW_COST_HOME_OWNERSHIP]
COLLECTION_METHODS = ["post", "phone", "online", "in-person"]
CODE_SET = "complaint-handling-code"
TSM_SET = "tsm"


# --- What standards/tsm.yml says each measure is published for -------------------------

@dataclass
class MeasurePart:
    """One part of a measure that is published in parts, such as RP02 (1) emergency repairs."""

    id: str = data("The part's number as the Regulator writes it, such as 1.", pattern="^[0-9]+$")
    name: str = data("The part in words, as results files write it in 'part', such as "
                     "'emergency repairs'.", text=True)


@dataclass
class Reporting:
    """How a Tenant Satisfaction Measure is published: its parts, tenures and question."""

    question: str = data("For a survey measure: the question tenants are asked, in plain "
                         "English.", text=True, default="")
    parts: list[MeasurePart] = data("The parts that are published separately, if any.",
                                    default=[])
    tenures: list[Literal[tuple([*PACK_TENURES, COMBINED])]] = data(
        "The tenures it is published for: 'low-cost-rental', 'low-cost-home-ownership' "
        "(only by landlords that have such homes) or 'combined'.", min_items=1, unique=True,
        default=[])
    timescale: bool = data("true if the landlord must publish the target timescale it uses "
                           "(RP02 and CH02).", default=False)

    def part_named(self, text: str) -> MeasurePart | None:
        """The part a results file means by 'part: emergency repairs' (or '1')."""
        wanted = text.strip().lower()
        return next((p for p in self.parts if wanted in (p.name.lower(), p.id)), None)


# --- The TSM pack: compacts/<landlord>/tsm/<period>.yml ---------------------------------

@dataclass
class Timescale:
    """A target timescale the landlord uses for a part of RP02 or CH02."""

    tsm: str = data("The measure, RP02 or CH02.", pattern=TSM_CODE)
    part: str = data("The part, as standards/tsm.yml names it, such as 'emergency repairs'.",
                     text=True)
    timescale: str = data("The target, in words, such as '24 hours' or '10 working days'.",
                          text=True)


@dataclass
class Sample:
    """The survey's numbers for one tenure."""

    tenure: Literal[tuple(PACK_TENURES)] = data("'low-cost-rental' or 'low-cost-home-ownership'.")
    achieved: int | None = data("How many tenants answered.", minimum=0, default=None)
    required: int | None = data("How many answers the Regulator's rules required.", minimum=0,
                                default=None)
    population: int | None = data("How many households the survey could have reached.",
                                  minimum=0, default=None)


@dataclass
class Approach:
    """The summary of how the tenant survey was done, as the Regulator asks; every field may
    be left out, and the page then says 'not published'."""

    samples: list[Sample] = data("Sample sizes and population, one entry per tenure.",
                                 default=[])
    fieldwork_start: PartialDate | None = data("When fieldwork began: a day, a month or a year.",
                                               default=None)
    fieldwork_end: PartialDate | None = data("When fieldwork ended: a day, a month or a year.",
                                             default=None)
    collection: list[Literal[tuple(COLLECTION_METHODS)]] = data(
        "How answers were collected: 'post', 'phone', 'online', 'in-person'.", unique=True,
        default=[])
    sample_method: Literal["census", "sample"] | None = data(
        "'census' if every household was asked, 'sample' if some were.", default=None)
    representativeness: str = data(f"How representative the answers are, and for which "
                                   f"characteristics (such as age, area, ethnicity). {TEXT}",
                                   text=True, default="")
    weighted: bool | None = data("true if the results were weighted, false if not.",
                                 default=None)
    weighting: str = data(f"How the results were weighted. {TEXT}", text=True, default="")
    carried_out_by: str = data("Who carried out the survey, such as the landlord or a named "
                               "research company.", text=True, default="")
    exclusions: str = data(f"Households left out of the survey, and why. {TEXT}", text=True,
                           default="")
    shortfall: str = data(f"Why fewer answers were achieved than required, if so. {TEXT}",
                          text=True, default="")
    incentives: str = data(f"Any incentive offered to take part, such as a prize draw. {TEXT}",
                           text=True, default="")
    issues: str = data(f"Any methodological issue that affects comparison with the previous "
                       f"year. {TEXT}", text=True, default="")


@dataclass
class Benchmark:
    """A figure to compare a measure with, such as the sector median, with its source."""

    tsm: str = data("The measure, such as TP01.", pattern=TSM_CODE)
    value: float = data("The figure, in the measure's unit.")
    label: str = data("What the figure is, such as 'Sector median' or 'Median of similar "
                      "councils'.", text=True)
    source: str = data("Where it comes from, such as 'Regulator of Social Housing, TSM data "
                       "2024-25'.", text=True)
    part: str = data("The part, for a measure published in parts.", text=True, default="")
    tenure: Literal[tuple([*PACK_TENURES, COMBINED])] | None = data(
        "The tenure it is for, if it is for one.", default=None)
    date: PartialDate | None = data("When the source was published: a day, a month or a year.",
                                    default=None)
    link: str = data("A web address of the source, starting with https://.",
                     pattern="^https?://", default="")


@dataclass
class MethodChange:
    """A change of method that affects comparison with the year before."""

    measures: list[str] = data("The measures it affects, such as [TP01, TP02].", min_items=1,
                               unique=True, pattern=TSM_CODE)
    change: str = data(f"What changed and how it affects comparison. {TEXT}", text=True)


@dataclass
class TsmPack:
    """The Tenant Satisfaction Measures pack for one year: compacts/<landlord>/tsm/<period>.yml.
    The measures themselves are in results/<period>.yml."""

    landlord_id: str
    period: str
    path: str
    tenures: list[Literal[tuple(PACK_TENURES)]] = data(
        "The kinds of homes the landlord reports for: 'low-cost-rental', and "
        "'low-cost-home-ownership' if it has shared-ownership homes.", min_items=1, unique=True)
    summary: str = data(f"A few sentences about the year's measures. {TEXT}", text=True,
                        default="")
    published: PartialDate | None = data("When the pack was published: a day, a month or a "
                                         "year.", default=None)
    timescales: list[Timescale] = data("The target timescales used for RP02 and CH02.",
                                       default=[])
    approach: Approach | None = data("How the tenant survey was done.", default=None)
    benchmarks: list[Benchmark] = data("Figures to compare with, each with its source.",
                                       default=[])
    method_changes: list[MethodChange] = data("Changes of method that affect comparison with "
                                              "the year before.", default=[])

    def timescale(self, code: str, part: str) -> Timescale | None:
        return next((t for t in self.timescales if t.tsm == code and
                     t.part.strip().lower() == part.strip().lower()), None)

    def changes_for(self, code: str) -> list[MethodChange]:
        return [c for c in self.method_changes if code in c.measures]

    def benchmarks_for(self, code: str, part: str, tenure: str | None) -> list[Benchmark]:
        return [b for b in self.benchmarks if b.tsm == code and
                b.part.strip().lower() == part.strip().lower() and b.tenure in (None, tenure)]


# --- The Complaint Handling Code report: compacts/<landlord>/complaints/<period>.yml ----

@dataclass
class Evidence:
    """A document that shows the landlord meets a provision."""

    title: str = data("What the document is, such as 'Complaints policy, section 4'.",
                      text=True)
    link: str = data("A web address of it, starting with https://.", pattern="^https?://",
                     default="")


COMPLIES = ["yes", "partly", "no"]


@dataclass
class Assessment:
    """The landlord's self-assessment against one provision of the Code."""

    provision: str = data("The Code's provision number, such as 5.1.",
                          pattern="^[0-9]+\\.[0-9]+$")
    complies: Literal[tuple(COMPLIES)] = data("'yes', 'partly' or 'no'.")
    evidence: list[Evidence] = data("Documents that show it, with links.", default=[])
    commentary: str = data(f"Explanation or comment. {TEXT}", text=True, default="")
    action: str = data(f"For 'no' or 'partly': what will be done to comply. {TEXT}",
                       text=True, default="")
    due: PartialDate | None = data("When the action will be done: a day, a month or a year.",
                                   default=None)

    @property
    def complying(self) -> bool:
        return self.complies == "yes"


@dataclass
class Refusal:
    """Complaints not accepted for one reason."""

    reason: str = data("Why they were not accepted, such as 'more than 12 months old'.",
                       text=True)
    count: int | None = data("How many.", minimum=0, default=None)


FINDINGS = ["severe-maladministration", "maladministration", "service-failure",
            "no-maladministration", "reasonable-redress", "outside-jurisdiction"]


@dataclass
class Determination:
    """One Housing Ombudsman determination about the landlord."""

    finding: Literal[tuple(FINDINGS)] = data("'" + "', '".join(FINDINGS[:-1]) + "' or '" +
                                             FINDINGS[-1] + "'.")
    reference: str = data("The Ombudsman's case reference, if published.", default="")
    summary: str = data(f"What the complaint was about. {TEXT}", text=True, default="")
    orders: list[str] = data("What the Ombudsman ordered the landlord to do.", text=True,
                             default=[])


@dataclass
class Figures:
    """The year's complaint numbers; any may be left out, and the page says 'not published'."""

    homes: int | None = data("The number of homes the 'per 1,000 homes' figures are worked "
                             "out from.", minimum=0, default=None)
    stage1_received: int | None = data("Stage 1 complaints received.", minimum=0, default=None)
    stage1_on_time: int | None = data("Stage 1 complaints answered within the Code's "
                                      "timescales.", minimum=0, default=None)
    stage2_received: int | None = data("Stage 2 complaints received.", minimum=0, default=None)
    stage2_on_time: int | None = data("Stage 2 complaints answered within the Code's "
                                      "timescales.", minimum=0, default=None)
    refused: int | None = data("Complaints not accepted into the process.", minimum=0,
                               default=None)
    refusals: list[Refusal] = data("Why complaints were not accepted.", default=[])
    determinations: list[Determination] = data("Housing Ombudsman determinations in the year.",
                                               default=[])

    def per_1000(self, count: int | None) -> float | None:
        """Per 1,000 homes, only when both numbers are published."""
        if count is None or not self.homes:
            return None
        return round(count / self.homes * 1000, 1)

    @staticmethod
    def share(part: int | None, whole: int | None) -> float | None:
        """A percentage, only when both numbers are published."""
        return round(part / whole * 100, 1) if part is not None and whole else None

    def found(self, *findings: str) -> list[Determination]:
        return [d for d in self.determinations if d.finding in findings]


@dataclass
class Theme:
    """What complaints were about, and what was learned."""

    theme: str = data("What the complaints were about, such as 'damp and mould'.", text=True)
    count: int | None = data("How many complaints, if published.", minimum=0, default=None)
    learning: str = data(f"What was learned. {TEXT}", text=True, default="")


@dataclass
class Response:
    """The governing body's response to the report."""

    body: str = data("Who responded, such as 'the Council's Cabinet' or 'the Board'.",
                     text=True)
    response: str = data(f"What it said. {TEXT}", text=True)
    date: PartialDate | None = data("When: a day, a month or a year.", default=None)
    link: str = data("A web address of the minutes or decision, starting with https://.",
                     pattern="^https?://", default="")


@dataclass
class ComplaintsReport:
    """The complaints performance and service improvement report for one year, with the
    self-assessment against the Complaint Handling Code: compacts/<landlord>/complaints/<period>.yml."""

    landlord_id: str
    period: str
    path: str
    summary: str = data(f"A few sentences about the year's complaints. {TEXT}", text=True,
                        default="")
    published: PartialDate | None = data("When the report was published: a day, a month or a "
                                         "year.", default=None)
    self_assessment: list[Assessment] = data("One entry for each provision of the Code.",
                                             default=[])
    figures: Figures | None = data("The year's complaint numbers.", default=None)
    themes: list[Theme] = data("What complaints were about, and what was learned.",
                               default=[])
    improvements: list[str] = data("Improvements made because of complaints.", text=True,
                                   default=[])
    governing_body: Response | None = data("The governing body's response to the report.",
                                           default=None)

    def assessment(self, provision: str) -> Assessment | None:
        return next((a for a in self.self_assessment if a.provision == provision), None)

    def not_complying_first(self) -> list[Assessment]:
        """'no' first, then 'partly', then 'yes'; in the Code's order within each."""
        order = {value: rank for rank, value in enumerate(COMPLIES[::-1])}
        return sorted(self.self_assessment, key=lambda a: order[a.complies])


@dataclass
class Statutory:
    """A landlord's statutory publications, by period."""

    tsm: dict[str, TsmPack] = field(default_factory=dict)
    complaints: dict[str, ComplaintsReport] = field(default_factory=dict)

    @property
    def periods(self) -> list[str]:
        """Every year with a pack or a report, newest first."""
        return sorted(set(self.tsm) | set(self.complaints), reverse=True)

    def __bool__(self) -> bool:
        return bool(self.tsm or self.complaints)


FILE_KINDS = {"tsm": TsmPack, "complaints": ComplaintsReport}


# --- What a pack must hold, worked out from standards/tsm.yml --------------------------
# One place for the rule: the check's warning and the page's list of what is missing both
# come from `gaps`.

def code_of(item) -> str:
    """'tsm.rp02' -> 'RP02'."""
    return item.id.split(".", 1)[1].upper()


def provision_of(item) -> str:
    """'chc.5-1' -> '5.1', the number the Code gives the provision."""
    return item.id.split(".", 1)[1].replace("-", ".")


@dataclass
class Required:
    """One line the pack must publish: a measure, its part if it has parts, and a tenure."""

    item: object  # the StandardItem of standards/tsm.yml
    part: MeasurePart | None
    tenure: str

    @property
    def code(self) -> str:
        return code_of(self.item)

    @property
    def regulator_code(self) -> str:
        """As the Regulator writes it: 'RP02 (1)' for a part, 'TP01' otherwise."""
        return f"{self.code} ({self.part.id})" if self.part else self.code


def required(pack: TsmPack, items: list) -> list[Required]:
    """Every (measure, part, tenure) the pack must publish, in the Regulator's order: a
    tenure the landlord does not have is not required; 'combined' always is."""
    return [Required(item, part, tenure) for item in items if item.reporting
            for part in (item.reporting.parts or [None])
            for tenure in item.reporting.tenures if tenure == COMBINED or tenure in pack.tenures]


def matches(measure, need: Required, pack: TsmPack) -> bool:
    """Whether a landlord-wide result is the one this line asks for. With one tenure the
    tenure may be left out (there is nothing to tell apart); with two it must be given."""
    if measure.tsm != need.code or measure.estate:
        return False
    if need.part:
        if need.item.reporting.part_named(measure.part) is not need.part:
            return False
    elif measure.part:
        return False
    if measure.tenure == need.tenure:
        return True
    if len(pack.tenures) == 1:
        return measure.tenure in (None, COMBINED, pack.tenures[0])
    applicable = [t for t in need.item.reporting.tenures if t == COMBINED or t in pack.tenures]
    return measure.tenure is None and len(applicable) == 1


@dataclass
class TsmRow:
    """One line of the pack's page and CSV."""

    need: Required
    measure: object | None            # this year's result, if the results file has it
    last_year: object | None          # last year's, matched the same way
    timescale: Timescale | None
    benchmarks: list[Benchmark]
    changes: list[MethodChange]

    @property
    def missing(self) -> bool:
        return self.measure is None


def tsm_rows(pack: TsmPack, measures: list, last_year: list, items: list) -> list[TsmRow]:
    """Each required line with this year's and last year's results, where published."""
    rows, used = [], set()
    for need in required(pack, items):
        now = next((m for m in measures if id(m) not in used and matches(m, need, pack)), None)
        if now is not None:
            used.add(id(now))
        before = next((m for m in last_year if matches(m, need, pack)), None)
        part = need.part.name if need.part else ""
        rows.append(TsmRow(need, now, before, pack.timescale(need.code, part) if need.part and
                           need.item.reporting.timescale else None,
                           pack.benchmarks_for(need.code, part, need.tenure),
                           pack.changes_for(need.code)))
    return rows


def unmatched(rows: list[TsmRow], measures: list) -> list:
    """Landlord-wide TSM results that fit no required line (such as a tenure given twice):
    shown too, so nothing in the data is dropped."""
    used = {id(r.measure) for r in rows if r.measure is not None}
    return [m for m in measures if m.tsm and not m.estate and id(m) not in used]


# The survey approach items the Regulator asks for; `issues` is not here because "none"
# is a fair answer that a landlord gives by leaving it out.
APPROACH_REQUIRED = ["fieldwork_start", "fieldwork_end", "collection", "sample_method",
                     "representativeness", "weighted", "carried_out_by", "exclusions",
                     "incentives"]
SAMPLE_REQUIRED = ["achieved", "required", "population"]


@dataclass
class Gap:
    """A required item the pack does not publish."""

    kind: Literal["measure", "not-reported", "timescale", "approach", "sample", "shortfall"]
    row: TsmRow | None = None
    field: str = ""
    tenure: str = ""


def gaps(pack: TsmPack, rows: list[TsmRow]) -> list[Gap]:
    """Every required item that is missing, in the order the page shows the pack."""
    found = [Gap("measure" if row.measure is None else "not-reported", row) for row in rows
             if row.measure is None or row.measure.actual is None]
    found += [Gap("timescale", row) for row in rows
              if row.need.item.reporting.timescale and row.need.part and row.timescale is None]
    approach = pack.approach or Approach()
    found += [Gap("approach", field=name) for name in APPROACH_REQUIRED
              if getattr(approach, name) in (None, "", [])]
    for tenure in pack.tenures:
        sample = next((s for s in approach.samples if s.tenure == tenure), Sample(tenure))
        found += [Gap("sample", field=name, tenure=tenure) for name in SAMPLE_REQUIRED
                  if getattr(sample, name) is None]
        if sample.achieved is not None and sample.required is not None and \
                sample.achieved < sample.required and not approach.shortfall:
            found.append(Gap("shortfall", tenure=tenure))
    return found


def previous_period(period: str) -> str:
    """'2025-26' -> '2024-25'."""
    start = int(period[:4]) - 1
    return f"{start}-{(start + 1) % 100:02d}"


def tsm_items(standards: list) -> list:
    """The measures of standards/tsm.yml that say how they are published."""
    sets = [s for s in standards if s.id == TSM_SET]
    return [item for s in sets for item in s.items() if item.reporting]


def code_provisions(standards: list) -> list:
    """The Code's provisions, in the Code's order, from standards/complaint-handling-code.yml."""
    return [item for s in standards if s.id == CODE_SET for item in s.items()]


@dataclass
class PackView:
    """A pack with its lines, what is missing, and results that fit no line."""

    pack: TsmPack
    rows: list[TsmRow]
    gaps: list[Gap]
    others: list


def pack_view(landlord, pack: TsmPack, standards: list) -> PackView:
    results = {r.period: r.for_estate(None) for r in landlord.results}
    now = results.get(pack.period, [])
    rows = tsm_rows(pack, now, results.get(previous_period(pack.period), []),
                    tsm_items(standards))
    return PackView(pack, rows, gaps(pack, rows), unmatched(rows, now))


def tsm_groups(standards: list) -> list:
    """The groups of measures (tenant perception, building safety...) in the Regulator's order."""
    return [standard for s in standards if s.id == TSM_SET for standard in s.standards]
