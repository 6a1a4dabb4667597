"""Domain rules: what the schema cannot say about a set of data files taken together.

Each rule takes the documents (already read, with positions) and yields problems. The rules
guard their own types, so they can run even where the schema found errors, and every
problem is reported in one pass.
"""
from __future__ import annotations

import functools
from collections import defaultdict
from typing import Any, Callable, Iterable, Iterator

from .loader import Document, position
from .dates import PartialDate, parse_period
from .model import CURRENT, SIGNED
from .problems import Problem
from .statutory_rules import STATUTORY_RULES
from .names import SLUG, is_period, slugify
from .validate import CORE_STANDARDS, did_you_mean

Rule = Callable[[list[Document]], Iterable[Problem]]


def check_rules(docs: list[Document]) -> list[Problem]:
    """The rules across files (RULES), on every document."""
    indexed = Docs(docs)
    return [problem for rule in RULES for problem in rule(indexed)]


def check_file_rules(doc: Document) -> list[Problem]:
    """The rules of one file alone (FILE_RULES), on one document."""
    one = Docs([doc])
    return [problem for rule in FILE_RULES for problem in rule(one)]


class Docs(list):
    """The documents, with those of each kind found once: nearly every rule asks for one
    kind, and at 5,000 estates looking through all of them each time was a third of the
    rules' time."""

    @functools.cached_property
    def kinds(self) -> dict[str, list[Document]]:
        found: dict[str, list[Document]] = defaultdict(list)
        for doc in self:
            found[doc.kind].append(doc)
        return found


def file_names_are_ids(docs: list[Document]) -> Iterator[Problem]:
    """A file's name is its id in web addresses: 'oak-court.yml', not 'Oak Court.yml'."""
    for doc in docs:
        if not SLUG.match(doc.id):
            yield Problem(doc.path, 1, 1, f"The name '{doc.id}' cannot be used in a web address. "
                          "Rename it using lower case letters, digits and hyphens only, "
                          f"such as '{slugify(doc.id) or 'name'}'.", "file-name")


def file_names_unique(docs: list[Document]) -> Iterator[Problem]:
    """Two files cannot have one id ('oak-court.yml' and 'oak-court.yaml')."""
    seen: dict[tuple[str, str, str], Document] = {}
    for doc in docs:
        key = (doc.kind, doc.landlord, doc.id)
        if key in seen and doc.kind != "landlord":
            yield Problem(doc.path, 1, 1, f"There are two {doc.kind} files called '{doc.id}' "
                          f"(the other is {seen[key].path}). Rename or delete one.", "duplicate-id")
        seen.setdefault(key, doc)


def landlords_exist(docs: list[Document]) -> Iterator[Problem]:
    """Every file in a landlord's folder of compacts/ has the folder's landlord.yml beside it."""
    landlords = {d.landlord for d in docs if d.kind == "landlord"}
    for doc in docs:
        if doc.landlord and doc.kind != "landlord" and doc.landlord not in landlords:
            yield Problem(doc.path, 1, 1, "This file belongs to the folder "
                          f"compacts/{doc.landlord}/, which has no landlord.yml. Add one that "
                          "names the landlord.", "unknown-landlord",
                          refers=f"compacts/{doc.landlord}/landlord")


def promise_ids_unique(docs: list[Document]) -> Iterator[Problem]:
    """Commitment and action ids are unique within a compact."""
    for doc in _of_kind(docs, "compact"):
        for section in ("commitments", "action_plan"):
            yield from _repeats(doc, _items(doc.data, section), section)


def standard_ids_unique(docs: list[Document]) -> Iterator[Problem]:
    """Standard item ids are unique across every standards file."""
    standard_items = [(doc, item) for doc in _of_kind(docs, "standards")
                      for standard in _items(doc.data, "standards")
                      for item in [standard, *_items(standard, "items")]]
    first: dict[Any, tuple[Document, Any]] = {}
    for doc, item in standard_items:
        ident = _key(item.get("id"))
        if ident in first:
            other_doc, other = first[ident]
            line, column = position(item, "id")
            yield Problem(doc.path, line, column, f"The id '{ident}' is used twice (first in "
                          f"{other_doc.path} line {position(other, 'id')[0]}). Every id must "
                          "be different.", "duplicate-id")
        elif ident is not None:
            first[ident] = (doc, item)


def _repeats(doc: Document, items: list, section: str) -> Iterator[Problem]:
    first: dict[Any, Any] = {}
    for item in items:
        ident = _key(item.get("id"))
        if ident in first:
            line, column = position(item, "id")
            yield Problem(doc.path, line, column, f"The id '{ident}' is used twice in {section} "
                          f"(first on line {position(first[ident], 'id')[0]}). Give each one "
                          "a different id.", "duplicate-id")
        elif ident is not None:
            first[ident] = item


def references_resolve(docs: list[Document]) -> Iterator[Problem]:
    """Commitments cite standard items that exist; local compacts name existing estates."""
    items = {_key(item.get("id")) for doc in _of_kind(docs, "standards")
             for standard in _items(doc.data, "standards") for item in _items(standard, "items")}
    estates = defaultdict(set)
    for doc in _of_kind(docs, "estate"):
        estates[doc.landlord].add(doc.id)
    for doc in _of_kind(docs, "compact"):
        for commitment in _items(doc.data, "commitments"):
            for index, cited in enumerate(_list(commitment.get("standards"))):
                if isinstance(cited, str) and cited not in items:
                    line, column = position(commitment["standards"], index)
                    yield Problem(doc.path, line, column, f"'{cited}' is not a Core Standard item."
                                  f"{did_you_mean(cited, items)} The items are listed on "
                                  "standards/core-standards.yml.", "unknown-standard")
        for index, estate in enumerate(_list(doc.data.get("estates"))):
            if isinstance(estate, str) and estate not in estates[doc.landlord]:
                yield _missing(doc, position(doc.data["estates"], index), estate,
                               estates[doc.landlord], f"compacts/{doc.landlord}/estates/",
                               "unknown-estate", "estate ")


def scope_matches_estates(docs: list[Document]) -> Iterator[Problem]:
    """A district-wide compact covers the whole landlord, so it lists no estates."""
    for doc in _of_kind(docs, "compact"):
        if doc.data.get("scope") == "district" and "estates" in doc.data:
            line, column = position(doc.data, "estates", of_key=True)
            yield Problem(doc.path, line, column, "A district-wide compact covers every estate, "
                          "so it should not list estates. Remove 'estates', or change 'scope' "
                          "to 'local'.", "district-estates")


def dates_in_order(docs: list[Document]) -> Iterator[Problem]:
    """A compact is agreed before its review is due; a review comes before the next one.

    Dates may be a month or a year; only an order that is certainly wrong is reported.
    """
    for doc in _of_kind(docs, "compact"):
        agreed, due = _date(doc.data.get("agreed")), _date(doc.data.get("review_due"))
        if agreed and due and not agreed.before(due) and agreed.precision == due.precision == "day":
            line, column = position(doc.data, "review_due")
            yield Problem(doc.path, line, column, f"The review is due on {due}, which is not after "
                          f"the date the compact was agreed ({agreed}). Check both dates.",
                          "date-order")
        elif agreed and due and due.before(agreed):
            line, column = position(doc.data, "review_due")
            yield Problem(doc.path, line, column, f"The review is due ({due}) before the "
                          f"compact was agreed ({agreed}). Check both dates.", "date-order")
        elif agreed and due and (due.start - agreed.end).days > 366:
            line, column = position(doc.data, "review_due")
            yield Problem(doc.path, line, column, f"The review is due on {due}, more than a year "
                          f"after the compact was agreed ({agreed}). Compacts are usually "
                          "reviewed at least once a year.", "review-yearly", "warning")
        for review in _items(doc.data, "reviews"):
            held, following = _date(review.get("date")), _date(review.get("next_review"))
            if held and following and not held.before(following) and \
                    (following.before(held) or held.precision == following.precision == "day"):
                line, column = position(review, "next_review")
                yield Problem(doc.path, line, column, f"The next review ({following}) should come "
                              f"after this review ({held}).", "date-order")
        runs = parse_period(doc.data.get("runs"))
        if runs and runs[1] < runs[0]:
            line, column = position(doc.data, "runs")
            yield Problem(doc.path, line, column, f"'runs' ends ({runs[1]}) before it starts "
                          f"({runs[0]}). Write the first year first, such as 2022-2027.",
                          "date-order")


def district_covers_core_standards(docs: list[Document]) -> Iterator[Problem]:
    """A current district-wide compact that leaves Core Standard items uncovered is a warning,
    or an error for a landlord that sets `require_full_coverage: true`. Real compacts often
    cover fewer items, and an error would push people to write filler promises."""
    core = next((d for d in _of_kind(docs, "standards") if d.data.get("id") == CORE_STANDARDS), None)
    if core is None:
        return
    strict = {d.landlord for d in _of_kind(docs, "landlord")
              if d.data.get("require_full_coverage") is True}
    titles = {_key(item.get("id")): item.get("title") for standard in _items(core.data, "standards")
              for item in _items(standard, "items")}
    for doc in _of_kind(docs, "compact"):
        if doc.data.get("scope") != "district" or doc.data.get("status") not in CURRENT:
            continue
        cited = {c for commitment in _items(doc.data, "commitments")
                 for c in _list(commitment.get("standards")) if isinstance(c, str)}
        missing = [f"{ident} ({title})" for ident, title in titles.items() if ident not in cited]
        if missing:
            line, column = position(doc.data, "commitments", of_key=True) \
                if "commitments" in doc.data else (1, 1)
            level = "error" if doc.landlord in strict else "warning"
            yield Problem(doc.path, line, column, f"This district-wide compact covers "
                          f"{len(titles) - len(missing)} of the {len(titles)} Core Standard items; "
                          f"no promise covers {len(missing)}: {'; '.join(missing)}. Its page says "
                          "so. Add promises only if the compact makes them.",
                          "core-standards-coverage", level)


def one_current_district_compact(docs: list[Document]) -> Iterator[Problem]:
    """A landlord has one current district-wide compact; older ones are 'superseded'."""
    current: dict[str, list[Document]] = defaultdict(list)
    for doc in _of_kind(docs, "compact"):
        if doc.data.get("scope") == "district" and doc.data.get("status") in CURRENT:
            current[doc.landlord].append(doc)
    for compacts in current.values():
        compacts.sort(key=lambda d: (str(d.data.get("agreed", "")), d.path))
        newest = compacts[-1]
        for doc in compacts[:-1]:
            line, column = position(doc.data, "status")
            yield Problem(doc.path, line, column, "Another district-wide compact is current too "
                          f"({newest.path}), and a landlord has only one. If this one is the "
                          "older, set its status to 'superseded'.", "one-district-compact")


def results_periods(docs: list[Document]) -> Iterator[Problem]:
    """A results file is named after its period, two consecutive years: 2025-26.yml."""
    for doc in _of_kind(docs, "results"):
        if not is_period(doc.id):
            yield Problem(doc.path, 1, 1, f"The file name '{doc.id}' is not a period. Name a "
                          "results file after the year it covers, such as 2025-26.yml (from "
                          "April 2025 to March 2026).", "results-period")


def results_references(docs: list[Document]) -> Iterator[Problem]:
    """Measures name estates, Tenant Satisfaction Measures and standard items that exist."""
    items = {_key(item.get("id")) for doc in _of_kind(docs, "standards")
             for standard in _items(doc.data, "standards") for item in _items(standard, "items")}
    tsm = {i.split(".")[1].upper() for i in items if isinstance(i, str) and i.startswith("tsm.")}
    estates = defaultdict(set)
    for doc in _of_kind(docs, "estate"):
        estates[doc.landlord].add(doc.id)
    for doc in _of_kind(docs, "results"):
        seen: dict[tuple, Any] = {}
        for measure in _items(doc.data, "measures"):
            estate, code = measure.get("estate"), measure.get("tsm")
            if isinstance(estate, str) and estate not in estates[doc.landlord]:
                yield _missing(doc, position(measure, "estate"), estate, estates[doc.landlord],
                               f"compacts/{doc.landlord}/estates/", "unknown-estate", "estate ")
            if isinstance(code, str) and tsm and code not in tsm:
                line, column = position(measure, "tsm")
                yield Problem(doc.path, line, column, f"'{code}' is not a Tenant Satisfaction "
                              f"Measure.{did_you_mean(code, tsm)} The codes are listed in "
                              "standards/tsm.yml.", "unknown-measure")
            for index, cited in enumerate(_list(measure.get("standards"))):
                if isinstance(cited, str) and cited not in items:
                    line, column = position(measure["standards"], index)
                    yield Problem(doc.path, line, column, f"'{cited}' is not a standard item."
                                  f"{did_you_mean(cited, items)}", "unknown-standard")
            key = tuple(str(measure.get(k) or "") for k in ("id", "estate", "part", "tenure"))
            if key in seen:
                line, column = position(measure, "id")
                what = ", ".join(v for v in key[1:] if v)
                yield Problem(doc.path, line, column, f"The measure '{key[0]}' is listed twice"
                              f"{' for ' + what if what else ''} (first on line "
                              f"{position(seen[key], 'id')[0]}). Give each part or tenure its "
                              "own 'part' or 'tenure'.", "duplicate-id")
            seen.setdefault(key, measure)
            yield from _reported(doc, measure)


def _reported(doc: Document, measure: Any) -> Iterator[Problem]:
    """A measure has a result, or says why it has none; not both."""
    has_actual, reason = "actual" in measure, "not_reported" in measure
    if has_actual == reason:
        line, column = position(measure, "actual" if has_actual else "id",
                                of_key=not has_actual)
        message = ("Give either 'actual' or 'not_reported', not both." if has_actual else
                   f"The measure '{measure.get('id')}' has no 'actual' result. Add it, or say "
                   "why there is none with 'not_reported: <the reason>'.")
        yield Problem(doc.path, line, column, message, "measure-result")


def equality_shares(docs: list[Document]) -> Iterator[Problem]:
    """The shares of one category (age, sex...) add up to 100% at most."""
    for doc in _of_kind(docs, "results"):
        groups = defaultdict(list)
        for group in _items(doc.data, "equality"):
            groups[_key(group.get("category"))].append(group)
        for category, members in groups.items():
            for side in ("representatives", "tenants"):
                total = sum(g.get(side) for g in members
                            if isinstance(g.get(side), (int, float)) and not isinstance(g.get(side), bool))
                if total > 100.5:
                    line, column = position(members[0], side)
                    yield Problem(doc.path, line, column, f"The {side} shares for {category} "
                                  f"add up to {total:g}%, more than 100%. Check the numbers.",
                                  "equality-over-100")


def evidences_resolve(docs: list[Document]) -> Iterator[Problem]:
    """A standards file's `evidences` names items that exist."""
    items = {_key(item.get("id")) for doc in _of_kind(docs, "standards")
             for standard in _items(doc.data, "standards") for item in _items(standard, "items")}
    for doc in _of_kind(docs, "standards"):
        for index, cited in enumerate(_list(doc.data.get("evidences"))):
            if isinstance(cited, str) and cited not in items:
                line, column = position(doc.data["evidences"], index)
                yield Problem(doc.path, line, column, f"'{cited}' is not a standard item."
                              f"{did_you_mean(cited, {i for i in items if isinstance(i, str)})}",
                              "unknown-standard")


def groups_and_areas_resolve(docs: list[Document]) -> Iterator[Problem]:
    """Groups and areas name estates and areas that exist."""
    estates: dict[str, set] = defaultdict(set)
    for doc in _of_kind(docs, "estate"):
        estates[doc.landlord].add(doc.id)
    areas: dict[str, set] = defaultdict(set)
    for doc in _of_kind(docs, "landlord"):
        for area in _items(doc.data, "areas"):
            areas[doc.landlord].add(area.get("id"))
            yield from _known(doc, area, "estates", estates[doc.landlord],
                              f"compacts/{doc.landlord}/estates/", "unknown-estate")
    for doc in _of_kind(docs, "group"):
        yield from _known(doc, doc.data, "estates", estates[doc.landlord],
                          f"compacts/{doc.landlord}/estates/", "unknown-estate")
        yield from _known(doc, doc.data, "areas", areas[doc.landlord],
                          f"the areas of compacts/{doc.landlord}/landlord.yml", "unknown-area")


def _missing(doc: Document, at: tuple[int, int], name: str, known: set, where: str, rule: str,
             what: str = "") -> Problem:
    """A name that is not among the known ones. When `where` is a folder (compacts/x/estates/)
    the problem refers to the file the name stands for, so that it is left out when that
    file is there but unreadable (read_site)."""
    return Problem(doc.path, *at, f"There is no {what}'{name}' in {where}."
                   f"{did_you_mean(name, {k for k in known if isinstance(k, str)})}", rule,
                   refers=f"{where}{name}" if where.endswith("/") else "")


def _known(doc: Document, node: Any, key: str, known: set, where: str,
           rule: str) -> Iterator[Problem]:
    """Each name listed under `key` is a known one."""
    for index, name in enumerate(_list(node.get(key) if isinstance(node, dict) else None)):
        if isinstance(name, str) and name not in known:
            yield _missing(doc, position(node[key], index), name, known, where, rule)


def _one(doc: Document, node: Any, key: str, known: set, where: str,
         rule: str) -> Iterator[Problem]:
    """The one name under `key` is a known one."""
    name = node.get(key) if isinstance(node, dict) else None
    if isinstance(name, str) and name not in known:
        yield _missing(doc, position(node, key), name, known, where, rule)


def other_kinds_have_labels(docs: list[Document]) -> Iterator[Problem]:
    """A review or group of kind 'other' says what it is, so the page can name it."""
    for doc in docs:
        nodes = [doc.data] if doc.kind == "group" else \
            _items(doc.data, "reviews") if doc.kind == "compact" else []
        for node in nodes:
            if node.get("kind") == "other" and not node.get("label"):
                line, column = position(node, "kind")
                yield Problem(doc.path, line, column, "The kind is 'other': add 'label' with "
                              "what it is, in words, such as 'Residents' conference'.",
                              "other-needs-label")


def signatures_only_when_signed(docs: list[Document]) -> Iterator[Problem]:
    """'signed_by' on a compact nobody has signed would not be shown: say so."""
    for doc in _of_kind(docs, "compact"):
        status = doc.data.get("status")
        if status in SIGNED and doc.data.get("agreed"):
            continue
        for party in _items(doc.data, "parties"):
            if party.get("signed_by"):
                line, column = position(party, "signed_by", of_key=True)
                why = f"its status is '{status}'" if status not in SIGNED else \
                    "it has no 'agreed' date"
                yield Problem(doc.path, line, column, f"'signed_by' is given, but {why}, so the "
                              "page does not show it as signed. Remove 'signed_by', or set the "
                              "status and 'agreed' date if it was signed.", "not-signed",
                              "warning")


PLACEHOLDER = "Replace this:"


def no_example_text(docs: list[Document]) -> Iterator[Problem]:
    """Text left by `compacts new` is replaced before it is published."""
    for doc in docs:
        for node, key in _strings(doc.data):
            if node[key].lstrip().startswith(PLACEHOLDER):
                line, column = position(node, key)
                yield Problem(doc.path, line, column, "This is still the example text that "
                              "'compacts new' wrote: replace it with the real text.",
                              "example-text")


def _strings(node: Any, depth: int = 0) -> Iterator[tuple[Any, Any]]:
    """(container, key) of every text value, to a bounded depth."""
    if depth > 20:
        return
    keys = node.keys() if isinstance(node, dict) else range(len(node)) \
        if isinstance(node, list) else []
    for key in keys:
        value = node[key]
        if isinstance(value, str):
            yield node, key
        elif isinstance(value, (dict, list)):
            yield from _strings(value, depth + 1)


RULES: list[Rule] = [
    file_names_unique, landlords_exist, standard_ids_unique, references_resolve,
    district_covers_core_standards, one_current_district_compact, results_references,
    evidences_resolve, groups_and_areas_resolve, *STATUTORY_RULES,
]
# Rules that look at one file alone: filecheck runs them with the file's other checks, so
# they are remembered with it and a check after one edit runs them on that file only.
FILE_RULES: list[Rule] = [
    file_names_are_ids, promise_ids_unique, scope_matches_estates, dates_in_order,
    results_periods, equality_shares, other_kinds_have_labels, signatures_only_when_signed,
    no_example_text,
]


def _of_kind(docs: Docs, kind: str) -> Iterator[Document]:
    return iter(docs.kinds.get(kind, ()))


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _items(node: Any, key: str) -> list:
    """The mappings in a list under key, skipping anything malformed (the schema reports it)."""
    value = node.get(key) if isinstance(node, dict) else None
    return [item for item in _list(value) if isinstance(item, dict)]


def _key(value: Any) -> Any:
    """A value usable as an id in a set; a list or mapping where an id belongs (which the
    schema reports) becomes None."""
    return value if isinstance(value, (str, int, float, bool)) or value is None else None


def _date(value: Any) -> PartialDate | None:
    return PartialDate.parse(value)


from .voice_rules import VOICE_FILE_RULES, VOICE_RULES  # noqa: E402  (they use the helpers above)

RULES += VOICE_RULES
FILE_RULES += VOICE_FILE_RULES
