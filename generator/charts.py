"""Charts drawn at build time as inline SVG: no script, no third-party code.

Each chart has a title and a description for screen readers, draws target and actual with
different line styles and markers (not colour alone), and carries its numbers in data-
attributes so tests can compare them with the table printed beside it.
"""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 480, 220, 56, 40, 16, 40


@dataclass
class Series:
    label: str
    values: list[float | None]
    dashed: bool = False


def line_chart(ident: str, title: str, description: str, periods: list[str],
               series: list[Series], number: callable) -> Markup:
    """A line chart of values over periods, as accessible inline SVG."""
    values = [v for s in series for v in s.values if v is not None]
    top = max(values + [0]) * 1.15 or 1
    step = (WIDTH - LEFT - RIGHT) / max(len(periods) - 1, 1)
    x = lambda i: LEFT + i * step if len(periods) > 1 else (WIDTH - LEFT - RIGHT) / 2 + LEFT  # noqa: E731
    y = lambda v: TOP + (HEIGHT - TOP - BOTTOM) * (1 - v / top)  # noqa: E731
    parts = [f'<svg class="tc-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
             f'aria-labelledby="{ident}-title {ident}-desc" data-periods="{escape(",".join(periods))}">',
             f'<title id="{ident}-title">{escape(title)}</title>',
             f'<desc id="{ident}-desc">{escape(description)}</desc>',
             f'<line x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" y2="{HEIGHT - BOTTOM}" class="tc-chart__axis"/>']
    for fraction in (0, 0.5, 1):
        value = top / 1.15 * fraction
        parts.append(f'<text x="{LEFT - 6}" y="{y(value) + 4:.1f}" text-anchor="end" '
                     f'class="tc-chart__label">{escape(number(round(value, 1)))}</text>')
    for i, period in enumerate(periods):
        parts.append(f'<text x="{x(i):.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle" '
                     f'class="tc-chart__label">{escape(period)}</text>')
    for line in series:
        points = [(x(i), y(v), v) for i, v in enumerate(line.values) if v is not None]
        style = "tc-chart__line--dashed" if line.dashed else "tc-chart__line"
        parts.append(f'<g class="{style}" data-series="{escape(line.label)}">')
        if len(points) > 1:
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py, _ in points)
            parts.append(f'<polyline points="{path}" fill="none"/>')
        for px, py, value in points:
            marker = (f'<rect x="{px - 4:.1f}" y="{py - 4:.1f}" width="8" height="8"'
                      if line.dashed else f'<circle cx="{px:.1f}" cy="{py:.1f}" r="4.5"')
            parts.append(f'{marker} data-value="{value:g}"/>')
        parts.append("</g>")
    parts.append("</svg>")
    return Markup("".join(parts))
