"""Left-to-right islands in right-to-left pages.

In Urdu or Arabic text the Unicode bidirectional algorithm turns digits that follow Arabic
letters into "Arabic numbers" and lays separate runs out right to left, so "07700 900 664"
shows as "664 900 07700", "2026-27" as "27-2026" and "£8,000" as "8,000£". A reader who
dials that number reaches a stranger. Every number, phone number, period, amount, time,
email address and postcode in a right-to-left page body is therefore wrapped in
`<bdi dir="ltr">`, here, once for every page (whether the text came from a template, a
formatting helper or a data file), rather than at each place that prints one.

Dates keep their words in the reader's order: only their numbers are isolated.
"""
from __future__ import annotations

import re

_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_POSTCODE = r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b"  # UK postcodes: GF1 1AA
# A number and what belongs to it: a currency sign, digit groups joined by spaces, commas,
# dots, hyphens, slashes or colons (phone numbers, periods, ISO dates, times), a percent sign;
# never the punctuation after it ("in 2026." keeps its full stop outside). Digits that follow
# Latin letters (TP09, B12), or a Latin word and a space ("Room 2", "Phone 01632 960 400"),
# already read left to right with them: they are left joined. Isolated on its own, the "2"
# of "Civic Centre, Room 2" would be laid out as if it came before "Civic".
_NUMBER = (r"(?<![A-Za-z0-9])(?<![A-Za-z0-9][ \u00a0])(?:[£€$]\s?)?\+?\d(?:\d|[,.٫٬ \u00a0\-–/:](?=\d))*(?:\s?[%٪])?")
_ISLAND = re.compile(f"{_EMAIL}|{_POSTCODE}|{_NUMBER}")
_TAG = re.compile(r"(<[^>]*>)")
# Inside these, text is not shown as HTML text (or is already isolated).
_SKIP = {"bdi", "script", "style", "svg", "title", "textarea", "code", "pre"}


def isolate_ltr(html: str) -> str:
    """html with every left-to-right island in its text wrapped in <bdi dir="ltr">."""
    parts, depth = _TAG.split(html), 0
    for index, part in enumerate(parts):
        if index % 2:  # a tag
            name = re.match(r"</?\s*([a-zA-Z0-9]+)", part)
            if name and name.group(1).lower() in _SKIP and not part.endswith("/>"):
                depth += -1 if part.startswith("</") else 1
        elif depth == 0 and part:
            parts[index] = _ISLAND.sub(_wrap, part)
    return "".join(parts)


def _wrap(match: re.Match) -> str:
    text = match.group(0)
    stripped = text.rstrip()
    return f'<bdi dir="ltr">{stripped}</bdi>{text[len(stripped):]}'
