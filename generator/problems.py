"""One problem type for everything wrong in the data, and the reporters that print them."""
from __future__ import annotations

import json
import os
import unicodedata
from dataclasses import asdict, dataclass, field

# A message is one line a person can read: no control characters (a newline, a terminal
# escape, a right-to-left override), and short enough that a huge value cannot flood a log.
MAX_MESSAGE = 2000


@dataclass(frozen=True, order=True)
class Problem:
    """Something wrong in a data file, at a 1-based line and column."""

    file: str
    line: int
    column: int
    message: str = field(compare=False)
    rule: str = field(default="data", compare=False)
    level: str = field(default="error", compare=False)
    # The data file a missing reference points to, without .yml: when that file exists but
    # could not be read, its own problem says why, and this one is left out (read_site).
    refers: str = field(default="", compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "file", printable(self.file))
        object.__setattr__(self, "message", printable(self.message, MAX_MESSAGE))

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.level}: {self.message}"


def printable(text: str, limit: int | None = None) -> str:
    """Text safe to print on one line: unprintable characters shown as escapes (\\n, \\x1b,
    \\u202e), lone surrogates as \\ud800, and the middle of an overlong text cut out."""
    text = str(text)
    if limit and len(text) > 4 * limit:  # cut before escaping, so a huge value costs nothing
        text = text[: 2 * limit] + text[-limit:]
    text = "".join(_shown(ch) for ch in text)
    if limit and len(text) > limit:
        text = text[: limit * 2 // 3] + " ... " + text[-(limit // 3):]
    return text


_UNPRINTABLE = ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")


def _shown(ch: str) -> str:
    category = unicodedata.category(ch)
    if category == "Zs":
        return " "
    return ascii(ch)[1:-1] if category in _UNPRINTABLE else ch


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.level == "error"]


def summary(problems: list[Problem], files_checked: int | None = None) -> str:
    """A one-line verdict for people: how many errors, in how many files."""
    errs = errors(problems)
    warnings = len(problems) - len(errs)
    checked = f" ({files_checked} files checked)" if files_checked is not None else ""
    if not errs:
        extra = f", {_plural(warnings, 'warning')}" if warnings else ""
        return f"No errors{extra}{checked}."
    files = len({p.file for p in errs})
    extra = f", and {_plural(warnings, 'warning')}" if warnings else ""  # not only in those files
    return f"Found {_plural(len(errs), 'error')} in {_plural(files, 'file')}{extra}{checked}."


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def report_text(problems: list[Problem]) -> str:
    return "\n".join(str(p) for p in sorted(problems))


def report_github(problems: list[Problem]) -> str:
    """GitHub Actions workflow commands: annotations on the lines of a pull request."""
    lines = []
    for p in sorted(problems):
        level = "error" if p.level == "error" else "warning"
        lines.append(f"::{level} file={_property(p.file)},line={p.line},col={p.column},"
                     f"title={_property(p.rule)}::{_data(p.message)}")
    return "\n".join(lines)


def _data(text: str) -> str:
    """A workflow command's message: %, CR and LF escaped, as GitHub's toolkit does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """A workflow command's property (file=, title=): also ':' and ',' escaped, or a name
    could end the property and start a command of its own."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def report_json(problems: list[Problem]) -> str:
    shown = [{k: v for k, v in asdict(p).items() if k != "refers"} for p in sorted(problems)]
    return json.dumps(shown, indent=2, ensure_ascii=False)  # refers is for read_site only


REPORTERS = {"text": report_text, "github": report_github, "json": report_json}


def default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
