"""Tables that read on a phone: each body cell carries its column's heading.

On a narrow screen the stylesheet shows every row as a card (theme/assets/compacts.css),
each cell under its column's name taken from `data-label`, so the column that matters
("Result", "Status", "Next review due") is on screen without sideways scrolling. The
labels are added here, once for every table, from the table's own <thead>.
"""
from __future__ import annotations

import re
from html import escape, unescape

_TABLE = re.compile(r"<table\b.*?</table>", re.S)
_HEADER = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
_ROW = re.compile(r"<tr\b[^>]*>.*?</tr>", re.S)
_CELL = re.compile(r"<(td|th)\b")


def label_cells(html: str) -> str:
    """html with data-label on every body cell of every table that has column headings."""
    return _TABLE.sub(_label_table, html)


def _label_table(match: re.Match) -> str:
    table = match.group(0)
    head, _, body = table.partition("</thead>")
    if not body:
        return table
    labels = [_plain(h) for h in _HEADER.findall(head)]
    return head + "</thead>" + _ROW.sub(lambda row: _label_row(row.group(0), labels), body)


def _label_row(row: str, labels: list[str]) -> str:
    column = iter(labels)
    return _CELL.sub(lambda cell: f'{cell.group(0)} data-label="{next(column, "")}"', row)


def _plain(cell: str) -> str:
    return escape(unescape(re.sub(r"<[^>]+>", "", cell)).strip(), quote=True)
