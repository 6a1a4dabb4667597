"""Checks of the statutory publications (see statutory.py): codes, parts and tenures
against standards/tsm.yml, provisions against standards/complaint-handling-code.yml, and
the completeness of a declared TSM pack.

The first are domain rules on the read documents, registered in rules.RULES; the
completeness warning is worked out from the built model by the same `gaps` the page
uses, so the check and the page can never disagree about what is missing.
"""
from __future__ import annotations

from typing import Any, Iterator

from .loader import Document, position
from .names import is_period
from .problems import Problem
from .statutory import CODE_SET, COMBINED, TSM_SET, Gap, pack_view
from .validate import did_you_mean


def _items(node: Any, key: str) -> list:
    value = node.get(key) if isinstance(node, dict) else None
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _set(docs: list[Document], ident: str) -> Document | None:
    return next((d for d in docs if d.kind == "standards" and d.data.get("id") == ident), None)


def _measures(docs: list[Document]) -> dict[str, dict]:
    """Each measure's code -> its `reporting` mapping, from standards/tsm.yml."""
    found = {}
    tsm = _set(docs, TSM_SET)
    for standard in _items(tsm.data if tsm else {}, "standards"):
        for item in _items(standard, "items"):
            ident = item.get("id")
            if isinstance(ident, str) and "." in ident:
                reporting = item.get("reporting")
                found[ident.split(".", 1)[1].upper()] = reporting if isinstance(reporting, dict) else {}
    return found


def _parts(reporting: dict) -> dict[str, str]:
    """Part name and number (lower case) -> the part's name."""
    names = {}
    for part in _items(reporting, "parts"):
        name = str(part.get("name", "")).strip()
        names[name.lower()] = name
        names[str(part.get("id", ""))] = name
    return names


def statutory_periods(docs: list[Document]) -> Iterator[Problem]:
    """A pack or report is named after its year, like a results file: 2025-26.yml."""
    for doc in docs:
        if doc.kind in ("tsm", "complaints"):
            if not is_period(doc.id):
                yield Problem(doc.path, 1, 1, f"The file name '{doc.id}' is not a year. Name it "
                              "after the year it covers, such as 2025-26.yml (April 2025 to "
                              "March 2026).", "statutory-period")


def tsm_parts_and_tenures(docs: list[Document]) -> Iterator[Problem]:
    """A Tenant Satisfaction Measure's part and tenure are ones standards/tsm.yml lists for it.

    Passing: `tsm: RP02` with `part: emergency repairs`. Failing: `tsm: TP01` with
    `part: stage 1` (TP01 has no parts), or `tsm: BS01` with `tenure: low-cost-rental`
    (building safety is published for all homes combined)."""
    measures = _measures(docs)
    if not measures:
        return
    for doc in docs:
        if doc.kind == "results":
            for measure in _items(doc.data, "measures"):
                yield from _part_and_tenure(doc, measure, measures)
        elif doc.kind == "tsm":
            for node in _items(doc.data, "benchmarks"):
                yield from _part_and_tenure(doc, node, measures)
            for node in _items(doc.data, "timescales"):
                yield from _timescale(doc, node, measures)
            for change in _items(doc.data, "method_changes"):
                codes = change.get("measures")
                for index, code in enumerate(codes if isinstance(codes, list) else []):
                    if isinstance(code, str) and code not in measures:
                        line, column = position(change["measures"], index)
                        yield _unknown(doc, line, column, code, measures)


def _unknown(doc: Document, line: int, column: int, code: str, measures: dict) -> Problem:
    return Problem(doc.path, line, column, f"'{code}' is not a Tenant Satisfaction Measure."
                   f"{did_you_mean(code, set(measures))} The codes are listed in "
                   "standards/tsm.yml.", "unknown-measure")


def _part_and_tenure(doc: Document, node: dict, measures: dict) -> Iterator[Problem]:
    code = node.get("tsm")
    if not isinstance(code, str):
        return
    if code not in measures:
        if doc.kind != "results":  # results_references reports it there
            yield _unknown(doc, *position(node, "tsm"), code, measures)
        return
    reporting, part = measures[code], node.get("part")
    if not reporting:
        return  # standards/tsm.yml does not say how this measure is published
    parts = _parts(reporting)
    if isinstance(part, str) and part.strip():
        if not parts:
            yield Problem(doc.path, *position(node, "part"), f"{code} is not published in "
                          "parts: remove 'part'.", "tsm-part")
        elif part.strip().lower() not in parts:
            names = sorted({n for n in parts.values()})
            yield Problem(doc.path, *position(node, "part"), f"'{part}' is not a part of {code}. "
                          f"Its parts are: {', '.join(names)}.", "tsm-part")
    tenure, allowed = node.get("tenure"), reporting.get("tenures")
    if isinstance(tenure, str) and isinstance(allowed, list) and allowed and tenure not in allowed:
        yield Problem(doc.path, *position(node, "tenure"), f"{code} is published for "
                      f"{' and '.join(allowed)}, not {tenure}.", "tsm-tenure")


def _timescale(doc: Document, node: dict, measures: dict) -> Iterator[Problem]:
    code = node.get("tsm")
    if not isinstance(code, str):
        return
    if code not in measures:
        yield _unknown(doc, *position(node, "tsm"), code, measures)
    elif measures[code].get("timescale") is not True:
        timed = sorted(c for c, r in measures.items() if r.get("timescale") is True)
        yield Problem(doc.path, *position(node, "tsm"), f"{code} has no target timescale to "
                      f"publish; timescales are published for {', '.join(timed)}.", "tsm-timescale")
    else:
        yield from _part_and_tenure(doc, node, measures)


def code_self_assessment(docs: list[Document]) -> Iterator[Problem]:
    """Each provision of the Complaint Handling Code is assessed once a year; a provision the
    landlord does not comply with has an action.

    Passing: `- {provision: 5.1, complies: no, action: Merge the two policies., due: 2026-09}`.
    Failing: the same without `action`; provision 5.1 twice; a provision the Code does not have.
    A provision left out is a warning: the page then says it was not assessed."""
    code = _set(docs, CODE_SET)
    provisions = [str(item.get("id")).split(".", 1)[1].replace("-", ".")
                  for standard in _items(code.data if code else {}, "standards")
                  for item in _items(standard, "items") if "." in str(item.get("id"))]
    for doc in (d for d in docs if d.kind == "complaints"):
        seen: dict[str, Any] = {}
        for row in _items(doc.data, "self_assessment"):
            yield from _assessment(doc, row, provisions, seen)
        missing = [p for p in provisions if p not in seen]
        if provisions and missing:
            line, column = position(doc.data, "self_assessment", of_key=True) \
                if "self_assessment" in doc.data else (1, 1)
            yield Problem(doc.path, line, column, f"The self-assessment leaves out "
                          f"{len(missing)} of the Code's {len(provisions)} provisions: "
                          f"{', '.join(missing)}. The page lists them as not assessed.",
                          "code-provisions", "warning")


def _assessment(doc: Document, row: dict, provisions: list[str], seen: dict) -> Iterator[Problem]:
    provision = str(row.get("provision", ""))
    if provisions and provision not in provisions:
        yield Problem(doc.path, *position(row, "provision"), f"The Code has no provision "
                      f"'{provision}'.{did_you_mean(provision, set(provisions))} The provisions "
                      "are listed in standards/complaint-handling-code.yml.", "unknown-provision")
    elif provision in seen:
        yield Problem(doc.path, *position(row, "provision"), f"Provision {provision} is assessed "
                      f"twice (first on line {position(seen[provision], 'provision')[0]}). "
                      "Keep one.", "duplicate-provision")
    seen.setdefault(provision, row)
    complies, action = row.get("complies"), str(row.get("action", "")).strip()
    if complies == "no" and not action:
        yield Problem(doc.path, *position(row, "complies"), f"Provision {provision} is not "
                      "complied with: add 'action' saying what will be done, and 'due'.",
                      "code-action")
    elif complies == "partly" and not action:
        yield Problem(doc.path, *position(row, "complies"), f"Provision {provision} is partly "
                      "complied with: add 'action' saying what will be done, and 'due'.",
                      "code-action", "warning")
    elif complies in ("no", "partly") and "due" not in row:
        yield Problem(doc.path, *position(row, "action"), f"The action for provision {provision} "
                      "has no 'due' date. Add when it will be done, if that has been decided.",
                      "code-action-due", "warning")


STATUTORY_RULES = [statutory_periods, tsm_parts_and_tenures, code_self_assessment]

_APPROACH_WORDS = {
    "fieldwork_start": "when fieldwork began", "fieldwork_end": "when fieldwork ended",
    "collection": "how answers were collected", "sample_method": "census or sample",
    "representativeness": "how representative the answers are", "weighted": "whether "
    "results were weighted", "carried_out_by": "who carried out the survey",
    "exclusions": "households left out and why", "incentives": "incentives offered",
    "achieved": "answers achieved", "required": "answers required",
    "population": "population size"}


def describe(gap: Gap) -> str:
    """A missing item in plain English, for the check (the page words it in each language)."""
    if gap.kind in ("measure", "not-reported", "timescale"):
        need = gap.row.need
        what = need.regulator_code + ("" if need.tenure == COMBINED else f" {need.tenure}")
        return {"measure": what, "not-reported": f"{what} (not reported)",
                "timescale": f"the target timescale for {need.regulator_code}"}[gap.kind]
    if gap.kind == "shortfall":
        return f"why fewer {gap.tenure} answers were achieved than required"
    words = _APPROACH_WORDS[gap.field]
    return f"{words} ({gap.tenure})" if gap.tenure else words


# The kinds of data file statutory_gaps reads (through pack_view: a landlord's results and
# packs, the standards): `compacts check` builds a model of these only.
GAP_INPUTS = ("standards", "landlord", "results", "tsm")


def statutory_gaps(site) -> list[Problem]:
    """A warning for each declared TSM pack that leaves out required items."""
    problems = []
    for landlord in site.landlords:
        for pack in landlord.statutory.tsm.values():
            missing = pack_view(landlord, pack, site.standards).gaps
            if missing:
                problems.append(Problem(pack.path, 1, 1, f"The Tenant Satisfaction Measures "
                                        f"pack for {pack.period} is missing {len(missing)} "
                                        f"required items: {'; '.join(describe(g) for g in missing)}. "
                                        "Its page lists them as not published.", "tsm-complete",
                                        "warning"))
    return problems


