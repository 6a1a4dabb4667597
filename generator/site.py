"""Reading a data folder into the site model: load, validate, then build (one way)."""
from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .checks import plugin_options, site_checks
from .filecheck import check_files
from .fields import build
from .loader import Document, discover, position
from .model import (CORE_STANDARDS, STATUTORY_KINDS, TRA, Compact, Estate, Fund, Group, Landlord, Results, Site,
                    Source, StandardSet)
from .problems import Problem, errors
from .rules import check_rules
from .readability import max_grade
from .statutory_rules import GAP_INPUTS, statutory_gaps
from .voice import VOICE_FILE_KINDS


@dataclass
class Checked:
    """The result of reading a data folder: a site when valid, and every problem found."""

    site: Site | None
    problems: list[Problem]
    files: int


def read_site(root: Path, model: bool = True) -> Checked:
    """Load, validate and (if there are no errors) build the site model. Never raises on data.
    model=False (`compacts check`): the same problems, without building the whole model."""
    with _collector_paused():
        return _read_site(root, model)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Reading makes a million small objects and frees almost none, so Python's cycle
    collector would walk all of them again every few thousand new ones (a third of a check
    after one edit at 5,000 estates). Paused while reading; what was read is then frozen
    (left out of later collections: it lives as long as the build), and unfrozen at the next
    read (a serve reads again after each edit, and the old data may then be garbage)."""
    was_on = gc.isenabled()
    gc.unfreeze()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_on:
            gc.enable()


def _read_site(root: Path, model: bool) -> Checked:
    jobs, problems, files = discover(root)
    options, problems_of_config = plugin_options(root)
    limit, problems_of_grade = max_grade(options)
    results = check_files(jobs, root, {"privacy": options.get("privacy") or {}, "max_grade": limit})
    docs = [result.doc for result in results if result.doc]
    problems += [p for result in results for p in result.problems] + problems_of_config + \
        problems_of_grade
    unreadable = {job.display.rsplit(".", 1)[0] for job, result in zip(jobs, results)
                  if result.doc is None}
    problems += [p for p in check_rules(docs) if p.refers not in unreadable]
    problems += site_checks(root, docs, options)
    if not any(d.kind == "standards" and d.data.get("id") == CORE_STANDARDS for d in docs):
        problems.append(Problem("standards/core-standards.yml", 1, 1, "The Core Standards file "
                                "is missing or unreadable; every compact refers to it.",
                                "missing-core-standards"))
    problems.sort()
    if errors(problems):
        return Checked(None, problems, files)
    if not model:  # the gaps need only the files they read: the rest is most of the data
        return Checked(None, sorted(problems + statutory_gaps(
            _build([d for d in docs if d.kind in GAP_INPUTS]))), files)
    site = _build(docs)
    problems = sorted(problems + statutory_gaps(site))  # worked out from the built model
    return Checked(site, problems, files)


def _build(docs: list[Document]) -> Site:
    sources: dict[str, list[Source]] = {}
    standards = [_standard_set(d, sources) for d in docs if d.kind == "standards"]
    landlords = {d.landlord: build(Landlord, d.data, _noter(d, sources), id=d.id, path=d.path)
                 for d in docs if d.kind == "landlord"}
    for doc in docs:
        landlord, note = landlords.get(doc.landlord), _noter(doc, sources)
        if doc.kind == "compact":
            landlord.compacts.append(compact_from(doc, sources))
        elif doc.kind == "estate":
            landlord.estates.append(build(Estate, doc.data, note, id=doc.id,
                                          landlord_id=doc.landlord, path=doc.path))
        elif doc.kind == "group":
            landlord.groups.append(build(Group, doc.data, note, id=doc.id,
                                         landlord_id=doc.landlord, path=doc.path))
        elif doc.kind == "results":
            landlord.results.append(build(Results, doc.data, note, landlord_id=doc.landlord,
                                          period=doc.id, path=doc.path))
        elif doc.kind in VOICE_FILE_KINDS:
            _add_voice(landlord, doc, note)
        elif doc.kind in STATUTORY_KINDS:  # tsm/ and complaints/, by period
            getattr(landlord.statutory, doc.kind)[doc.id] = build(
                STATUTORY_KINDS[doc.kind], doc.data, note, landlord_id=doc.landlord, period=doc.id,
                path=doc.path)
    _measures_evidence(standards, landlords.values())
    for landlord in landlords.values():
        landlord.estates.sort(key=lambda e: e.name.lower())
        for estate in landlord.estates:
            if estate.budget:  # the short form: one fund the estate's tenants decide on
                estate.funds.insert(0, Fund(
                    "Estate budget", estate.budget.amount, period=estate.budget.period,
                    decided_by="The estate's tenants", spent_on=estate.budget.spent_on))
        landlord.groups += [_tra_group(e) for e in landlord.estates if e.tra]
        landlord.groups.sort(key=lambda g: g.name.lower())
        landlord.results.sort(key=lambda r: r.period)
        landlord.voice.periods.sort(key=lambda p: p.period)
    return Site(standards, sorted(landlords.values(), key=lambda l: l.name.lower()), sources)


def _add_voice(landlord: Landlord, doc: Document, note) -> None:
    """A scrutiny review, a year's voice file or a training programme."""
    kind = VOICE_FILE_KINDS[doc.kind]
    if doc.kind == "voice":
        landlord.voice.periods.append(build(kind, doc.data, note, landlord_id=doc.landlord,
                                            period=doc.id, path=doc.path))
        return
    made = build(kind, doc.data, note, id=doc.id, landlord_id=doc.landlord, path=doc.path)
    (landlord.voice.reviews if doc.kind == "review" else landlord.voice.training).append(made)


def _measures_evidence(standards: list[StandardSet], landlords) -> None:
    """A published Tenant Satisfaction Measure is evidence for what its set says it evidences
    (standards/tsm.yml: publishing them meets the TIA item on publishing them)."""
    codes = [({i.id.split(".", 1)[1].upper() for i in s.items()}, s.evidences)
             for s in standards if s.evidences]  # worked out once, not per measure
    for landlord in landlords:
        for measure in (m for r in landlord.results for m in r.measures):
            for set_codes, evidences in codes:
                if measure.tsm in set_codes and measure.actual is not None:
                    measure.standards += [i for i in evidences if i not in measure.standards]


def _tra_group(estate: Estate) -> Group:
    """An estate file's `tra:` is the short way to write a group of kind 'tra' for it."""
    tra: TRA = estate.tra
    return Group(id=f"{estate.id}-tra", landlord_id=estate.landlord_id, path=estate.path,
                 name=tra.name, kind="tra", estate_ids=[estate.id], meetings=tra.meetings,
                 how_to_join=tra.how_to_join, contact=tra.contact, recognised=tra.recognised,
                 next_meetings=tra.next_meetings)


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
