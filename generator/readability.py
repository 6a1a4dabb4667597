"""Easy read: how hard the tenant-facing English text of each compact and estate page is.

Uses textstat's Flesch-Kincaid grade (the US school grade; add five for a reading age).
textstat is pinned to 0.7.3: later versions fetch a dictionary from the internet at run time.
"""
from __future__ import annotations

import hashlib
from pathlib import Path



def grade(text: str) -> float:
    """Flesch-Kincaid grade of a text (0 for a text too short to measure). Each line counts
    as a sentence, so headings and list items are not run together into one long one."""
    import textstat  # here: importing it takes longer than a checked-before run of `check`

    lines = [line.strip(" -") for line in text.splitlines() if line.strip(" -")]
    prose = " ".join(line if line[-1] in ".!?:" else line + "." for line in lines)
    return float(textstat.flesch_kincaid_grade(prose)) if len(prose.split()) >= 20 else 0.0


def grade_of(subject, known: dict | None = None) -> float:
    """The grade of a compact's or an estate's own tenant-facing text; `known`: grades
    already worked out, by text (see check_readability)."""
    from .formats import plain_text
    from .text import render_markdown

    if hasattr(subject, "commitments"):
        texts = [subject.summary, *(c.text for c in subject.commitments)]
    else:
        texts = [subject.summary, subject.tra.meetings if subject.tra else ""]
    key = hashlib.sha256("\0".join(t or "" for t in texts).encode("utf-8", "surrogatepass")).hexdigest()
    value = known.get(key) if known is not None else None
    if value is None:
        value = grade(plain_text("".join(str(render_markdown(t)) for t in texts if t)))
        if known is not None:
            known.put(key, value)
    return value


def check_readability(site, max_grade: float, root: Path) -> list:
    """A warning for each compact or estate whose own text reads above max_grade. Grades
    are remembered by text between checks (Markdown and textstat are slow)."""
    from .filecheck import Store, code_version
    from .problems import Problem

    problems = []
    known = Store(root, "grades", code_version())
    for landlord in site.landlords:
        for subject in [*landlord.compacts, *landlord.estates]:
            value = grade_of(subject, known)
            if value > max_grade:
                problems.append(Problem(
                    subject.path, 1, 1, f"The text reads at grade {value:.1f} (about age "
                    f"{reading_age(value)}), harder than the grade {max_grade:g} that "
                    "site_config.yml asks for (readability: max_grade). Use shorter sentences "
                    "and everyday words.", "readability", "warning"))
    known.save()
    return problems


def reading_age(value: float) -> int:
    """A Flesch-Kincaid grade as a reading age (the US grade plus five)."""
    return max(5, round(value) + 5)
