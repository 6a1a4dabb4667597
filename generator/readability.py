"""Easy read: how hard the tenant-facing English text of each compact and estate page is.

Uses textstat's Flesch-Kincaid grade (the US school grade; add five for a reading age).
textstat is pinned to 0.7.3: later versions fetch a dictionary from the internet at run time.
"""
from __future__ import annotations

import textstat


def grade(text: str) -> float:
    """Flesch-Kincaid grade of a text (0 for a text too short to measure)."""
    return float(textstat.flesch_kincaid_grade(text)) if len(text.split()) >= 20 else 0.0


def reading_age(value: float) -> int:
    return max(5, round(value) + 5)
