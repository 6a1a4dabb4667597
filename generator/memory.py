"""What the generator remembers between runs, in the user's cache folder (XDG_CACHE_HOME,
else ~/.cache), never in the repository: a pickle runs code when read, so nothing a pull
request can add may ever be read as one. Deleting it is always safe: it is worked out again.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import Any

_CODE = Path(__file__).parent


def cache_folder() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "tenant-compacts"


def write_whole(path: Path, data: bytes) -> None:
    """Write a file another run may read at the same time, whole or not at all; a read-only
    home is no error (what would have been kept is worked out again next time)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError:
        pass


_LOAD_ERRORS = (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError,
                AttributeError, ImportError, IndexError)


def read_kept(path: Path) -> Any:
    """What write_whole kept there, or None when there is none or it cannot be read."""
    try:
        return pickle.loads(path.read_bytes())
    except _LOAD_ERRORS:
        return None
JOURNAL_MOST = 256  # entries added since the whole store was last written, before it is again


class Store:
    """A dict kept between runs in the user's cache folder, for one repository. Entries not
    used in a run are dropped when it saves, so the store never outgrows the data. Each entry
    is kept pickled on its own, with a little about it (`meta`) that can be looked at without
    reading the entry back. A run that changed a few entries appends them to a journal beside
    the store instead of writing all 10 MB again (at 5,000 estates); the journal is folded in
    when it grows. Any part that cannot be read is left out: it is worked out again."""

    def __init__(self, root: Path, name: str, version: str) -> None:
        place = hashlib.sha256(str(root.resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:16]
        self.path = cache_folder() / "check" / f"{place}-{name}.pickle"
        self.journal = self.path.with_suffix(".journal")
        self.version = version
        self.entries: dict[str, tuple[Any, bytes]] = {}
        self.added: dict[str, tuple[Any, bytes]] = {}  # this run's, for the journal
        self.journalled = 0  # entries in the journal as read
        self.journal_damaged = False  # then the next save folds it in, dropping the damage
        self.whole = False  # whether the store itself was read (a journal adds to it)
        self.used: set[str] = set()
        kept = read_kept(self.path)  # None, or another version's: work everything out
        if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == self.version and \
                isinstance(kept[1], dict):
            self.entries, self.whole = kept[1], True
            self._replay()

    def _replay(self) -> None:
        try:
            with self.journal.open("rb") as handle:
                size, read = os.fstat(handle.fileno()).st_size, 0
                while read < size:
                    version, key, entry = pickle.load(handle)
                    read = handle.tell()
                    if version == self.version:
                        self.entries[key] = entry
                    self.journalled += 1
        except FileNotFoundError:
            return
        except _LOAD_ERRORS:  # a record cut short (a run stopped while writing): the rest is
            self.journal_damaged = True  # worked out again, and the journal folded in

    def meta(self, key: str) -> Any:
        kept = self.entries.get(key)
        return kept[0] if isinstance(kept, tuple) and len(kept) == 2 else None

    def get(self, key: str) -> Any:
        self.used.add(key)
        kept = self.entries.get(key)
        try:
            return pickle.loads(kept[1]) if isinstance(kept, tuple) and len(kept) == 2 else None
        except _LOAD_ERRORS:
            return None  # a damaged entry: worked out again

    def put(self, key: str, value: Any, meta: Any = None) -> None:
        self.keep(key, pickle.dumps(value, pickle.HIGHEST_PROTOCOL), meta)

    def keep(self, key: str, pickled: bytes, meta: Any = None) -> None:
        """put, of a value already pickled."""
        self.used.add(key)
        self.entries[key] = self.added[key] = (meta, pickled)

    def restamp(self, key: str, meta: Any) -> None:
        """The same entry, with new meta."""
        self.keep(key, self.entries[key][1], meta)

    def save(self) -> None:
        unused = set(self.entries) - self.used
        if not (self.added or unused or self.journal_damaged):
            return
        try:
            if self.whole and not (unused or self.journal_damaged) and \
                    self.journalled + len(self.added) <= JOURNAL_MOST:
                with self.journal.open("ab") as handle:  # one write: whole records, in order
                    handle.write(b"".join(pickle.dumps((self.version, key, entry),
                                                       pickle.HIGHEST_PROTOCOL)
                                          for key, entry in self.added.items()))
                return
            for key in unused:
                del self.entries[key]
            write_whole(self.path, pickle.dumps((self.version, self.entries),
                                                pickle.HIGHEST_PROTOCOL))
            self.journal.unlink(missing_ok=True)
        except OSError:
            pass  # a read-only home: worked out again next time


def code_version(*options: str) -> str:
    """The generator's own code (and the options given): a new rule never reuses an old
    answer."""
    digest = hashlib.sha256(sys.version.encode())
    for path in sorted([*_CODE.glob("*.py"), *_CODE.glob("schemas/*.json")]):
        digest.update(path.name.encode() + path.read_bytes())
    for option in options:
        digest.update(option.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()
