"""Limits on what a data file may hold, checked before the file is built into data.

Data files come from pull requests, so whatever bytes they hold, reading them must end with
positioned problems or data, in bounded time and memory. The limits (documented in
CONTRIBUTING.md) are far above what a real compact needs:

- a file is at most MAX_FILE_BYTES; a file or folder name at most MAX_NAME characters;
- values nest at most MAX_DEPTH deep; a list or section has at most MAX_ITEMS entries, and
  a file at most MAX_VALUES values once its '*' references are counted out (an "alias
  bomb" of a few lines could otherwise stand for billions of values);
- a text is at most MAX_TEXT characters, with at most MAX_BRACKETS '[' (Markdown's link
  parser takes time that grows with the square of their number);
- a number has at most MAX_DIGITS digits, and is never .nan or .inf.

The scan reads YAML events (libyaml's, or ruamel's: neither recurses in Python, so deep
nesting cannot overflow Python's stack), before any data is built from them.
"""
from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path
from itertools import islice
from typing import Any, Iterable, Iterator

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from .fastyaml import tag_of
from .problems import Problem

MAX_FILE_BYTES = 1_000_000
MAX_NAME = 64
MAX_DEPTH = 32
MAX_ITEMS = 2_000
MAX_VALUES = 100_000
MAX_TEXT = 10_000
MAX_BRACKETS = 400
MAX_DIGITS = 15
MAX_PROBLEMS_PER_FILE = 20  # a file of junk gives a few problems, not a million lines

# What YAML allows in a file (ruamel's Reader rejects the rest, without a line number).
_NOT_PRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")
_SURROGATE = re.compile("[\uD800-\uDFFF]")
_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")


def read_limited(path: Path, display: str) -> tuple[bytes | None, Problem | None]:
    """A data file's bytes, unless it is a link or too big (checked before reading it)."""
    if path.is_symlink():
        return None, link_problem(path, display)
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as err:
        return None, Problem(display, 1, 1, f"The file could not be read: {err.strerror}.", "read")
    if len(raw) > MAX_FILE_BYTES:
        return None, Problem(display, 1, 1, f"The file is larger than {MAX_FILE_BYTES:,} bytes, "
                             "the most a data file may be. Split it into smaller files, or "
                             "check that it is the file you meant.", "file-size")
    return raw, None


def link_problem(path: Path, display: str) -> Problem:
    try:
        target = os.readlink(path)
    except OSError:
        target = "somewhere else"
    return Problem(display, 1, 1, f"This is a link (a symbolic link to {target}), not a file. "
                   "The publisher never follows links, so that nothing outside the repository "
                   "is read or published: put the file itself here.", "symlink")


def scan_text(text: str, display: str) -> list[Problem]:
    """Problems that stop a file from being read safely; [] means it may be parsed."""
    found = unprintable(text, display)
    if found:
        return found
    try:
        # ruamel's scanner and parser keep their own stacks, so deep nesting cannot
        # overflow Python's; same events as round-trip, without its comment work.
        return scan_events(YAML(typ="safe", pure=True).parse(text), display)
    except YAMLError:
        return []  # a syntax error: the loader reports it with its own explanation


def scan_events(events: Iterable[Any], display: str) -> list[Problem]:
    """Problems in a file's YAML events (ruamel's, or libyaml's on the fast path)."""
    return list(islice(_scan_events(events, display), MAX_PROBLEMS_PER_FILE))


def unprintable(text: str, display: str) -> list[Problem]:
    found = []
    for match in _NOT_PRINTABLE.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        found.append(Problem(display, line, column, f"There is an invisible control character "
                             f"({ascii(match.group())[1:-1]}) here, which a data file cannot hold. "
                             "Delete it (it often comes from copying text out of another "
                             "program).", "control-character"))
        if len(found) >= MAX_PROBLEMS_PER_FILE:
            break
    return found


class _Counter:
    """Values under one open list or section, with its references counted out."""

    def __init__(self, event: Any, is_list: bool) -> None:
        self.event, self.is_list, self.values, self.entries = event, is_list, 1, 0


def _scan_events(events: Iterable[Any], display: str) -> Iterator[Problem]:
    """Both libraries name their event classes alike; their classes differ, so dispatch on
    the names."""
    stack: list[_Counter] = []
    anchors: dict[str, int] = {}
    unused: dict[str, Any] = {}  # anchors no '*' refers to (yet), by name: their events
    total = 0
    for event in events:
        name = type(event).__name__
        yield from _properties(event, name, unused, display)
        if name in ("MappingStartEvent", "SequenceStartEvent"):
            if len(stack) >= MAX_DEPTH:
                yield _at(display, event, f"The values here are nested more than {MAX_DEPTH} "
                          "levels deep, which no data file needs. Check the indentation and "
                          "the brackets.", "too-deep")
                return
            stack.append(_Counter(event, name == "SequenceStartEvent"))
            continue
        if name in ("MappingEndEvent", "SequenceEndEvent"):
            done = stack.pop()
            if done.event.anchor:
                anchors[done.event.anchor] = done.values
            size = done.values
        elif name == "AliasEvent":
            size = anchors.get(event.anchor, 1)
            unused.pop(event.anchor, None)
        elif name == "ScalarEvent":
            yield from _scalar(event, display)
            size = 1
            if event.anchor:
                anchors[event.anchor] = 1
        else:
            continue
        total += size
        if total > MAX_VALUES:
            yield _at(display, event, f"With its '*' references counted out, this file holds "
                      f"more than {MAX_VALUES:,} values, far more than a data file needs. "
                      "Write the values out instead of repeating references.", "too-many-values")
            return
        if stack:
            parent = stack[-1]
            parent.values += size
            parent.entries += 1
            limit = MAX_ITEMS * (1 if parent.is_list else 2)  # a section counts keys and values
            if parent.entries == limit + 1:
                what = "list" if parent.is_list else "section"
                yield _at(display, parent.event, f"This {what} has more than {MAX_ITEMS:,} "
                          "entries, the most a data file may hold in one place. Split the data "
                          "into more files.", "too-many-items")
    for event in unused.values():
        # YAML reads '&Oak Court' as the anchor 'Oak' and the text 'Court': a value quietly
        # cut short. An anchor that nothing refers to can only be text meant as it is.
        yield _at(display, event, "Text cannot start with '&' unless it is in quotes: YAML "
                  f"would read '&{event.anchor}' as a label and leave it out of the text. Put "
                  "the whole text in quotes.", "anchor-as-text")


def _properties(event: Any, name: str, unused: dict[str, Any], display: str) -> Iterator[Problem]:
    """A '!' or '&' written at the start of a value: YAML reads them as a tag or an anchor."""
    if name not in ("ScalarEvent", "MappingStartEvent", "SequenceStartEvent"):
        return
    if event.anchor:
        unused[event.anchor] = event
    tag = str(event.tag or "")
    if tag and tag != "!":
        # '!Oak Court' would become a value of a type named 'Oak', and '!!str 5' or '!!set'
        # values of types no page shows: the data files need no tags at all.
        written = tag.replace("tag:yaml.org,2002:", "!!", 1)
        yield _at(display, event, "Text cannot start with '!' unless it is in quotes: YAML "
                  f"would read '{written}' as a tag, which these files do not use. Put the "
                  "whole text in quotes.", "tag-as-text")


def _scalar(event: Any, display: str) -> Iterator[Problem]:
    value = event.value
    if _SURROGATE.search(value):
        yield _at(display, event, "This text has an escape such as \\ud800 that stands for half "
                  "of a character, which cannot be shown. Delete the escape or write the "
                  "character itself.", "bad-escape")
    if len(value) > MAX_TEXT:
        yield _at(display, event, f"This text is {len(value):,} characters long; the most is "
                  f"{MAX_TEXT:,}. Shorten it or split it.", "text-too-long")
    elif value.count("[") > MAX_BRACKETS:
        yield _at(display, event, f"This text has more than {MAX_BRACKETS} '[' characters, "
                  "the most a text may have. Remove some.", "too-many-brackets")
    if not event.style and not event.tag:  # plain: None in ruamel, '' in libyaml
        if tag_of(value) in _NUMBER_TAGS:
            yield from _number(event, value, display)


def _number(event: Any, value: str, display: str) -> Iterator[Problem]:
    lowered = value.lower()
    if "nan" in lowered or "inf" in lowered:
        yield _at(display, event, f"'{value}' is not a number a page can show. Write the number "
                  "itself, or leave the key out if it is not known.", "not-a-number")
        return
    digits = sum(ch.isdigit() for ch in lowered.split("e")[0])
    if digits > MAX_DIGITS or _overflows(lowered):
        yield _at(display, event, f"This number has {digits} digits; the most is {MAX_DIGITS}. "
                  "Check it.", "number-too-big")


def _overflows(lowered: str) -> bool:
    """A float whose exponent makes it infinite, such as 1e999."""
    if "e" not in lowered:
        return False
    try:
        return float(lowered.replace("_", "")) in (float("inf"), float("-inf"))
    except ValueError:
        return False


def _at(display: str, event: Any, message: str, rule: str) -> Problem:
    mark = event.start_mark
    return Problem(display, mark.line + 1, mark.column + 1, message, rule)


# ---------------------------------------------------------------------------------------
# Names of files and folders: they become web addresses.

_YAML_NAME = re.compile(r"\.ya?ml", re.IGNORECASE)
_PLAIN_NAME = re.compile(r"[a-zA-Z0-9._-]*")  # nearly every name: no need to look closer
_PLAIN_PATH = re.compile(r"[a-zA-Z0-9._/-]*")


def walk(root: Path, folders: tuple[str, ...]) -> tuple[list[str], list[Problem]]:
    """Every regular file under root/<folder>, as its path from root ("compacts/x/landlord.yml"),
    never through a link; links are problems. In the order of their folders and names.
    (os.scandir: each entry's type comes with its name, without a system call per file.)"""
    files: list[str] = []
    problems: list[Problem] = []
    for folder in folders:
        base = root / folder
        if base.is_symlink():
            problems.append(link_problem(base, folder))
        elif base.is_dir():
            _walk_folder(base, folder, files, problems)
    return sorted(files, key=lambda name: name.split("/")), problems


def _walk_folder(base: Path, display: str, files: list[str], problems: list[Problem]) -> None:
    pending = [(str(base), display)]
    while pending:
        here, shown = pending.pop()
        try:
            entries = sorted(os.scandir(here), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            name = f"{shown}/{entry.name}"
            if entry.is_symlink():
                problems.append(link_problem(Path(entry.path), name))
            elif entry.is_dir(follow_symlinks=False):
                pending.append((entry.path, name))
            elif entry.is_file(follow_symlinks=False):
                files.append(name)


def suffix(name: str) -> str:
    """What a file name ends with from its last dot, as pathlib's suffix (none for '.yml')."""
    name = name.rsplit("/", 1)[-1]
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def name_problems(display: str) -> list[Problem]:
    """A data file's name and folders (its path from the repository's top) must make a
    safe, readable web address."""
    problems = []
    ending = suffix(display)
    if _YAML_NAME.fullmatch(ending) and ending not in (".yml", ".yaml"):
        problems.append(Problem(display, 1, 1, f"The file name ends in '{ending}'. Rename "
                                "it to end in '.yml' (lower case), or it is not read.", "file-name"))
    if len(display) <= MAX_NAME and _PLAIN_PATH.fullmatch(display):
        return problems  # nearly every path: no part too long, nothing invisible
    for part in display.split("/"):
        if len(part.rsplit(".", 1)[0] if "." in part[1:] else part) > MAX_NAME:
            problems.append(Problem(display, 1, 1, f"The name '{part[:40]}...' is "
                                    f"{len(part)} characters long; the most is {MAX_NAME}. "
                                    "Give it a shorter name.", "name-too-long"))
        elif not _PLAIN_NAME.fullmatch(part) and \
                any(unicodedata.category(ch)[0] in "CZ" and ch != " " for ch in part):
            problems.append(Problem(display, 1, 1, f"The name '{part}' contains an invisible "
                                    "character (such as a line break or a right-to-left mark), "
                                    "which cannot be in a web address. Rename it using lower "
                                    "case letters, digits and hyphens.", "file-name"))
    return problems


# ---------------------------------------------------------------------------------------
# Open data: a CSV cell that a spreadsheet would run as a formula.

# OWASP, "CSV Injection": cells starting with these run as formulas in Excel, LibreOffice
# and Google Sheets (the full-width forms too, in some). A leading apostrophe makes the
# spreadsheet show the text as text; the csv module already quotes and doubles '"'.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralise(cell: str) -> str:
    """A text cell a spreadsheet shows as text, never runs."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell
