"""The per-file part of a check: load, schema, personal data and the rules of one file
alone (rules.FILE_RULES), one file at a time.

What each file gave is remembered by its content (a `Store`), so checking again after one
edit reads and checks one file (a file whose times, size and inode are as they were is not
even read, as git does); when many files are new, both cores share them. The checks across
files (references, addresses, the statutory gaps) always run on everything.

The memory (generator/memory.py) is keyed by the generator's own code and the settings, so a
new version of a rule never reuses an old answer.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import stat
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from .loader import Document, Job, load_bytes
from .memory import Store, code_version
from .privacy import check_privacy
from .problems import Problem, errors
from .readability import check_readability
from .rules import check_file_rules
from .safety import read_limited
from .validate import check_schema

PARALLEL_FROM = 400  # fewer new files than this: starting a second process costs more


@dataclass
class FileResult:
    """What one data file gave: its document (None if it could not be read) and problems."""

    doc: Document | None
    problems: list[Problem]


def check_file(job: Job, settings: dict[str, Any]) -> tuple[str, FileResult]:
    """The digest of the content checked ('' if it could not be read) and what it gave.
    settings: {"privacy": the plugin's privacy options, "max_grade": readability's or None}."""
    raw, problem = read_limited(job.path, job.display)
    if problem:
        return "", FileResult(None, [problem])
    digest = _digest_of(job, raw)
    doc, problems = load_bytes(raw, job.display)
    if doc is None:
        return digest, FileResult(None, problems)
    doc.kind, doc.landlord, doc.id = job.kind, job.landlord, job.id
    problems += check_schema(doc)
    problems += check_privacy([doc], settings["privacy"])
    problems += check_file_rules(doc)
    if settings["max_grade"] is not None and not errors(problems):  # a grade needs valid data
        problems += check_readability(doc, settings["max_grade"])
    return digest, FileResult(doc, problems)


def check_files(jobs: list[Job], root: Path, settings: dict[str, Any]) -> list[FileResult]:
    """Each job's result, from memory when its file is unchanged (see check_file). Changed
    files are checked on the other core while this one reads back the unchanged ones."""
    memory = Store(root, "files", code_version(json.dumps(settings, sort_keys=True, default=str)))
    unchanged, changed = _sort_out(jobs, memory)
    wait = _start([jobs[index] for index, _ in changed], settings)
    results = {index: memory.get(jobs[index].display) for index in unchanged}
    damaged = [index for index in unchanged if results[index] is None]  # worked out again
    changed += [(index, _stamp(jobs[index].file, time.time_ns())) for index in damaged]
    fresh = wait() + _run([jobs[index] for index in damaged], settings)
    for (index, stamp), (digest, pickled) in zip(changed, fresh):
        results[index] = pickle.loads(pickled)
        if digest:
            memory.keep(jobs[index].display, pickled, (digest, stamp))
    memory.save()
    return [results[index] for index in range(len(jobs))]


def _sort_out(jobs: list[Job], memory: Store) -> tuple[list[int], list[tuple]]:
    """The jobs whose files are as remembered (by index), and the others (index, stamp; the
    stamp taken before the file is read, so a change while it is read is seen next time),
    without reading back anything remembered. A file never seen is not hashed here: the
    check hashes what it reads."""
    unchanged: list[int] = []
    changed: list[tuple[int, tuple | None]] = []
    now = time.time_ns()
    for index, job in enumerate(jobs):
        kept, stamp = memory.meta(job.display), _stamp(job.file, now)
        if not (isinstance(kept, tuple) and len(kept) == 2):
            kept = None  # nothing remembered, or a damaged store: read and check it
        if kept is not None and stamp is not None and kept[1] == stamp:
            unchanged.append(index)  # untouched since it was read: not even read again
            continue
        digest = _digest(job) if kept is not None else ""
        if digest and kept[0] == digest:
            if stamp != kept[1]:  # touched, not changed (a checkout), or settled since
                memory.restamp(job.display, (digest, stamp))
            unchanged.append(index)
        else:
            changed.append((index, stamp))
    return unchanged, changed


# A file's times are kept in ticks of the system clock (up to 10 ms; 2 s on some disks): a
# file changed twice in one tick, with a check between, would keep the times that check saw.
# So a file changed this near to a check gets no stamp, and is read again next time.
_SAME_TICK = 2_000_000_000


def _stamp(path: str, now: int) -> tuple[int, ...] | None:
    """What changes whenever a file's content does (its times, size and inode), as git's
    index keeps; None for a link, a file that cannot be looked at, or one just changed."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode) or max(info.st_mtime_ns, info.st_ctime_ns) > now - _SAME_TICK:
        return None
    return info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino, info.st_dev


def _digest(job: Job) -> str:
    """The file's content and where it is; '' for a file that cannot be read (a link, too
    big): checked again each time, and read_limited says why."""
    raw, problem = read_limited(job.path, job.display)
    return "" if problem else _digest_of(job, raw)


def _digest_of(job: Job, raw: bytes) -> str:
    """Where it is counts too: a file's kind, landlord and id come from its place."""
    return hashlib.sha256(job.display.encode("utf-8", "surrogatepass") + b"\0" + raw).hexdigest()


def _run(jobs: list[Job], settings: dict[str, Any]) -> list[tuple[str, bytes]]:
    """Each job's digest and FileResult, pickled: as a worker sends it, and as the Store keeps
    it, so that this process reads it but never pickles it again."""
    if len(jobs) < PARALLEL_FROM or not _may_fork():
        return _check_all(jobs, settings)
    workers = min(os.cpu_count() or 2, 4)
    size = max(50, len(jobs) // (workers * 4))
    with _forked_pool(workers) as pool:
        return list(pool.map(_check_pickled, jobs, [settings] * len(jobs), chunksize=size))


def _start(jobs: list[Job], settings: dict[str, Any]) -> Callable[[], list[tuple[str, bytes]]]:
    """Begin checking a few changed files on the other core (what they need, such as the
    schemas and the hyphenation dictionary, loads there meanwhile); returns a function
    that waits for their results. Many files, or one core, are checked by _run."""
    if not jobs or len(jobs) >= PARALLEL_FROM or not _may_fork():
        results = _run(jobs, settings)
        return lambda: results
    pool = _forked_pool(1)
    future = pool.submit(_check_all, jobs, settings)

    def wait() -> list[tuple[str, bytes]]:
        try:
            return future.result()
        finally:
            pool.shutdown()
    return wait


def _check_all(jobs: list[Job], settings: dict[str, Any]) -> list[tuple[str, bytes]]:
    return [_check_pickled(job, settings) for job in jobs]


def _check_pickled(job: Job, settings: dict[str, Any]) -> tuple[str, bytes]:
    digest, result = check_file(job, settings)
    return digest, pickle.dumps(result, pickle.HIGHEST_PROTOCOL)


def _forked_pool(workers: int) -> Any:
    """Worker processes forked from this one: they start with everything already imported."""
    from concurrent.futures import ProcessPoolExecutor  # here: most checks start no process
    from multiprocessing import get_context

    return ProcessPoolExecutor(workers, mp_context=get_context("fork"))


def _may_fork() -> bool:
    # fork copies only the calling thread: with others running (a serve's server), stay single
    return (os.cpu_count() or 1) >= 2 and threading.active_count() == 1
