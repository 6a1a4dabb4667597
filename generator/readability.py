"""Easy read: how hard the tenant-facing English text of each compact and estate page is.

The Flesch-Kincaid grade (the US school grade; add five for a reading age), counted as
textstat 0.7.3 counts it (tests/test_readability.py compares the two), syllables from
Pyphen's hyphenation dictionary as there. Not textstat itself: 0.7.3 imports setuptools'
pkg_resources, which alone took longer than the rest of a check after one edit and is not
in every Python's environments, and later releases download a dictionary at run time.
"""
from __future__ import annotations

import functools
import math
import pickle
import re
from typing import Any

from .memory import cache_folder, read_kept, write_whole
from .problems import Problem

_PUNCTUATION = re.compile(r"[^\w\s]")  # textstat's remove_punctuation (apostrophes too)
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")


def grade(text: str) -> float:
    """Flesch-Kincaid grade of a text (0 for a text too short to measure). Each line counts
    as a sentence, so headings and list items are not run together into one long one."""
    lines = [line.strip(" -") for line in text.splitlines() if line.strip(" -")]
    prose = " ".join(line if line[-1] in ".!?:" else line + "." for line in lines)
    return flesch_kincaid_grade(prose) if len(prose.split()) >= 20 else 0.0


def flesch_kincaid_grade(text: str) -> float:
    """0.39 x words per sentence + 11.8 x syllables per word - 15.59, each rounded as
    textstat rounds it; a "sentence" of two words or fewer is not counted."""
    words = len(_PUNCTUATION.sub("", text).split())
    if not words:
        return _round(-15.59, 1)
    sentences = _SENTENCE.findall(text)
    counted = max(1, sum(1 for s in sentences if len(_PUNCTUATION.sub("", s).split()) > 2))
    hyphenator = _hyphenator()
    syllables = sum(len(hyphenator.positions(word)) + 1
                    for word in _PUNCTUATION.sub("", text.lower()).split())
    return _round(0.39 * _round(words / counted, 1) + 11.8 * _round(syllables / words, 1) - 15.59, 1)


@functools.cache
def _hyphenator() -> Any:
    """Pyphen's English patterns. Reading them from its dictionary takes 50 ms, longer than
    the rest of checking a changed file; they are kept pickled in the user's cache folder (as
    `compacts check` keeps what it found: never in the repository)."""
    import pyphen  # here: only a text to grade needs it

    source = pyphen.LANGUAGES[pyphen.language_fallback("en_US")]
    kept = cache_folder() / f"hyphenation-en_US-{pyphen.__version__}.pickle"
    patterns = read_kept(kept)
    if isinstance(patterns, pyphen.HyphDict):
        pyphen.hdcache.setdefault(source, patterns)
        return pyphen.Pyphen(lang="en_US")
    made = pyphen.Pyphen(lang="en_US")  # not kept yet, or damaged: read from the dictionary
    write_whole(kept, pickle.dumps(made.hd, pickle.HIGHEST_PROTOCOL))
    return made


def _round(number: float, points: int) -> float:
    """Half away from zero, as textstat rounds."""
    scale = 10 ** points
    return float(math.floor(number * scale + math.copysign(0.5, number))) / scale


def grade_of(subject) -> float:
    """The grade of a compact's or an estate's own tenant-facing text."""
    if hasattr(subject, "commitments"):
        return _grade_of_texts((subject.summary, *(c.text for c in subject.commitments)))
    return _grade_of_texts((subject.summary, subject.tra.meetings if subject.tra else ""))


@functools.lru_cache(maxsize=4096)
def _grade_of_texts(texts: tuple[str, ...]) -> float:
    """Remembered by text: many pages share their texts (every estate's TRA meeting in the
    same words), and rendering the Markdown is most of the work."""
    from .formats import plain_text
    from .text import render_markdown

    return grade(plain_text("".join(str(render_markdown(t)) for t in texts if t)))


def max_grade(options: dict[str, Any]) -> tuple[float | None, list[Problem]]:
    """The plugin's `readability: max_grade` (None when not set), or a problem saying why not."""
    setting = options.get("readability") or {}
    value = setting.get("max_grade") if isinstance(setting, dict) else None
    if value is None or (isinstance(value, (int, float)) and not isinstance(value, bool)):
        return value, []
    return None, [Problem("site_config.yml", 1, 1, f"readability: max_grade is {value!r}; it "
                          "must be a number, such as 8.", "config")]


def check_readability(doc, limit: float) -> list[Problem]:
    """A warning when a checked compact or estate file's own text reads above the limit
    (filecheck runs this per file, so a grade is worked out again only for a changed file)."""
    from .fields import build
    from .model import Compact, Estate

    kind = {"compact": Compact, "estate": Estate}.get(doc.kind)
    if kind is None:
        return []
    value = grade_of(build(kind, doc.data, lambda node, key: None, id=doc.id,
                           landlord_id=doc.landlord, path=doc.path))
    if value <= limit:
        return []
    return [Problem(doc.path, 1, 1, f"The text reads at grade {value:.1f} (about age "
                    f"{reading_age(value)}), harder than the grade {limit:g} that "
                    "site_config.yml asks for (readability: max_grade). Use shorter sentences "
                    "and everyday words.", "readability", "warning")]


def reading_age(value: float) -> int:
    """A Flesch-Kincaid grade as a reading age (the US grade plus five)."""
    return max(5, round(value) + 5)
