"""What changed between two agreed versions of a compact, in terms a tenant reads.

Not a line diff of YAML: commitments are matched by id and grouped by Core Standard
(added, removed, reworded with the changed words marked), then the action plan and dates.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date

from .model import Action, Commitment, Compact, Standard, StandardSet


@dataclass
class Reworded:
    """A commitment kept under the same id with different words."""

    id: str
    before: str
    after: str


@dataclass
class StandardChanges:
    standard: Standard | None
    added: list[Commitment] = field(default_factory=list)
    removed: list[Commitment] = field(default_factory=list)
    reworded: list[Reworded] = field(default_factory=list)


@dataclass
class ActionChange:
    kind: str  # added | removed | changed
    action: Action
    before: Action | None = None


@dataclass
class Comparison:
    before: Compact
    after: Compact
    standards: list[StandardChanges]
    actions: list[ActionChange]
    dates: list[tuple[str, date | None, date | None]]

    @property
    def empty(self) -> bool:
        return not (self.standards or self.actions or self.dates)


def compare(before: Compact, after: Compact, core: StandardSet) -> Comparison:
    old = {c.id: c for c in before.commitments}
    new = {c.id: c for c in after.commitments}
    groups: dict[str, StandardChanges] = {}

    def group(commitment: Commitment) -> StandardChanges:
        standard = _standard_of(commitment, core)
        key = standard.id if standard else ""
        return groups.setdefault(key, StandardChanges(standard))

    for ident, commitment in new.items():
        if ident not in old:
            group(commitment).added.append(commitment)
        elif _words(old[ident].text) != _words(commitment.text):
            group(commitment).reworded.append(Reworded(ident, old[ident].text, commitment.text))
    for ident, commitment in old.items():
        if ident not in new:
            group(commitment).removed.append(commitment)
    order = [s.id for s in core.standards] + [""]
    standards = [groups[key] for key in order if key in groups]
    dates = [(label, getattr(before, name), getattr(after, name))
             for label, name in (("agreed", "agreed"), ("review_due", "review_due"))
             if getattr(before, name) != getattr(after, name)]
    return Comparison(before, after, standards, _action_changes(before, after), dates)


def _standard_of(commitment: Commitment, core: StandardSet) -> Standard | None:
    for standard in core.standards:
        if any(item.id in commitment.standards for item in standard.items):
            return standard
    return None


def _action_changes(before: Compact, after: Compact) -> list[ActionChange]:
    old = {a.id: a for a in before.action_plan}
    changes = []
    for action in after.action_plan:
        previous = old.pop(action.id, None)
        if previous is None:
            changes.append(ActionChange("added", action))
        elif (previous.action, previous.owner, previous.due, previous.status) != \
                (action.action, action.owner, action.due, action.status):
            changes.append(ActionChange("changed", action, previous))
    changes += [ActionChange("removed", action) for action in old.values()]
    return changes


def _words(text: str) -> list[str]:
    return re.findall(r"\S+", text)


def word_diff(before: str, after: str) -> list[tuple[str, str]]:
    """The new text as runs of equal, removed and added words."""
    old, new = _words(before), _words(after)
    runs: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op == "equal":
            runs.append(("equal", " ".join(new[j1:j2])))
            continue
        if i2 > i1:
            runs.append(("removed", " ".join(old[i1:i2])))
        if j2 > j1:
            runs.append(("added", " ".join(new[j1:j2])))
    return runs
