"""Open data: every table the site shows, as CSV and JSON, described by a Frictionless Data
Package and published with the JSON Schemas of the data files. In English, the source."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any, Callable

from .model import Site
from .statutory_data import STATUTORY_TABLES, TSM_FIELDS, per_year_files
from .safety import neutralise
from .validate import schema

FILE_SCHEMAS = ["landlord", "compact", "estate", "group", "results", "standards", "review", "voice",
                "training", "tsm", "complaints"]


@dataclass
class Table:
    name: str
    title: str
    fields: list[tuple[str, str, str]]  # name, Table Schema type, description
    rows: Callable[[Site], list[dict[str, Any]]]


def _landlords(site: Site) -> list[dict]:
    return [{"landlord": l.id, "name": l.name, "kind": l.kind, "area": l.area, "homes": l.homes,
             "federation": l.federation} for l in site.landlords]


def _compacts(site: Site) -> list[dict]:
    return [{"landlord": c.landlord_id, "compact": c.id, "title": c.title, "scope": c.scope,
             "status": c.status, "signed": c.signed, "agreed": c.agreed,
             "adopted_by": c.adopted.by if c.adopted else "",
             "adopted": c.adopted.date if c.adopted else None, "runs": c.runs,
             "review_due": c.review_due, "estates": " ".join(c.estate_ids)}
            for l in site.landlords for c in l.compacts]


def _commitments(site: Site) -> list[dict]:
    return [{"landlord": c.landlord_id, "compact": c.id, "commitment": m.id,
             "standards": " ".join(m.standards), "text": m.text}
            for l in site.landlords for c in l.compacts for m in c.commitments]


def _estates(site: Site) -> list[dict]:
    return [{"landlord": e.landlord_id, "estate": e.id, "name": e.name, "area": e.area,
             "homes": e.homes, "homes_approximate": e.homes_approximate,
             "managed_by": e.managed_by.name if e.managed_by else ""}
            for l in site.landlords for e in l.estates]


def _groups(site: Site) -> list[dict]:
    return [{"landlord": g.landlord_id, "group": g.id, "name": g.name, "kind": g.kind,
             "label": g.label, "estates": " ".join(g.estate_ids), "areas": " ".join(g.area_ids),
             "active": g.active, "recognised": g.recognised}
            for l in site.landlords for g in l.groups]


def _funds(site: Site) -> list[dict]:
    owners = [(l.id, "", l.funds) for l in site.landlords] + \
        [(e.landlord_id, e.id, e.funds) for l in site.landlords for e in l.estates]
    return [{"landlord": landlord, "estate": estate, "fund": f.name, "amount": f.amount,
             "approximate": f.approximate, "period": f.period, "decided_by": f.decided_by,
             "purpose": f.purpose, "grant_rule": f.grant_rule}
            for landlord, estate, funds in owners for f in funds]


def _reviews(site: Site) -> list[dict]:
    return [{"landlord": c.landlord_id, "compact": c.id, "date": r.date, "kind": r.kind,
             "label": r.label,
             "participants": "; ".join(r.participants), "findings": r.findings,
             "outcome": r.outcome, "next_review": r.next_review}
            for l in site.landlords for c in l.compacts for r in c.reviews]


def _measures(site: Site) -> list[dict]:
    return [{"landlord": r.landlord_id, "period": r.period, "measure": m.id,
             "estate": m.estate or "", "name": m.name, "part": m.part, "tenure": m.tenure or "",
             "unit": m.unit, "better": m.better, "target": m.target, "actual": m.actual,
             "status": m.status, "met": m.met, "not_reported": m.not_reported,
             "numerator": m.numerator, "denominator": m.denominator,
             "sample_size": m.sample_size, "tsm": m.tsm or ""}
            for l in site.landlords for r in l.results for m in r.measures]


def _methods(site: Site) -> list[dict]:
    return [{"landlord": r.landlord_id, "period": r.period, "method": m.id, "name": m.name,
             "kind": m.kind, "cost": m.cost, "participants": m.participants, "hours": m.hours}
            for l in site.landlords for r in l.results for m in r.methods]


def _equality(site: Site) -> list[dict]:
    return [{"landlord": r.landlord_id, "period": r.period, "category": g.category,
             "group": g.group, "representatives": g.representatives, "tenants": g.tenants,
             "under_represented": g.under_represented}
            for l in site.landlords for r in l.results for g in r.equality]


TABLES = [
    Table("landlords", "Landlords", [("landlord", "string", "Id of the landlord"), ("name", "string", "Name"), ("kind", "string", "council or housing-association"), ("area", "string", "Area"), ("homes", "integer", "Homes rented out"), ("federation", "string", "Tenants' federation")], _landlords),
    Table("compacts", "Compacts", [("landlord", "string", "Id of the landlord"), ("compact", "string", "Id of the compact"), ("title", "string", "Title"), ("scope", "string", "district or local"), ("status", "string", "draft, agreed, adopted, under-review, superseded or expired"), ("signed", "boolean", "Whether the parties signed it"), ("agreed", "string", "When it was agreed, as published: a day, a month or a year; empty if not known"), ("adopted_by", "string", "Who approved it, for a compact adopted by the landlord alone"), ("adopted", "string", "When it was adopted, as published"), ("runs", "string", "The years it runs for, such as 2022-2027"), ("review_due", "string", "When the next review is due, as published; empty if none was published"), ("estates", "string", "Ids of the estates a local compact covers, separated by spaces")], _compacts),
    Table("commitments", "Commitments", [("landlord", "string", "Id of the landlord"), ("compact", "string", "Id of the compact"), ("commitment", "string", "Id of the commitment"), ("standards", "string", "Standard items it meets, separated by spaces"), ("text", "string", "The promise (Markdown)")], _commitments),
    Table("estates", "Estates", [("landlord", "string", "Id of the landlord"), ("estate", "string", "Id of the estate"), ("name", "string", "Name"), ("area", "string", "Area"), ("homes", "integer", "Homes; empty if not known"), ("homes_approximate", "boolean", "Whether the number of homes is approximate"), ("managed_by", "string", "Organisation that manages the estate")], _estates),
    Table("groups", "Groups", [("landlord", "string", "Id of the landlord"), ("group", "string", "Id of the group"), ("name", "string", "Name"), ("kind", "string", "Kind of group"), ("label", "string", "The kind in words, for kind other"), ("estates", "string", "Estates it covers, separated by spaces; with areas empty too, the whole landlord"), ("areas", "string", "Areas it covers, separated by spaces"), ("active", "boolean", "Whether it is active; empty if not known"), ("recognised", "string", "When the landlord recognised it, as published")], _groups),
    Table("funds", "Money for tenant participation", [("landlord", "string", "Id of the landlord"), ("estate", "string", "Id of the estate, empty for the whole landlord"), ("fund", "string", "Name of the fund"), ("amount", "number", "Amount in pounds; empty if not published"), ("approximate", "boolean", "Whether the amount is approximate"), ("period", "string", "Year"), ("decided_by", "string", "Who decides how it is spent"), ("purpose", "string", "What it is for (Markdown)"), ("grant_rule", "string", "How grants are worked out (Markdown)")], _funds),
    Table("reviews", "Reviews", [("landlord", "string", "Id of the landlord"), ("compact", "string", "Id of the compact"), ("date", "string", "When the review took place, as published"), ("kind", "string", "Kind of review"), ("label", "string", "The kind in words, for kind other"), ("participants", "string", "Who took part, separated by semicolons"), ("findings", "string", "What it found (Markdown)"), ("outcome", "string", "Outcome (Markdown)"), ("next_review", "string", "Next review due, as published")], _reviews),
    Table("measures", "Results: measures and targets", [("landlord", "string", "Id of the landlord"), ("period", "string", "Year, such as 2025-26"), ("measure", "string", "Id of the measure"), ("estate", "string", "Id of the estate, empty for the whole landlord"), ("name", "string", "What is measured"), ("part", "string", "The part of the measure, if any"), ("tenure", "string", "low-cost-rental, low-cost-home-ownership or combined, if given"), ("unit", "string", "count, percent, days, pounds or per-1000-homes"), ("better", "string", "higher or lower"), ("target", "number", "Target; empty if none was set"), ("actual", "number", "Actual; empty if not reported"), ("status", "string", "met, not-met, no-target or not-reported"), ("met", "boolean", "Whether the target was met; empty without a target or a result"), ("not_reported", "string", "Why there is no result"), ("numerator", "number", "The number counted, if published"), ("denominator", "number", "The number it is out of, if published"), ("sample_size", "integer", "How many answered, for a survey measure"), ("tsm", "string", "Tenant Satisfaction Measure code, if any")], _measures),
    Table("methods", "Results: ways of involving tenants", [("landlord", "string", "Id of the landlord"), ("period", "string", "Year"), ("method", "string", "Id of the method"), ("name", "string", "Name"), ("kind", "string", "Kind of method"), ("cost", "number", "Cost in pounds"), ("participants", "integer", "Tenants who took part"), ("hours", "number", "Hours tenants gave")], _methods),
    Table("equality", "Results: representatives and all tenants", [("landlord", "string", "Id of the landlord"), ("period", "string", "Year"), ("category", "string", "age, sex, ethnicity or disability"), ("group", "string", "Group"), ("representatives", "number", "Share of representatives, per cent"), ("tenants", "number", "Share of all tenants, per cent"), ("under_represented", "boolean", "Whether the group is under-represented")], _equality),
]


from .voice_data import VOICE_TABLES  # noqa: E402  (it builds on Table, above)

TABLES += VOICE_TABLES
TABLES += [Table(*spec) for spec in STATUTORY_TABLES]
TSM_YEAR = Table("tsm-year", "Tenant Satisfaction Measures pack of one landlord for one year",
                 TSM_FIELDS, lambda site: [])


def open_data(site: Site) -> dict[str, str]:
    """Every open-data file: path under the site -> content."""
    files, everything = {}, {}
    for table in TABLES:
        rows = table.rows(site)
        everything[table.name] = rows
        files[f"data/{table.name}.csv"] = _csv(table, rows)
    years = per_year_files(site)  # one CSV per landlord per year, as the Regulator asks
    files.update({path: _csv(TSM_YEAR, rows) for path, rows in years.items()})
    files["data/compacts.json"] = json.dumps(everything, indent=2, ensure_ascii=False, default=str,
                                             allow_nan=False)  # strict JSON: no NaN
    files["data/datapackage.json"] = json.dumps(_package(list(years)), indent=2,
                                                ensure_ascii=False)
    for kind in FILE_SCHEMAS:
        files[f"data/schemas/{kind}.json"] = json.dumps(schema(kind), indent=2, ensure_ascii=False)
    return files


def _csv(table: Table, rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[name for name, _, _ in table.fields], lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return out.getvalue()


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        return neutralise(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _package(years: list[str] = ()) -> dict:
    return {
        "name": "tenant-participation-compacts",
        "title": "Tenant participation compacts",
        "profile": "tabular-data-package",
        "resources": [{
            "name": t.name, "title": t.title, "path": f"{t.name}.csv", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "profile": "tabular-data-resource",
            "schema": {"fields": [{"name": n, "type": kind, "description": d}
                                  for n, kind, d in t.fields],
                       "missingValues": [""]}} for t in TABLES] + [{
            "name": path[len("data/tsm/"):-len(".csv")], "title": TSM_YEAR.title,
            "path": path[len("data/"):], "format": "csv", "mediatype": "text/csv",
            "encoding": "utf-8", "profile": "tabular-data-resource",
            "schema": {"fields": [{"name": n, "type": kind, "description": d}
                                  for n, kind, d in TSM_FIELDS],
                       "missingValues": [""]}} for path in years],
    }
