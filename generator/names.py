"""Names in web addresses and years in file names: each rule once, for the schemas, the
checks and the scaffolding commands alike."""
from __future__ import annotations

import re

SLUG_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"  # as the JSON Schemas write it
# \Z, not '$': Python's '$' would let a trailing newline into a web address.
SLUG = re.compile(SLUG_PATTERN.removesuffix("$") + r"\Z")

PERIOD_PATTERN = "^[0-9]{4}-[0-9]{2}$"  # as the JSON Schemas write it; is_period says more
_PERIOD = re.compile(r"(\d{4})-(\d{2})")


def slugify(name: str) -> str:
    """A web-address name from a name: "St Anne's Court" -> "st-annes-court" ('' if none)."""
    return re.sub(r"[^a-z0-9]+", "-", re.sub(r"['’]", "", name.lower())).strip("-")


def is_period(text: str) -> bool:
    """A year from April to March, written as two consecutive years: '2025-26'."""
    match = _PERIOD.fullmatch(text)
    return bool(match) and (int(match.group(1)) + 1) % 100 == int(match.group(2))
