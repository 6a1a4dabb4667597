"""The per-file part of a check: load, schema and personal data, one file at a time.

What each file gave is remembered by its content (a `Store`), so checking again after one edit reads
and checks one file; when many files are new, both cores share them. The checks across
files (references, addresses, the built model) always run on everything.

The memory lives in the user's cache folder (XDG_CACHE_HOME, else ~/.cache), never in the
repository: a pickle runs code when read, so nothing a pull request can add may ever be
read as one. It is keyed by the generator's own code and the privacy options, so a new
version of a rule never reuses an old answer.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from .loader import Document, Job, load_file
from .privacy import check_privacy
from .problems import Problem
from .validate import check_schema

PARALLEL_FROM = 400  # fewer new files than this: starting a second process costs more
_CODE = Path(__file__).parent


@dataclass
class FileResult:
    """What one data file gave: its document (None if it could not be read) and problems."""

    doc: Document | None
    problems: list[Problem]
    digest: str = field(default="", repr=False)


def check_file(job: Job, privacy: dict[str, Any]) -> FileResult:
    doc, problems = load_file(job.path, job.display)
    if doc is None:
        return FileResult(None, problems)
    doc.kind, doc.landlord, doc.id = job.kind, job.landlord, job.id
    problems += check_schema(doc)
    problems += check_privacy([doc], privacy)
    return FileResult(doc, problems)


def check_files(jobs: list[Job], root: Path, privacy: dict[str, Any]) -> list[FileResult]:
    """Each job's result, from memory when its file is unchanged."""
    memory = Store(root, "files", code_version(json.dumps(privacy, sort_keys=True, default=str)))
    results: dict[int, FileResult] = {}
    todo: list[tuple[int, Job, str]] = []
    for index, job in enumerate(jobs):
        digest = _digest(job)
        known = memory.get(job.display)
        if known is not None and digest and known.digest == digest:
            results[index] = known
        else:
            todo.append((index, job, digest))
    for (index, _, digest), result in zip(todo, _run([job for _, job, _ in todo], privacy)):
        result.digest = digest
        results[index] = result
        if digest:
            memory.put(jobs[index].display, result)
    memory.save()
    return [results[index] for index in range(len(jobs))]


def _digest(job: Job) -> str:
    """The file's content and where it is (its kind, landlord and id come from there)."""
    try:
        content = job.path.read_bytes() if not job.path.is_symlink() else b"link"
    except OSError:
        return ""  # unreadable: checked again each time, and load_file says why
    return hashlib.sha256(job.display.encode("utf-8", "surrogatepass") + b"\0" + content).hexdigest()


def _run(jobs: list[Job], privacy: dict[str, Any]) -> list[FileResult]:
    # fork copies only the calling thread: with others running (a serve's server), stay single
    if len(jobs) < PARALLEL_FROM or (os.cpu_count() or 1) < 2 or threading.active_count() > 1:
        return [check_file(job, privacy) for job in jobs]
    workers = min(os.cpu_count() or 2, 4)
    size = max(50, len(jobs) // (workers * 4))
    # fork: the workers start with everything already imported
    with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
        return list(pool.map(check_file, jobs, [privacy] * len(jobs), chunksize=size))


class Store:
    """A dict kept between runs in the user's cache folder, for one repository. Entries not
    used in a run are dropped when it saves, so the store never outgrows the data. Each entry
    is kept pickled on its own, so that saving after one edit pickles one entry, not all."""

    def __init__(self, root: Path, name: str, version: str) -> None:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
        place = hashlib.sha256(str(root.resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:16]
        self.path = base / "tenant-compacts" / "check" / f"{place}-{name}.pickle"
        self.version = version
        self.entries: dict[str, bytes] = {}
        self.used: set[str] = set()
        self.changed = False
        try:
            with self.path.open("rb") as handle:
                version, entries = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError,
                AttributeError, ImportError):
            return  # no store yet, or an old one: work everything out
        if version == self.version and isinstance(entries, dict):
            self.entries = entries

    def get(self, key: str) -> Any:
        self.used.add(key)
        kept = self.entries.get(key)
        try:
            return pickle.loads(kept) if isinstance(kept, bytes) else None
        except (pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError,
                ImportError, IndexError):
            return None  # a damaged entry: worked out again

    def put(self, key: str, value: Any) -> None:
        self.used.add(key)
        self.entries[key] = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        self.changed = True

    def save(self) -> None:
        unused = set(self.entries) - self.used
        if not (self.changed or unused):
            return
        for key in unused:
            del self.entries[key]
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_suffix(f".{os.getpid()}.tmp")
            with temporary.open("wb") as handle:
                pickle.dump((self.version, self.entries), handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.path)
        except OSError:
            pass  # a read-only home: every check works everything out, which is only slower


def code_version(*options: str) -> str:
    """The generator's own code (and the options given): a new rule never reuses an old
    answer."""
    digest = hashlib.sha256(sys.version.encode())
    for path in sorted([*_CODE.glob("*.py"), *_CODE.glob("schemas/*.json")]):
        digest.update(path.name.encode() + path.read_bytes())
    for option in options:
        digest.update(option.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()
