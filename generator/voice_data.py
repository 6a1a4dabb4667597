"""Open data of the tenant-voice records: scrutiny reviews, everything tenants said with the
landlord's answers, actions and their progress, complaint themes, involvement numbers,
estate spending and training sessions. Appended to opendata.TABLES."""
from __future__ import annotations

from .influence import entries
from .model import Site
from .opendata import Table

L = ("landlord", "string", "Id of the landlord")
KEY = ("entry", "string", "Id of the entry: the review and recommendation, or the year and "
       "what was said")


def _reviews(site: Site) -> list[dict]:
    return [{"landlord": r.landlord_id, "review": r.id, "title": r.title, "group": r.group,
             "service": r.service, "status": r.status, "why_chosen": r.why_chosen,
             "methods": " ".join(r.methods),
             "participants": "; ".join(f"{p.role}: {'' if p.count is None else p.count}"
                                       for p in r.participants),
             "started": r.started, "reported": r.reported, "estates": " ".join(r.estate_ids),
             "report_summary": r.report.summary if r.report else "",
             "report_link": r.report.link if r.report else ""}
            for l in site.landlords for r in l.voice.reviews]


def _entries(site: Site) -> list[dict]:
    return [{"landlord": l.id, "entry": e.key, "source": e.source, "source_label": e.source_label,
             "said": e.said, "date": e.date, "period": e.period, "state": e.state,
             "group": e.group_id, "estates": " ".join(e.estate_ids),
             "standards": " ".join(e.standards), "promises": " ".join(e.promises),
             "outcome": e.outcome.changed if e.outcome else "",
             "saved": e.outcome.saved if e.outcome else None,
             "spent": e.outcome.spent if e.outcome else None}
            for l in site.landlords for e in entries(l)]


def _responses(site: Site) -> list[dict]:
    return [{"landlord": l.id, "entry": e.key, "decision": e.response.decision,
             "reason": e.response.reason, "date": e.response.date, "by": e.response.by}
            for l in site.landlords for e in entries(l) if e.response]


def _actions(site: Site) -> list[dict]:
    return [{"landlord": l.id, "entry": e.key, "action": a.id, "text": a.action,
             "owner": a.owner, "due": a.due, "status": a.status or "", "done_on": a.done_on}
            for l in site.landlords for e in entries(l) for a in e.actions]


def _updates(site: Site) -> list[dict]:
    return [{"landlord": l.id, "entry": e.key, "action": a.id, "date": u.date,
             "status": u.status, "note": u.note}
            for l in site.landlords for e in entries(l) for a in e.actions for u in a.updates]


def _themes(site: Site) -> list[dict]:
    return [{"landlord": l.id, "period": p.period, "theme": t.id, "name": t.theme,
             "complaints": t.complaints, "learning": t.learning, "changed": t.changed}
            for l in site.landlords for p in l.voice.periods if p.complaints
            for t in p.complaints.themes]


def _involvement(site: Site) -> list[dict]:
    return [{"landlord": l.id, "period": p.period, "activity": i.activity, "label": i.label,
             "residents": i.residents, "approximate": i.approximate}
            for l in site.landlords for p in l.voice.periods for i in p.involvement]


def _spending(site: Site) -> list[dict]:
    return [{"landlord": l.id, "period": p.period, "estate": s.estate, "budget": s.budget,
             "decided_by": x.decided_by or s.decided_by, "left": s.left, "on": x.on,
             "amount": x.amount, "date": x.date}
            for l in site.landlords for p in l.voice.periods for s in p.spending
            for x in s.spent]


def _training(site: Site) -> list[dict]:
    return [{"landlord": l.id, "programme": p.id, "course": c.id, "title": c.title,
             "kind": c.kind, "date": s.date, "time": s.time.strftime("%H:%M") if s.time else "",
             "place": s.place}
            for l in site.landlords for p in l.voice.training for c in p.courses
            for s in c.sessions]


AS_PUBLISHED = "as published: a day, a month or a year; empty if not known"
VOICE_TABLES = [
    Table("scrutiny_reviews", "Scrutiny reviews", [L, ("review", "string", "Id of the review"), ("title", "string", "Title"), ("group", "string", "Id of the group that did it"), ("service", "string", "The service examined"), ("status", "string", "planned, in-progress or reported"), ("why_chosen", "string", "Why it was chosen (Markdown)"), ("methods", "string", "Methods, separated by spaces"), ("participants", "string", "Roles and counts, separated by semicolons"), ("started", "string", f"When it started, {AS_PUBLISHED}"), ("reported", "string", f"When the report was given, {AS_PUBLISHED}"), ("estates", "string", "Estates it looked at, separated by spaces"), ("report_summary", "string", "What the report found (Markdown)"), ("report_link", "string", "Web address of the report")], _reviews),
    Table("recommendations", "You said, we did: recommendations and what tenants said", [L, KEY, ("source", "string", "review, consultation, survey, meeting, complaints or other"), ("source_label", "string", "The review's title or the source in words"), ("said", "string", "What tenants said or recommended (Markdown)"), ("date", "string", f"When, {AS_PUBLISHED}"), ("period", "string", "The year, for entries from a year's file"), ("state", "string", "open, done (every action done), not-accepted or awaiting-response"), ("group", "string", "Id of the group it came from"), ("estates", "string", "Estates it is about, separated by spaces"), ("standards", "string", "Standard items it evidences, separated by spaces"), ("promises", "string", "Compact promises it evidences, as compact.promise, separated by spaces"), ("outcome", "string", "What changed (Markdown)"), ("saved", "number", "Money saved a year, pounds"), ("spent", "number", "Money spent, pounds")], _entries),
    Table("responses", "You said, we did: the landlord's answers", [L, KEY, ("decision", "string", "accepted, partly-accepted or not-accepted"), ("reason", "string", "Why (Markdown)"), ("date", "string", f"When, {AS_PUBLISHED}"), ("by", "string", "Who answered")], _responses),
    Table("actions", "You said, we did: actions agreed", [L, KEY, ("action", "string", "Id of the action"), ("text", "string", "What will be done (Markdown)"), ("owner", "string", "Who is responsible, as a role"), ("due", "string", f"Due, {AS_PUBLISHED}"), ("status", "string", "Latest status: not-started, in-progress, done or stopped; empty if not reported"), ("done_on", "string", "When it was reported done")], _actions),
    Table("action_updates", "You said, we did: progress of actions over time", [L, KEY, ("action", "string", "Id of the action"), ("date", "string", f"When, {AS_PUBLISHED}"), ("status", "string", "not-started, in-progress, done or stopped"), ("note", "string", "What happened (Markdown)")], _updates),
    Table("complaint_themes", "Learning from complaints", [L, ("period", "string", "Year"), ("theme", "string", "Id of the theme"), ("name", "string", "What the complaints were about"), ("complaints", "integer", "How many complaints"), ("learning", "string", "What was learned (Markdown)"), ("changed", "string", "What changed (Markdown)")], _themes),
    Table("involvement", "Residents involved, by activity", [L, ("period", "string", "Year"), ("activity", "string", "Kind of activity"), ("label", "string", "The activity in words, for other"), ("residents", "integer", "Residents involved; empty if not known"), ("approximate", "boolean", "Whether the number is approximate")], _involvement),
    Table("estate_spending", "Estate budget spending", [L, ("period", "string", "Year"), ("estate", "string", "Id of the estate"), ("budget", "number", "The year's budget, pounds, if published"), ("decided_by", "string", "Who decided"), ("left", "number", "What is left, pounds, as published"), ("on", "string", "What the money was spent on"), ("amount", "number", "Amount, pounds, if published"), ("date", "string", f"When it was decided, {AS_PUBLISHED}")], _spending),
    Table("training_sessions", "Training sessions", [L, ("programme", "string", "Id of the programme"), ("course", "string", "Id of the course"), ("title", "string", "Course"), ("kind", "string", "accredited, local, e-learning or other"), ("date", "date", "Day"), ("time", "string", "Start time, 24-hour clock"), ("place", "string", "Where")], _training),
]
