"""Open data: every table the site shows, as CSV and JSON, described by a Frictionless Data
Package and published with the JSON Schemas of the data files. In English, the source."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any, Callable

from .model import Site
from .safety import neutralise
from .validate import schema

FILE_SCHEMAS = ["landlord", "compact", "estate", "results", "standards"]


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
             "status": c.status, "agreed": c.agreed, "review_due": c.review_due,
             "estates": " ".join(c.estate_ids)} for l in site.landlords for c in l.compacts]


def _commitments(site: Site) -> list[dict]:
    return [{"landlord": c.landlord_id, "compact": c.id, "commitment": m.id,
             "standards": " ".join(m.standards), "text": m.text}
            for l in site.landlords for c in l.compacts for m in c.commitments]


def _estates(site: Site) -> list[dict]:
    return [{"landlord": e.landlord_id, "estate": e.id, "name": e.name, "area": e.area,
             "homes": e.homes, "tra": e.tra.name if e.tra else "",
             "budget": e.budget.amount if e.budget else None,
             "budget_period": e.budget.period if e.budget else ""}
            for l in site.landlords for e in l.estates]


def _reviews(site: Site) -> list[dict]:
    return [{"landlord": c.landlord_id, "compact": c.id, "date": r.date, "kind": r.kind,
             "participants": "; ".join(r.participants), "findings": r.findings,
             "outcome": r.outcome, "next_review": r.next_review}
            for l in site.landlords for c in l.compacts for r in c.reviews]


def _measures(site: Site) -> list[dict]:
    return [{"landlord": r.landlord_id, "period": r.period, "measure": m.id,
             "estate": m.estate or "", "name": m.name, "unit": m.unit, "better": m.better,
             "target": m.target, "actual": m.actual, "met": m.met, "tsm": m.tsm or ""}
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
    Table("compacts", "Compacts", [("landlord", "string", "Id of the landlord"), ("compact", "string", "Id of the compact"), ("title", "string", "Title"), ("scope", "string", "district or local"), ("status", "string", "draft, agreed, under-review or superseded"), ("agreed", "date", "Date agreed"), ("review_due", "date", "Date the next review is due"), ("estates", "string", "Ids of the estates a local compact covers, separated by spaces")], _compacts),
    Table("commitments", "Commitments", [("landlord", "string", "Id of the landlord"), ("compact", "string", "Id of the compact"), ("commitment", "string", "Id of the commitment"), ("standards", "string", "Standard items it meets, separated by spaces"), ("text", "string", "The promise (Markdown)")], _commitments),
    Table("estates", "Estates", [("landlord", "string", "Id of the landlord"), ("estate", "string", "Id of the estate"), ("name", "string", "Name"), ("area", "string", "Area"), ("homes", "integer", "Homes"), ("tra", "string", "Tenants' and residents' association"), ("budget", "number", "Estate budget in pounds"), ("budget_period", "string", "Year of the estate budget")], _estates),
    Table("reviews", "Reviews", [("landlord", "string", "Id of the landlord"), ("compact", "string", "Id of the compact"), ("date", "date", "Date of the review"), ("kind", "string", "annual, tenant-led-scrutiny or external-audit"), ("participants", "string", "Who took part, separated by semicolons"), ("findings", "string", "What it found (Markdown)"), ("outcome", "string", "Outcome (Markdown)"), ("next_review", "date", "Next review due")], _reviews),
    Table("measures", "Results: measures and targets", [("landlord", "string", "Id of the landlord"), ("period", "string", "Year, such as 2025-26"), ("measure", "string", "Id of the measure"), ("estate", "string", "Id of the estate, empty for the whole landlord"), ("name", "string", "What is measured"), ("unit", "string", "count, percent, days, pounds or per-1000-homes"), ("better", "string", "higher or lower"), ("target", "number", "Target"), ("actual", "number", "Actual"), ("met", "boolean", "Whether the target was met"), ("tsm", "string", "Tenant Satisfaction Measure code, if any")], _measures),
    Table("methods", "Results: ways of involving tenants", [("landlord", "string", "Id of the landlord"), ("period", "string", "Year"), ("method", "string", "Id of the method"), ("name", "string", "Name"), ("kind", "string", "Kind of method"), ("cost", "number", "Cost in pounds"), ("participants", "integer", "Tenants who took part"), ("hours", "number", "Hours tenants gave")], _methods),
    Table("equality", "Results: representatives and all tenants", [("landlord", "string", "Id of the landlord"), ("period", "string", "Year"), ("category", "string", "age, sex, ethnicity or disability"), ("group", "string", "Group"), ("representatives", "number", "Share of representatives, per cent"), ("tenants", "number", "Share of all tenants, per cent"), ("under_represented", "boolean", "Whether the group is under-represented")], _equality),
]


def open_data(site: Site) -> dict[str, str]:
    """Every open-data file: path under the site -> content."""
    files, everything = {}, {}
    for table in TABLES:
        rows = table.rows(site)
        everything[table.name] = rows
        files[f"data/{table.name}.csv"] = _csv(table, rows)
    files["data/compacts.json"] = json.dumps(everything, indent=2, ensure_ascii=False, default=str,
                                             allow_nan=False)  # strict JSON: no NaN
    files["data/datapackage.json"] = json.dumps(_package(), indent=2, ensure_ascii=False)
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


def _package() -> dict:
    return {
        "name": "tenant-participation-compacts",
        "title": "Tenant participation compacts",
        "profile": "tabular-data-package",
        "resources": [{
            "name": t.name, "title": t.title, "path": f"{t.name}.csv", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "profile": "tabular-data-resource",
            "schema": {"fields": [{"name": n, "type": kind, "description": d}
                                  for n, kind, d in t.fields],
                       "missingValues": [""]}} for t in TABLES],
    }
