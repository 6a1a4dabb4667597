"""What a rebuild must redo: which data files changed, and which pages show them.

`mkdocs serve` rebuilds after every saved file. Reading the data again is needed (a file
can change what other files mean), but rendering a page is not, unless the page shows
something from a file that changed: an estate page shows its estate file, the compacts
that cover the estate and the district compact; a compact page shows its compact file and
the estates it covers. Every other page of a landlord (its home page, results, groups,
statutory publications) may show anything of that landlord, and the site-wide pages
anything at all. Files of a landlord that are not one estate or one compact (landlord.yml,
groups, results, voice, statutory publications) are shown by all its pages; a standards
file by every page.

Nothing here knows about MkDocs.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

PER_THING = ("estates", "compacts")  # folders of files that one estate or compact page shows


def depends_on(sources: frozenset[str] | None, landlord_id: str | None, file: str) -> bool:
    """Whether a page (its own source files, or None for "anything in its scope", and its
    landlord, None for a site-wide page) shows something from this data file."""
    parts = file.split("/")
    if landlord_id is None or parts[0] != "compacts" or len(parts) < 3:
        return True  # a site-wide page, or a standards file: every page
    if parts[1] != landlord_id:
        return False
    if sources is None or parts[2] not in PER_THING or len(parts) != 4:
        return True  # a landlord-wide page, or a file every page of the landlord shows
    return file in sources


@dataclass
class Tracker:
    """Remembers the data files (size and modification time) as they were at the last
    build, so the next one knows which changed; anything else that changed (the config,
    the theme, a catalog, a hand-written page) asks for a full build."""

    root: Path
    data: tuple[str, ...] = ("compacts", "standards")
    others: tuple[str, ...] = ()
    seen: dict[str, tuple[int, int]] | None = None
    rest: dict[str, tuple[int, int]] | None = None

    def changes(self) -> set[str] | None:
        """Data files added, removed or changed since the last call; None when something
        else changed, or on the first call (everything is new)."""
        data, rest = _stats(self.root, self.data), _stats(self.root, self.others)
        before, before_rest = self.seen, self.rest
        self.seen, self.rest = data, rest
        if before is None or rest != before_rest:
            return None
        return {path for path in data.keys() | before.keys() if data.get(path) != before.get(path)}


def _stats(root: Path, names: Iterable[str]) -> dict[str, tuple[int, int]]:
    found: dict[str, tuple[int, int]] = {}
    for name in names:
        top = root / name
        paths = [top] if top.is_file() else (Path(folder) / f for folder, _, files in
                                              os.walk(top) for f in files)
        for path in paths:
            try:
                stat = path.stat()
            except OSError:
                continue
            found[path.relative_to(root).as_posix()] = (stat.st_mtime_ns, stat.st_size)
    return found


@dataclass
class Previous:
    """One language's pages at the last build: each page's sources and landlord, so a
    page that stopped showing a changed file (an estate taken out of a compact) is redone."""

    pages: dict[str, tuple[frozenset[str] | None, str | None]] = field(default_factory=dict)

    def to_render(self, path: str, sources: frozenset[str] | None, landlord_id: str | None,
                  changed: set[str]) -> bool:
        old = self.pages.get(path)
        if old is None:
            return True  # a new page
        return any(depends_on(sources, landlord_id, f) or depends_on(old[0], old[1], f)
                   for f in changed)
