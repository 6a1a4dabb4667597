"""Dates as documents give them: a day (2025-04-01), a month (2008-08) or a year (2009).

Real councils' documents say "August 2008" or "reviewed in 2009". Inventing a day for them
would put made-up facts on the page, so a date keeps the precision it was written with, is
shown that way, and is compared honestly: a review due "in March 2027" is overdue only once
March 2027 is over, and two dates whose order is unknown are not called in order or out of it.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import total_ordering
from datetime import date

PATTERN = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
DAY, MONTH, YEAR = "day", "month", "year"


@total_ordering
@dataclass(frozen=True)
class PartialDate:
    """A day, a month or a year; `month` and `day` are None where the source does not say."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: object) -> "PartialDate | None":
        """'2025-04-01', '2008-08', '2009' or 2009 (YAML reads a bare year as a number)."""
        if isinstance(value, bool):
            return None
        text = str(value) if isinstance(value, int) else value
        match = PATTERN.fullmatch(text) if isinstance(text, str) else None
        if not match:
            return None
        year, month, day = (int(g) if g else None for g in match.groups())
        try:
            if day is not None:
                date(year, month, day)
            elif month is not None and not 1 <= month <= 12:
                return None
        except ValueError:
            return None
        if year < 1:
            return None
        return cls(year, month, day)

    @classmethod
    def of(cls, day: date) -> "PartialDate":
        return cls(day.year, day.month, day.day)

    @property
    def precision(self) -> str:
        return DAY if self.day else MONTH if self.month else YEAR

    @property
    def start(self) -> date:
        """The first day the date could be."""
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def end(self) -> date:
        """The last day the date could be."""
        if self.day:
            return self.start
        month = self.month or 12
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    @property
    def exact(self) -> date | None:
        """The day, when the source gives one; None for a month or a year."""
        return self.start if self.day else None

    def __lt__(self, other: "PartialDate") -> bool:
        """For sorting only (a year sorts before its months): not a claim about order."""
        return (self.start, self.end) < (other.start, other.end)

    def before(self, other: "PartialDate") -> bool:
        """Certainly earlier: every day this could be comes before every day other could be."""
        return self.end < other.start

    def passed(self, today: date) -> bool:
        """Certainly over by today (a due date 'March 2027' passes on 1 April 2027)."""
        return self.end < today

    def isoformat(self) -> str:
        return "-".join([f"{self.year:04d}"] + [f"{n:02d}" for n in (self.month, self.day) if n])

    def __str__(self) -> str:
        return self.isoformat()


def parse_period(value: object) -> tuple[int, int] | None:
    """'2022-2027' -> (2022, 2027): the years a strategy runs; None if not in that form."""
    match = re.fullmatch(r"(\d{4})\s*-\s*(\d{4})", value) if isinstance(value, str) else None
    return (int(match.group(1)), int(match.group(2))) if match else None
