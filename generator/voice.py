"""Tenant voice: scrutiny reviews, "you said, we did", complaints learning, training, estate
spending and involvement in numbers, as plain objects built from valid data.

Three kinds of file, each read by one class here (registered in model.FILE_KINDS):

    compacts/<landlord>/scrutiny/<review>.yml   ScrutinyReview: a group's review of a service
    compacts/<landlord>/voice/<period>.yml      VoicePeriod: what tenants said in a year and
                                                what was done; complaints learning; estate
                                                spending; residents involved, by activity
    compacts/<landlord>/training/<name>.yml     TrainingProgramme: courses and their dates

Complaints learning is kept here, in the year's voice file, and not in the statutory
complaints report: it is the record of what tenants' complaints taught the landlord and what
changed, which "you said, we did" links to.

Truth rules, as everywhere: a recommendation without a response is "awaiting a response";
an entry is "done" only when every action agreed for it is reported done (so never without
a completed action); "overdue" needs a due date that has certainly passed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from typing import Literal

from .dates import PartialDate
from .fields import data
from .model import TEXT, Contact, Meeting
from .names import SLUG_PATTERN as SLUG

URL = "^https?://"
ITEM = "^[a-z0-9-]+\\.[a-z0-9-]+$"
PROMISE = "^[a-z0-9]+(-[a-z0-9]+)*\\.[a-z0-9]+(-[a-z0-9]+)*$"

SUPPORT_KINDS = ["expenses", "childcare", "transport", "training", "accessible-venue",
                 "online", "in-person", "interpreter", "other"]


@dataclass
class Support:
    """Help offered to people who take part, such as paid bus fares or childcare."""

    kind: Literal[tuple(SUPPORT_KINDS)] = data(
        "'" + "', '".join(SUPPORT_KINDS[:-1]) + "' or 'other'.")
    details: str = data(f"What is offered and how to ask for it, in plain words. {TEXT}",
                        text=True, default="")


DECISIONS = ["accepted", "partly-accepted", "not-accepted"]


@dataclass
class Response:
    """The landlord's answer to what tenants said."""

    decision: Literal[tuple(DECISIONS)] = data(
        "'accepted', 'partly-accepted' or 'not-accepted'.")
    reason: str = data(f"Why, in plain words; needed when it is not (or only partly) "
                       f"accepted. {TEXT}", text=True, default="")
    date: PartialDate | None = data("When the landlord answered: a day, a month or a year.",
                                    default=None)
    by: str = data("Who answered, as a role or body, such as 'the Housing Committee'.",
                   default="")


ACTION_STATES = ["not-started", "in-progress", "done", "stopped"]


@dataclass
class Update:
    """Where an action stood on a date: its status over time, oldest first."""

    date: PartialDate = data("When: a day, a month or a year.")
    status: Literal[tuple(ACTION_STATES)] = data(
        "'not-started', 'in-progress', 'done' or 'stopped'.")
    note: str = data(f"What happened, in a sentence. {TEXT}", text=True, default="")


@dataclass
class AgreedAction:
    """An action the landlord agreed, with an owner (a role, not a name) and a due date."""

    id: str = data("A short name for the action, unique in this file.", pattern=SLUG)
    action: str = data(f"What will be done. {TEXT}", text=True)
    owner: str = data("Who is responsible, as a role, such as 'Repairs Manager'.", text=True,
                      default="")
    due: PartialDate | None = data("When it should be done by: a day, a month or a year.",
                                   default=None)
    updates: list[Update] = data("Its status over time, oldest first; leave out if no "
                                 "progress has been reported.", default=[])

    @property
    def status(self) -> str | None:
        """The latest reported status; None if progress was never reported."""
        return self.updates[-1].status if self.updates else None

    @property
    def done(self) -> bool:
        return self.status == "done"

    @property
    def done_on(self) -> PartialDate | None:
        return self.updates[-1].date if self.done else None

    def overdue(self, today: date) -> bool:
        """Known to be late: a due date that has certainly passed, not reported done or stopped."""
        return self.status not in ("done", "stopped") and self.due is not None \
            and self.due.passed(today)


@dataclass
class Outcome:
    """What changed for tenants, and money saved or spent, where known."""

    changed: str = data(f"What changed for tenants. {TEXT}", text=True)
    date: PartialDate | None = data("When: a day, a month or a year.", default=None)
    saved: float | None = data("Money saved in pounds a year, if known.", minimum=0,
                               default=None)
    spent: float | None = data("Money spent in pounds, if known.", minimum=0, default=None)


@dataclass
class Recommendation:
    """One recommendation of a scrutiny review and what became of it."""

    id: str = data("A short name, unique in the review, such as longer-slots.", pattern=SLUG)
    text: str = data(f"What the group recommended, in plain words. {TEXT}", text=True)
    response: Response | None = data("The landlord's answer; leave out while it is awaited.",
                                     default=None)
    actions: list[AgreedAction] = data("The actions agreed.", default=[])
    outcome: Outcome | None = data("What changed, once something has.", default=None)
    standards: list[str] = data("Standard items this is evidence for, such as "
                                "tia-engagement.influence.", unique=True, pattern=ITEM,
                                default=[])
    promises: list[str] = data("Compact promises this is evidence for, as "
                               "<compact>.<promise>, such as district.you-said-we-did.",
                               unique=True, pattern=PROMISE, default=[])


@dataclass
class Participants:
    """Who took part, as a role and a count: never names."""

    role: str = data("The role, such as 'tenant panel members' or 'young inspectors'.",
                     text=True)
    count: int | None = data("How many; leave out if not known.", minimum=0, default=None)


@dataclass
class Report:
    summary: str = data(f"What the report found, in a few sentences. {TEXT}", text=True)
    link: str = data("A web address of the full report, starting with https://.",
                     pattern=URL, default="")
    date: PartialDate | None = data("When the report was given to the landlord: a day, a "
                                    "month or a year.", default=None)


METHODS = ["mystery-shopping", "peer-review", "survey", "interviews", "data-analysis",
           "focus-group", "site-visit", "other"]
REVIEW_STATES = ["planned", "in-progress", "reported"]


@dataclass
class ScrutinyReview:
    """A review of a service by a tenants' group: compacts/<landlord>/scrutiny/<review>.yml."""

    id: str
    landlord_id: str
    path: str
    title: str = data("The review's title.", text=True)
    group: str = data("The group that did it, by its file name in groups/ (or <estate>-tra "
                      "for an estate's TRA).", pattern=SLUG)
    service: str = data("The service examined, such as 'Repairs appointments'.", text=True)
    status: Literal[tuple(REVIEW_STATES)] = data(
        "'planned', 'in-progress' or 'reported' (the report has been given to the landlord).")
    why_chosen: str = data(f"Why the group chose it. {TEXT}", text=True, default="")
    methods: list[Literal[tuple(METHODS)]] = data(
        "How it was done: " + ", ".join(METHODS) + ".", unique=True, default=[])
    participants: list[Participants] = data("Who took part: roles and counts, not names.",
                                            default=[])
    started: PartialDate | None = data("When it started: a day, a month or a year.",
                                       default=None)
    estate_ids: list[str] = data("The estates it looked at, if not the whole landlord.",
                                 key="estates", unique=True, pattern=SLUG, default=[])
    report: Report | None = data("The report, once there is one.", default=None)
    next_meetings: list[Meeting] = data("The group's next sessions for this review, for the "
                                        "calendar.", default=[])
    recommendations: list[Recommendation] = data("The recommendations and what became of "
                                                 "them.", default=[])

    @property
    def reported(self) -> PartialDate | None:
        return self.report.date if self.report else None


SOURCES = ["consultation", "survey", "meeting", "complaints", "other"]


@dataclass
class Said:
    """Something tenants said outside a scrutiny review, and what the landlord did."""

    id: str = data("A short name, unique in the file.", pattern=SLUG)
    source: Literal[tuple(SOURCES)] = data(
        "Where tenants said it: 'consultation', 'survey', 'meeting', 'complaints' or 'other'.")
    said: str = data(f"What tenants said, in plain words. {TEXT}", text=True)
    date: PartialDate | None = data("When tenants said it: a day, a month or a year.",
                                    default=None)
    label: str = data("The source in words, such as 'Rent consultation 2025'.", text=True,
                      default="")
    link: str = data("A web address of the source, starting with https://.", pattern=URL,
                     default="")
    group: str = data("For a meeting: the group, by its file name in groups/ (or "
                      "<estate>-tra).", pattern=SLUG, default="")
    theme: str = data("For complaints: the complaint theme's id in this file.", pattern=SLUG,
                      default="")
    estate_ids: list[str] = data("The estates it is about, if not the whole landlord.",
                                 key="estates", unique=True, pattern=SLUG, default=[])
    response: Response | None = data("The landlord's answer; leave out while it is awaited.",
                                     default=None)
    actions: list[AgreedAction] = data("The actions agreed.", default=[])
    outcome: Outcome | None = data("What changed, once something has.", default=None)
    standards: list[str] = data("Standard items this is evidence for.", unique=True,
                                pattern=ITEM, default=[])
    promises: list[str] = data("Compact promises this is evidence for, as "
                               "<compact>.<promise>.", unique=True, pattern=PROMISE,
                               default=[])


@dataclass
class ComplaintTheme:
    id: str = data("A short name, unique in the file, such as damp-and-mould.", pattern=SLUG)
    theme: str = data("What the complaints were about.", text=True)
    complaints: int | None = data("How many complaints, if published.", minimum=0,
                                  default=None)
    learning: str = data(f"What the landlord learned. {TEXT}", text=True, default="")
    changed: str = data(f"What changed as a result. {TEXT}", text=True, default="")


@dataclass
class ComplaintsLearning:
    """What complaints taught the landlord in a year, and the part tenants played."""

    summary: str = data(f"A few sentences about the year. {TEXT}", text=True, default="")
    tenants_role: str = data(f"The part tenants played, such as a panel reviewing closed "
                             f"complaints. {TEXT}", text=True, default="")
    themes: list[ComplaintTheme] = data("The complaint themes.", default=[])


ACTIVITIES = ["decision-making", "performance-monitoring", "complaints-handling", "scrutiny",
              "youth", "estate-panels", "other"]


@dataclass
class Involvement:
    """How many residents took part in one kind of activity in the year."""

    activity: Literal[tuple(ACTIVITIES)] = data("'" + "', '".join(ACTIVITIES[:-1]) +
                                                "' or 'other' (then give a label).")
    label: str = data("The activity in words, when it is 'other'.", text=True, default="")
    residents: int | None = data("How many residents; leave out if not known.", minimum=0,
                                 default=None)
    approximate: bool = data("true if the number is approximate.", default=False)


@dataclass
class InvolvedShare:
    """One group's share among residents involved, and among all tenants, where known."""

    category: Literal["age", "sex", "ethnicity", "disability"] = data(
        "'age', 'sex', 'ethnicity' or 'disability'.")
    group: str = data("The group, as the landlord records it, such as 'under 25'.", text=True)
    involved: float | None = data("Its share of residents involved, in per cent.", minimum=0,
                                  default=None)
    tenants: float | None = data("Its share of all tenants, in per cent.", minimum=0,
                                 default=None)


@dataclass
class Spend:
    on: str = data("What the money was spent on.", text=True)
    amount: float | None = data("How much, in pounds; leave out if not published.", minimum=0,
                                default=None)
    date: PartialDate | None = data("When it was decided: a day, a month or a year.",
                                    default=None)
    decided_by: str = data("Who decided, if not the body named for the estate, such as 'a "
                           "vote of residents'.", text=True, default="")


@dataclass
class EstateSpending:
    """What one estate's budget was spent on in the year, who decided, and what is left."""

    estate: str = data("The estate, by file name.", pattern=SLUG)
    budget: float | None = data("The budget for the year, in pounds, if published.",
                                minimum=0, default=None)
    decided_by: str = data("Who decides, such as 'the elected estate panel'.", text=True,
                           default="")
    left: float | None = data("What is left, in pounds, as published; leave out if not "
                              "published (it is never worked out).", minimum=0, default=None)
    spent: list[Spend] = data("What was spent.", default=[])

    @property
    def recorded(self) -> float | None:
        """The spending listed, added up; None unless every amount is published."""
        amounts = [s.amount for s in self.spent]
        return sum(amounts) if amounts and None not in amounts else None


@dataclass
class VoicePeriod:
    """One year of tenant voice: compacts/<landlord>/voice/<period>.yml, such as 2025-26.yml."""

    landlord_id: str
    period: str
    path: str
    summary: str = data(f"A few sentences about the year. {TEXT}", text=True, default="")
    said: list[Said] = data("What tenants said in consultations, surveys, meetings and "
                            "complaints, and what the landlord did.", default=[])
    complaints: ComplaintsLearning | None = data("What complaints taught the landlord.",
                                                 default=None)
    involvement: list[Involvement] = data("Residents involved, by activity.", default=[])
    equality: list[InvolvedShare] = data("Who the residents involved are, beside all "
                                         "tenants, where known.", default=[])
    spending: list[EstateSpending] = data("What estate budgets were spent on.", default=[])


COURSE_KINDS = ["accredited", "local", "e-learning", "other"]


@dataclass
class Session:
    date: date = data("The day of the session.")
    time: time | None = data("The start time on the 24-hour clock, such as 10:00.",
                             default=None)
    place: str = data("Where it is held, or 'Online'.", default="")


@dataclass
class Course:
    id: str = data("A short name, unique in the file.", pattern=SLUG)
    title: str = data("The course's name.", text=True)
    kind: Literal[tuple(COURSE_KINDS)] = data(
        "'accredited' (a recognised qualification), 'local', 'e-learning' or 'other'.")
    summary: str = data(f"What it covers and who it is for. {TEXT}", text=True, default="")
    accreditation: str = data("The qualification it leads to, if accredited.", text=True,
                              default="")
    sessions: list[Session] = data("The dates it runs.", default=[])
    any_time: bool = data("true for e-learning that can be done at any time.", default=False)

    def upcoming(self, today: date) -> list[Session]:
        return [s for s in self.sessions if s.date >= today]


@dataclass
class TrainingProgramme:
    """Training for tenants who take part: compacts/<landlord>/training/<programme>.yml."""

    id: str
    landlord_id: str
    path: str
    title: str = data("The programme's name.", text=True)
    courses: list[Course] = data("The courses.", min_items=1)
    summary: str = data(f"A few sentences about it. {TEXT}", text=True, default="")
    how_to_book: str = data(f"How to book a place. {TEXT}", text=True, default="")
    contact: Contact | None = data("Who to contact about training.", default=None)
    support: list[Support] = data("Help offered to people who take part in training.",
                                  default=[])


def next_session(programmes: list[TrainingProgramme],
                 today: date) -> tuple[Course, Session] | None:
    """The soonest training session from today on, across every programme."""
    coming = [(s.date, s.time or time(0), c, s) for p in programmes for c in p.courses
              for s in c.upcoming(today)]
    return min(coming, key=lambda found: found[:2])[2:] if coming else None


# The file kinds of this module, by the name model.FILE_KINDS knows them.
VOICE_FILE_KINDS = {"review": ScrutinyReview, "voice": VoicePeriod,
                    "training": TrainingProgramme}


@dataclass
class Voice:
    """A landlord's tenant-voice records, linked by site.read_site."""

    reviews: list[ScrutinyReview] = field(default_factory=list)
    periods: list[VoicePeriod] = field(default_factory=list)  # oldest first
    training: list[TrainingProgramme] = field(default_factory=list)
