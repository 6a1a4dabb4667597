"""Results over time and compliance with the standards, worked out from the site model."""
from __future__ import annotations

from dataclasses import dataclass, field

from .influence import Entry, evidence
from .model import (MET, NO_TARGET, NOT_MET, NOT_REPORTED, Compact, Landlord, Measure,
                    Results, StandardItem, StandardSet)

COVERED, EVIDENCED, BOTH, MISSING = "covered", "evidenced", "both", "not-covered"


@dataclass
class Trend:
    """One measure (with its part and tenure) across every period; None where not reported."""

    key: tuple
    latest: Measure
    points: list[tuple[str, Measure | None]]

    @property
    def id(self) -> str:
        return "-".join(p for p in self.key if p).replace(" ", "-").lower()

    @property
    def reported(self) -> list[tuple[str, Measure]]:
        return [(period, m) for period, m in self.points if m is not None]

    @property
    def charted(self) -> bool:
        """Worth a chart: at least two periods with a result."""
        return sum(m.actual is not None for _, m in self.reported) > 1


def trends(results: list[Results], estate: str | None, tsm: bool = False) -> list[Trend]:
    """Each measure for the landlord (estate None) or one estate, in first-reported order,
    with a point for every period (None for a period it was not in)."""
    order: dict[tuple, list[tuple[str, Measure | None]]] = {}
    for period_results in results:
        for measure in period_results.for_estate(estate):
            if bool(measure.tsm) == tsm:
                order.setdefault(measure.key, [])
    for key, points in order.items():
        for period_results in results:
            found = next((m for m in period_results.for_estate(estate) if m.key == key), None)
            points.append((period_results.period, found))
    return [Trend(key, [m for _, m in points if m][-1], points) for key, points in order.items()]


def tally(measures: list[Measure]) -> dict[str, int]:
    """How many measures are met, not met, have no target, or were not reported."""
    counts = {MET: 0, NOT_MET: 0, NO_TARGET: 0, NOT_REPORTED: 0}
    for measure in measures:
        counts[measure.status] += 1
    return counts


@dataclass
class ItemCompliance:
    item: StandardItem
    commitments: list[Compact] = field(default_factory=list)
    results: list[Measure] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)  # "you said, we did" entries citing it

    @property
    def evidenced(self) -> bool:
        return bool(self.results or self.entries)

    @property
    def state(self) -> str:
        if self.commitments and self.evidenced:
            return BOTH
        return COVERED if self.commitments else EVIDENCED if self.evidenced else MISSING


def compliance(landlord: Landlord, standards: StandardSet) -> list[ItemCompliance]:
    """For each item: the current compacts that promise it, and the results and answered
    "you said, we did" entries that evidence it (an item is evidenced only when one cites it)."""
    current = [c for c in landlord.compacts if c.current]
    latest = landlord.results[-1].measures if landlord.results else []
    return [ItemCompliance(item, [c for c in current if item.id in c.cited()],
                           _one_each([m for m in latest if item.id in m.standards]),
                           evidence(landlord, item.id))
            for item in standards.items()]


def _one_each(measures: list[Measure]) -> list[Measure]:
    """A measure reported for several estates counts once as evidence."""
    seen: dict[str, Measure] = {}
    for measure in measures:
        seen.setdefault(measure.id, measure)
    return list(seen.values())
