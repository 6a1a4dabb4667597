"""Open data of the statutory publications: one CSV per landlord per year of the TSM pack,
with one row per measure, part and tenure, in the Regulator's codes, so the same file can
be checked against the landlord's submission; and tables of the Code self-assessments and
complaint figures. Required lines that are missing are rows too, marked 'missing'."""
from __future__ import annotations

from typing import Any

from .statutory import COMBINED, pack_view

# The Regulator's abbreviations for the tenures.
REGULATOR_TENURE = {"low-cost-rental": "LCRA", "low-cost-home-ownership": "LCHO",
                    COMBINED: "LCRA+LCHO"}

TSM_FIELDS = [
    ("landlord", "string", "Id of the landlord"), ("period", "string", "Year, such as 2025-26"),
    ("code", "string", "The Regulator's code, with the part in brackets: TP01, RP02 (1)"),
    ("measure", "string", "The measure's code without the part"),
    ("part", "string", "The part's number, for a measure published in parts"),
    ("part_name", "string", "The part in words"),
    ("tenure", "string", "LCRA (low-cost rental), LCHO (low-cost home ownership) or LCRA+LCHO"),
    ("state", "string", "reported, not-reported (the results file gives a reason) or missing"),
    ("result", "number", "This year's result, in the unit; empty if not reported"),
    ("unit", "string", "percent, count, days, pounds or per-1000-homes"),
    ("numerator", "number", "The number counted, if published"),
    ("denominator", "number", "The number it is out of, if published"),
    ("sample_size", "integer", "How many answered, for a survey measure, if published"),
    ("target", "number", "The landlord's own target, if set"),
    ("target_timescale", "string", "The target timescale, for RP02 and CH02"),
    ("last_year", "number", "Last year's result, if published"),
    ("not_reported", "string", "Why there is no result, as the landlord says"),
    ("method_changed", "boolean", "Whether a change of method affects comparison with last year"),
]


def tsm_csv_path(landlord: str, period: str) -> str:
    return f"data/tsm/{landlord}-{period}.csv"


def tsm_rows(site) -> list[dict[str, Any]]:
    """Every line of every pack, in the Regulator's order."""
    return [row for landlord in site.landlords for period in sorted(landlord.statutory.tsm)
            for row in pack_rows(site, landlord, period)]


def pack_rows(site, landlord, period: str) -> list[dict[str, Any]]:
    view = pack_view(landlord, landlord.statutory.tsm[period], site.standards)
    rows = []
    for line in view.rows:
        need, m, last = line.need, line.measure, line.last_year
        rows.append({
            "landlord": landlord.id, "period": period, "code": need.regulator_code,
            "measure": need.code, "part": need.part.id if need.part else "",
            "part_name": need.part.name if need.part else "",
            "tenure": REGULATOR_TENURE[need.tenure],
            "state": "missing" if m is None else "not-reported" if m.actual is None else "reported",
            "result": m.actual if m else None, "unit": m.unit if m else "",
            "numerator": m.numerator if m else None, "denominator": m.denominator if m else None,
            "sample_size": m.sample_size if m else None, "target": m.target if m else None,
            "target_timescale": line.timescale.timescale if line.timescale else "",
            "last_year": last.actual if last else None,
            "not_reported": m.not_reported if m else "", "method_changed": bool(line.changes)})
    return rows


def self_assessment_rows(site) -> list[dict[str, Any]]:
    return [{"landlord": landlord.id, "period": period, "provision": row.provision,
             "complies": row.complies, "evidence": " ; ".join(
                 f"{e.title} <{e.link}>" if e.link else e.title for e in row.evidence),
             "commentary": row.commentary, "action": row.action, "due": row.due}
            for landlord in site.landlords
            for period, report in sorted(landlord.statutory.complaints.items())
            for row in report.self_assessment]


def complaint_figure_rows(site) -> list[dict[str, Any]]:
    rows = []
    for landlord in site.landlords:
        for period, report in sorted(landlord.statutory.complaints.items()):
            f = report.figures
            if f is None:
                continue
            rows.append({"landlord": landlord.id, "period": period, "homes": f.homes,
                         "stage1_received": f.stage1_received, "stage1_on_time": f.stage1_on_time,
                         "stage1_per_1000": f.per_1000(f.stage1_received),
                         "stage2_received": f.stage2_received, "stage2_on_time": f.stage2_on_time,
                         "stage2_per_1000": f.per_1000(f.stage2_received), "refused": f.refused,
                         "determinations": len(f.determinations),
                         "maladministration": len(f.found("maladministration",
                                                          "severe-maladministration"))})
    return rows


SELF_ASSESSMENT_FIELDS = [
    ("landlord", "string", "Id of the landlord"), ("period", "string", "Year"),
    ("provision", "string", "The Complaint Handling Code's provision number, such as 5.1"),
    ("complies", "string", "yes, partly or no"),
    ("evidence", "string", "Evidence: title <link>, separated by ' ; '"),
    ("commentary", "string", "Commentary (Markdown)"), ("action", "string", "What will be done to comply"),
    ("due", "string", "When the action will be done, as published")]

FIGURE_FIELDS = [
    ("landlord", "string", "Id of the landlord"), ("period", "string", "Year"),
    ("homes", "integer", "Homes the per-1,000 figures are counted against"),
    ("stage1_received", "integer", "Stage 1 complaints received"),
    ("stage1_on_time", "integer", "Stage 1 complaints answered within the Code's timescales"),
    ("stage1_per_1000", "number", "Stage 1 complaints per 1,000 homes; empty unless both numbers are published"),
    ("stage2_received", "integer", "Stage 2 complaints received"),
    ("stage2_on_time", "integer", "Stage 2 complaints answered within the Code's timescales"),
    ("stage2_per_1000", "number", "Stage 2 complaints per 1,000 homes; empty unless both numbers are published"),
    ("refused", "integer", "Complaints not accepted"),
    ("determinations", "integer", "Housing Ombudsman determinations listed"),
    ("maladministration", "integer", "Determinations finding maladministration or severe maladministration")]

# (name, title, fields, rows) for opendata.TABLES
STATUTORY_TABLES = [
    ("tsm", "Tenant Satisfaction Measures packs: every line, every year", TSM_FIELDS, tsm_rows),
    ("code_self_assessment", "Complaint Handling Code self-assessments", SELF_ASSESSMENT_FIELDS,
     self_assessment_rows),
    ("complaint_figures", "Complaints in numbers", FIGURE_FIELDS, complaint_figure_rows),
]


def per_year_files(site) -> dict[str, list[dict[str, Any]]]:
    """The pack's CSV for each landlord and year: path -> rows."""
    return {tsm_csv_path(landlord.id, period): pack_rows(site, landlord, period)
            for landlord in site.landlords for period in sorted(landlord.statutory.tsm)}
