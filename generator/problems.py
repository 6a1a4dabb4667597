"""One problem type for everything wrong in the data, and the reporters that print them."""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    """Something wrong in a data file, at a 1-based line and column."""

    file: str
    line: int
    column: int
    message: str = field(compare=False)
    rule: str = field(default="data", compare=False)
    level: str = field(default="error", compare=False)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.level}: {self.message}"


class DataError(Exception):
    """The data files have errors; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(summary(self.problems))


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
    extra = f" and {_plural(warnings, 'warning')}" if warnings else ""
    return f"Found {_plural(len(errs), 'error')}{extra} in {_plural(files, 'file')}{checked}."


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def report_text(problems: list[Problem]) -> str:
    return "\n".join(str(p) for p in sorted(problems))


def report_github(problems: list[Problem]) -> str:
    """GitHub Actions workflow commands: annotations on the lines of a pull request."""
    lines = []
    for p in sorted(problems):
        level = "error" if p.level == "error" else "warning"
        message = p.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        lines.append(f"::{level} file={p.file},line={p.line},col={p.column},title={p.rule}::{message}")
    return "\n".join(lines)


def report_json(problems: list[Problem]) -> str:
    return json.dumps([asdict(p) for p in sorted(problems)], indent=2, ensure_ascii=False)


REPORTERS = {"text": report_text, "github": report_github, "json": report_json}


def default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
