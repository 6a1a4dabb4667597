"""Load YAML data files, keeping the line and column of every value.

Every way a file can fail to be read (bad bytes, tabs, broken YAML, duplicate keys,
empty, not a mapping) becomes a Problem with a plain-English message; nothing raises.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from .problems import Problem
from .fastyaml import DatesAsText, compose, events
from .safety import name_problems, read_limited, scan_events, scan_text, suffix, unprintable, walk


@dataclass
class Document:
    """A data file read from disk: its path for messages, and its positioned content."""

    path: str
    data: dict  # a Section, or a CommentedMap when ruamel read it: both carry `lc` marks
    kind: str = ""
    landlord: str = ""
    id: str = ""


def load_file(path: Path, display: str) -> tuple[Document | None, list[Problem]]:
    """Read one YAML file; returns the document or the problems that stopped it."""
    raw, problem = read_limited(path, display)
    if problem:
        return None, [problem]
    return load_bytes(raw, display)


def load_bytes(raw: bytes, display: str) -> tuple[Document | None, list[Problem]]:
    """A data file's content (read_limited's) as a document, or the problems that stop it."""
    text, problem = _decode(raw, display)
    if problem:
        return None, [problem]
    data, unsafe = _read_fast(text, display)
    if unsafe:
        return None, unsafe
    if data is None:  # the slow path: ruamel, with its own explanations of what is wrong
        unsafe = scan_text(text, display) or _tab_indents(text, display)
        if unsafe:
            return None, unsafe
        data, problem = _parse(text, display)
        if problem:
            return None, [problem]
    if data is None:
        return None, [Problem(display, 1, 1, "The file is empty. Add the details it needs, "
                              "or delete the file.", "empty-file")]
    if not isinstance(data, dict):  # Section (fast path) or CommentedMap (ruamel)
        what = "a list" if isinstance(data, list) else "a single value"
        return None, [Problem(display, 1, 1, f"The file holds {what}, but it should be a set of "
                              "'key: value' lines, such as 'name: Oak Court'.", "not-a-mapping")]
    return Document(display, data), []


def _read_fast(text: str, display: str) -> tuple[Any, list[Problem]]:
    """Data and safety problems through libyaml; (None, []) when the slow path must read it."""
    found = events(text) if not unprintable(text, display) else None
    if found is None:
        return None, []
    unsafe = scan_events(found, display) or _tab_indents(text, display)
    return (None, unsafe) if unsafe else (compose(found, text), [])


def parse_text(text: str, label: str) -> Any:
    """YAML text as positioned data, or None if it cannot be read safely (past versions)."""
    data, unsafe = _read_fast(text, label)
    if data is None and not unsafe and not scan_text(text, label):
        data, _ = _parse(text, label)
    return data if not unsafe and isinstance(data, dict) else None


def _decode(raw: bytes, display: str) -> tuple[str, Problem | None]:
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        column = len(raw[line_start: err.start].decode("utf-8", "replace")) + 1
        return "", Problem(display, line, column, "This file is not saved as UTF-8 text, so this "
                           "character cannot be read. Save the file as UTF-8 (most editors have "
                           "this under 'Save with encoding') and try again.", "encoding")


def _tab_indents(text: str, display: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = re.match(r"[ \t]*", line).group()
        if "\t" in indent and line.strip():
            problems.append(Problem(display, number, indent.index("\t") + 1,
                                    "This line is indented with a tab. YAML needs spaces: "
                                    "replace the tab with spaces.", "tab"))
    return problems


def _parse(text: str, display: str) -> tuple[Any, Problem | None]:
    yaml = YAML(typ="rt", pure=True)
    yaml.Constructor = DatesAsText
    try:
        return yaml.load(text), None
    except DuplicateKeyError as err:
        return None, _duplicate_key(err, display)
    except MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        opened = "end of stream" in (err.problem or "") or "while parsing a flow" in (err.context or "")
        if opened and err.context_mark:
            mark = err.context_mark  # point at the quote or bracket that was never closed
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return None, Problem(display, line, column, _explain(err, text), "yaml-syntax")
    except YAMLError as err:
        return None, Problem(display, 1, 1, f"The file could not be read as YAML: {err}", "yaml-syntax")


def _duplicate_key(err: DuplicateKeyError, display: str) -> Problem:
    mark, first = err.problem_mark, err.context_mark
    key = re.search(r'duplicate key "?(.*?)"?( with value|$)', err.problem or "")
    name = key.group(1) if key else "this key"
    message = (f"The key '{name}' appears twice in the same section (first on line "
               f"{first.line + 1}). Keep one and delete the other.")
    return Problem(display, mark.line + 1, mark.column + 1, message, "duplicate-key")


_EXPLANATIONS = [
    ("mapping values are not allowed", "A colon followed by a space starts a new key here, but "
     "this is not a place for a key. If the text itself contains ': ', put the whole text in "
     "quotes; otherwise check the indentation."),
    ("could not find expected ':'", "Expected a 'key: value' line here. Check for a missing "
     "colon, or a quote that was opened and not closed."),
    ("did not find expected key", "This line does not line up with the lines above it. Check "
     "that it is indented by the same number of spaces as its neighbours."),
    ("expected <block end>", "This line does not line up with the lines above it. Check "
     "that it is indented by the same number of spaces as its neighbours."),
    ("found character '\\t'", "There is a tab character here. YAML needs spaces: replace the "
     "tab with spaces."),
    ("found unexpected end of stream", "The file ends inside quoted text. Check that every "
     "opening quote has a closing quote."),
    ("did not find expected '-' indicator", "A list item here does not line up with the "
     "items above it. Each item starts with '- ' at the same indentation."),
    ("found undefined alias", "This uses '*' before a name, which YAML reads as a reference. "
     "Put the text in quotes."),
    ("while parsing a flow sequence", "A '[' here starts a list that is never closed with "
     "']'. If the text itself starts with '[', put the whole text in quotes."),
    ("while parsing a flow mapping", "A '{' here starts a section that is never closed with "
     "'}'. If the text itself starts with '{', put the whole text in quotes."),
    ("found '<stream end>'", "The file ends where more was expected. Check for a '[' or '{' "
     "that is never closed with ']' or '}'."),
    ("expected chomping or indentation indicators", "A '|' or '>' at the start of a value "
     "means the text follows on the lines below. If the text itself starts with '|' or '>', "
     "put the whole text in quotes."),
]
# The scanner's words for a character that cannot start a plain value ('%', '@', '`', ']'...).
_CANNOT_START = re.compile(r"found character '(.)' that cannot start any token|"
                           r"expected the node content, but found '([^<])'")


def _explain(err: MarkedYAMLError, text: str) -> str:
    problem = f"{err.context or ''} {err.problem or ''}"
    cannot_start = _CANNOT_START.search(problem)
    if cannot_start:
        character = cannot_start.group(1) or cannot_start.group(2)
        return (f"Text cannot start with '{character}' unless it is in quotes. Put the whole "
                "text in quotes.")
    if "found '<scalar>'" in problem and _after_closing_quote(err.problem_mark, text):
        return ("There is more text after the closing quote. Quotes must go round the whole "
                "text: put it in the other kind of quotes (\"'Oak' Court\"), or leave them out.")
    for phrase, explanation in _EXPLANATIONS:
        if phrase in problem:
            return explanation
    detail = (err.problem or err.context or "unknown problem").strip()
    return f"The YAML here could not be read ({detail}). Check the indentation and quotes."


def _after_closing_quote(mark: Any, text: str) -> bool:
    """Whether the text before this mark, on its line, ends with a quote: 'Oak' Court."""
    if mark is None:
        return False
    lines = text.splitlines()
    before = lines[mark.line][:mark.column].rstrip() if mark.line < len(lines) else ""
    return before.endswith(("'", '"'))


def position(node: Any, key: Any = None, *, of_key: bool = False) -> tuple[int, int]:
    """1-based (line, column) of a mapping key's value (or the key), a list item, or the node."""
    lc = getattr(node, "lc", None)
    if lc is None:
        return 1, 1
    try:
        if key is None:
            line, column = lc.line, lc.col
        elif isinstance(node, list):
            line, column = lc.item(key)
        elif of_key:
            line, column = lc.key(key)
        else:
            line, column = lc.value(key)
    except (KeyError, IndexError, TypeError):
        line, column = lc.line, lc.col
    return line + 1, column + 1


YAML_SUFFIXES = (".yml", ".yaml")
_PLACES = {"compacts": "compact", "estates": "estate", "groups": "group", "results": "results",
           "scrutiny": "review", "voice": "voice", "training": "training",
           "tsm": "tsm", "complaints": "complaints"}


@dataclass(frozen=True)
class Job:
    """A data file to read, and what its place makes it."""

    file: str  # where it is, as text (see discover)
    display: str
    kind: str
    landlord: str
    id: str

    @property
    def path(self) -> Path:
        return Path(self.file)


def discover(root: Path) -> tuple[list[Job], list[Problem], int]:
    """Every data file under root, with what its place makes it; problems with places and
    names; and how many files there are. (Names as text, not pathlib's objects: at 7,500
    files those cost a tenth of a check after one edit.)"""
    jobs: list[Job] = []
    names, problems = _data_files(root)
    top = str(root)
    for display in names:
        kind, landlord, stem = _kind_of(display)
        if not kind:
            problems.append(Problem(display, 1, 1, _misplaced(display), "misplaced-file"))
            continue
        jobs.append(Job(f"{top}/{display}", display, kind, landlord,
                        landlord if kind == "landlord" else stem))
    return jobs, problems, len(names)


def _data_files(root: Path) -> tuple[list[str], list[Problem]]:
    """The YAML files under standards/ and compacts/ (never through a link), and problems
    with links and names that cannot be addresses."""
    names, problems = walk(root, ("standards", "compacts"))
    for name in names:
        problems += name_problems(name)
    return [name for name in names if suffix(name) in YAML_SUFFIXES], problems


def _kind_of(display: str) -> tuple[str, str, str]:
    """(kind, landlord, the file's name without its ending), or empty texts when the place
    is not one the publisher reads."""
    parts = display.split("/")
    name, ending = parts[-1], suffix(parts[-1])
    stem = name[: -len(ending)] if ending else name
    if parts[0] == "standards" and len(parts) == 2:
        return "standards", "", stem
    if parts[0] == "compacts" and len(parts) == 3 and stem == "landlord":
        return "landlord", parts[1], stem
    if parts[0] == "compacts" and len(parts) == 4 and parts[2] in _PLACES:
        return _PLACES[parts[2]], parts[1], stem
    return "", "", ""


def _misplaced(display: str) -> str:
    return ("This file is not in a place the publisher reads, so it would be ignored. "
            "Landlords go in compacts/<landlord>/landlord.yml, compacts in "
            "compacts/<landlord>/compacts/, estates in compacts/<landlord>/estates/, groups "
            "in compacts/<landlord>/groups/, results "
            "in compacts/<landlord>/results/, scrutiny reviews in compacts/<landlord>/scrutiny/, "
            "a year's 'you said, we did' in compacts/<landlord>/voice/, training in "
            "compacts/<landlord>/training/, Tenant Satisfaction Measures packs in "
            "compacts/<landlord>/tsm/, complaints reports in compacts/<landlord>/complaints/ "
            "and standards in standards/.")
