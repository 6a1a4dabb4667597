"""Results over time and compliance with the standards, worked out from the site model."""
from __future__ import annotations

from dataclasses import dataclass, field

from .model import Compact, Landlord, Measure, Results, StandardItem, StandardSet

COVERED, EVIDENCED, BOTH, MISSING = "covered", "evidenced", "both", "missing"


@dataclass
class Trend:
    """One measure across every period it was reported in (None where it was not)."""

    id: str
    latest: Measure
    points: list[tuple[str, Measure | None]]

    @property
    def reported(self) -> list[tuple[str, Measure]]:
        return [(period, m) for period, m in self.points if m is not None]


def trends(results: list[Results], estate: str | None, tsm: bool = False) -> list[Trend]:
    """Each measure for the landlord (estate None) or one estate, in first-reported order."""
    order: dict[str, list[tuple[str, Measure | None]]] = {}
    for period_results in results:
        for measure in period_results.for_estate(estate):
            if bool(measure.tsm) == tsm:
                order.setdefault(measure.id, [])
    for ident, points in order.items():
        for period_results in results:
            found = next((m for m in period_results.for_estate(estate) if m.id == ident), None)
            points.append((period_results.period, found))
    return [Trend(ident, [m for _, m in points if m][-1], points) for ident, points in order.items()]


def met_count(measures: list[Measure]) -> tuple[int, int]:
    return sum(m.met for m in measures), len(measures)


@dataclass
class ItemCompliance:
    item: StandardItem
    commitments: list[Compact] = field(default_factory=list)
    results: list[Measure] = field(default_factory=list)

    @property
    def state(self) -> str:
        if self.commitments and self.results:
            return BOTH
        return COVERED if self.commitments else EVIDENCED if self.results else MISSING


def compliance(landlord: Landlord, standards: StandardSet) -> list[ItemCompliance]:
    """For each item: the current compacts that promise it and the results that evidence it."""
    current = [c for c in landlord.compacts if c.status in ("agreed", "under-review")]
    latest = landlord.results[-1].measures if landlord.results else []
    return [ItemCompliance(item, [c for c in current if item.id in c.cited()],
                           _one_each([m for m in latest if item.id in m.standards]))
            for item in standards.items()]


def _one_each(measures: list[Measure]) -> list[Measure]:
    """A measure reported for several estates counts once as evidence."""
    seen: dict[str, Measure] = {}
    for measure in measures:
        seen.setdefault(measure.id, measure)
    return list(seen.values())
