"""Agreed versions of each compact, read from the git history of its data file.

Each distinct `agreed:` date in a file's history is one version; its content is the file as
it stood at the last commit with that date (so a later typo fix is part of the version it
fixes). The current file is the newest version. Nothing here writes to the repository.
"""
from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .loader import Document, parse_text
from .model import Compact
from .privacy import redact
from .safety import MAX_FILE_BYTES
from .site import compact_from
from .validate import check_schema

_AGREED = re.compile(r"^agreed:\s*['\"]?(\d{4}(?:-\d{2}(?:-\d{2})?)?)\b", re.M)
_COMPACT_FILE = re.compile(r"^compacts/([^/]+)/compacts/([^/]+)\.ya?ml$")


@dataclass
class Version:
    """One agreed version of a compact: the date, the commit it is read from, its content."""

    agreed: date
    commit: str
    compact: Compact
    current: bool = False


@dataclass
class History:
    """Every compact's versions, oldest first, and a warning when history is missing."""

    versions: dict[tuple[str, str], list[Version]] = field(default_factory=dict)
    warning: str = ""
    sources: dict = field(default_factory=dict)  # texts of past versions, for translators

    def of(self, compact: Compact) -> list[Version]:
        return self.versions.get((compact.landlord_id, compact.id), [])


def read_history(root: Path, compacts: list[Compact]) -> History:
    """Versions of every compact; the current ones come from the model, older ones from git."""
    history = History({(c.landlord_id, c.id): [Version(c.agreed, "", c, True)]
                       for c in compacts if c.agreed})
    problem = _git_problem(root)
    if problem:
        history.warning = problem
        return history
    texts = _old_texts(root, {c.path for c in compacts if c.agreed})
    names = redaction_list(root)
    for compact in compacts:
        if not compact.agreed:
            continue
        older = [v for v in _versions(compact, texts.get(compact.path, []), history.sources, names)
                 if v.agreed < compact.agreed]
        history.versions[(compact.landlord_id, compact.id)][:0] = older
    return history


def redaction_list(root: Path) -> list[str]:
    """Names to remove from past versions: privacy: redact in site_config.yml."""
    from .checks import plugin_options

    names = (plugin_options(root)[0].get("privacy") or {}).get("redact") or []
    return [str(n) for n in names if str(n).strip()]


def _git(root: Path, *args: str, stdin: str | None = None) -> str:
    done = subprocess.run(["git", "-C", str(root), *args], input=stdin, capture_output=True,
                          text=True, check=True)
    return done.stdout


def _git_problem(root: Path) -> str:
    try:
        if _git(root, "rev-parse", "--is-inside-work-tree").strip() != "true":
            raise subprocess.CalledProcessError(1, "git")
    except (OSError, subprocess.CalledProcessError):
        return ("This folder is not a git repository, so earlier agreed versions of the "
                "compacts cannot be published. Build from a clone with its history.")
    if _git(root, "rev-parse", "--is-shallow-repository").strip() == "true":
        return ("This is a shallow clone, so earlier agreed versions of the compacts are "
                "missing. Fetch the full history ('git fetch --unshallow', or "
                "'fetch-depth: 0' in GitHub Actions) to publish them.")
    return ""


def _old_texts(root: Path, paths: set[str]) -> dict[str, list[tuple[str, str]]]:
    """path -> [(commit, text)], newest first, for files with more than one commit."""
    prefix = _git(root, "rev-parse", "--show-prefix").strip()
    log = _git(root, "log", "--format=%x01%H", "--name-only", "--no-renames", "--", ".")
    commits: dict[str, list[str]] = {}
    for block in log.split("\x01")[1:]:
        sha, *names = block.strip().splitlines()
        for name in names:
            relative = name[len(prefix):] if name.startswith(prefix) else name
            if relative in paths:
                commits.setdefault(relative, []).append(sha)
    wanted = [(path, sha) for path, shas in commits.items() if len(shas) > 1 for sha in shas]
    if not wanted:
        return {}
    batch = _git(root, "cat-file", "--batch",
                 stdin="".join(f"{sha}:{prefix}{path}\n" for path, sha in wanted))
    texts: dict[str, list[tuple[str, str]]] = {}
    for (path, sha), text in zip(wanted, _split_batch(batch)):
        if text is not None:
            texts.setdefault(path, []).append((sha, text))
    return texts


def _split_batch(output: str) -> list[str | None]:
    """The objects printed by `git cat-file --batch` ('<sha> blob <size>' then content)."""
    data, found, at = output.encode(), [], 0
    while at < len(data):
        end = data.index(b"\n", at)
        header = data[at:end].decode()
        if header.endswith("missing"):
            found.append(None)
            at = end + 1
            continue
        size = int(header.split()[-1])
        found.append(data[end + 1:end + 1 + size].decode("utf-8", "replace"))
        at = end + 1 + size + 1
    return found


def _versions(current: Compact, texts: list[tuple[str, str]], sources: dict,
              names: list[str] = ()) -> list[Version]:
    """One version per agreed date, from the newest commit that has it; oldest first."""
    newest: dict[str, tuple[str, str]] = {}
    for sha, text in texts:  # newest first
        match = _AGREED.search(text)
        if match and match.group(1) not in newest:
            newest[match.group(1)] = (sha, text)
    versions = []
    for agreed, (sha, text) in sorted(newest.items()):
        compact = _compact_at(current, text, f"{current.path}@{agreed}", sources, names)
        if compact and compact.agreed:
            versions.append(Version(compact.agreed, sha, compact))
    return versions


def _compact_at(current: Compact, text: str, label: str, sources: dict,
                names: list[str] = ()) -> Compact | None:
    """A past version of a compact (with the redacted names removed), or None if that
    version does not fit today's schema or cannot be read safely."""
    if len(text) > MAX_FILE_BYTES:
        return None
    data = parse_text(text, label)
    if data is None:
        return None
    redact(data, list(names))
    doc = Document(label, data, "compact", current.landlord_id, current.id)
    if check_schema(doc):
        return None
    compact = compact_from(doc, sources)
    compact.path = current.path
    return compact
