"""`compacts new`: start a data file that is valid from the first save.

Every key comes with its description from the model (the same words the schema and the
error messages use), required keys filled with a placeholder to replace, optional ones
commented out. Existing files are never overwritten.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML

from .model import GROUP_KINDS
from .names import is_period, slugify
from .rules import PLACEHOLDER
from .validate import schema


@dataclass
class Scaffolded:
    path: Path
    next_steps: list[str]


class ScaffoldError(Exception):
    """The file cannot be made; the message says why in plain English."""


def new_estate(root: Path, landlord: str, name: str) -> Scaffolded:
    path = _target(root, landlord, "estates", name)
    lines = _header("estate", path, root, f"The estate {name}.")
    lines += _key("estate", "name", _quote(name))
    lines += _key("estate", "summary", _placeholder("two or three sentences about the estate."))
    lines += _optional("estate", ["area: North ward", "homes: 120"])
    lines += ["# The tenants' and residents' association, if there is one:",
              "# tra:", "#   name: The TRA's name", "#   meetings: When and where it meets.",
              "#   next_meetings:", "#     - date: 2027-01-12", "#       time: \"19:00\"",
              "#       place: The community room"]
    return _write(path, lines, ["Replace the summary with a few sentences about the estate.",
                                "Add the TRA (remove the # signs) if the estate has one.",
                                f"Add '{path.stem}' to the estates of its local compact, if it has one."])


def new_compact(root: Path, landlord: str, title: str, scope: str, estates: list[str]) -> Scaffolded:
    if scope == "local" and not estates:
        raise ScaffoldError("A local compact covers one or more estates: name them with "
                            "--estates, such as --estates oak-court,elm-park.")
    known = {p.stem for p in (root / "compacts" / landlord / "estates").glob("*.yml")}
    unknown = [e for e in estates if e not in known]
    if unknown:
        raise ScaffoldError(f"There is no estate {', '.join(unknown)} in "
                            f"compacts/{landlord}/estates/. Make it first with "
                            "'compacts new estate'.")
    path = _target(root, landlord, "compacts", title)
    items = _core_items(root) if scope == "district" else _core_items(root)[:1]
    lines = _header("compact", path, root, f"The {scope} compact: {title}.")
    lines += _key("compact", "title", _quote(title))
    lines += _key("compact", "scope", scope)
    if estates:
        lines += _key("compact", "estates", "[" + ", ".join(estates) + "]")
    lines += _key("compact", "status", "draft")
    lines += _comment("compact", "review_due") + ["# review_due: 2027-03"]
    landlord_name, tenants = _parties(root, landlord, estates)
    lines += _comment("compact", "parties") + [
        "parties:", f"  - name: {_quote(landlord_name)}", "    role: landlord",
        f"  - name: {_quote(tenants)}", f"    role: {'federation' if scope == 'district' else 'tra'}"]
    lines += _key("compact", "summary", _placeholder("two or three sentences a tenant reads first."))
    lines += _comment("compact", "commitments") + ["commitments:"]
    for number, (ident, name) in enumerate(items, start=1):
        lines += [f"  - id: promise-{number}", f"    standards: [{ident}]",
                  f"    text: {_placeholder(f'the promise about {name.lower()}, if the compact makes one.')}"]
    steps = ["Check the names of the landlord and the tenants' organisation under parties.",
             "Replace every 'Replace this:' text; delete the promises the compact does not make "
             "(the page then says which Core Standard items it leaves out).",
             "When both sides sign, set status to agreed and add agreed: with the date (a day, "
             "a month such as 2026-04, or a year). Leave out any date you do not know."]
    return _write(path, lines, steps)


def new_results(root: Path, landlord: str, period: str) -> Scaffolded:
    if not is_period(period):
        raise ScaffoldError(f"'{period}' is not a period: give the year as 2025-26 (April 2025 "
                            "to March 2026).")
    path = _target(root, landlord, "results", period)
    lines = _header("results", path, root, f"Results for {period}, against the compact's targets.")
    lines += _key("results", "summary", _placeholder(f"two or three sentences about {period}."))
    lines += _comment("results", "measures") + [
        "# measures:", "#   - id: active-tras", "#     name: Active tenants' and residents' associations",
        "#     unit: count", "#     better: higher",
        "#     actual: 10          # or, if there is no result: not_reported: <the reason>",
        "#     target: 10          # leave out if no target was set",
        "#     standards: [structures.representation]   # the standard items it is evidence for",
        "#     estate: oak-court                        # leave out for the whole landlord",
        "#     tsm: TP01                                # a Tenant Satisfaction Measure code"]
    lines += _comment("results", "methods") + [
        "# methods:", "#   - id: repairs-panel", "#     name: Repairs panel", "#     kind: panel",
        "#     cost: 4200", "#     participants: 12", "#     hours: 216"]
    lines += _comment("results", "equality") + [
        "# equality:", "#   - category: age", "#     group: 16 to 24", "#     representatives: 5",
        "#     tenants: 9"]
    return _write(path, lines, ["Replace the summary; add your measures (remove the # signs).",
                                "Add the ways tenants took part and what they cost (methods).",
                                "Add who your representatives are beside all tenants (equality)."])


def new_landlord(root: Path, name: str) -> Scaffolded:
    """A landlord's folder with its landlord.yml: the first file a council writes."""
    if not slugify(name):
        raise ScaffoldError("Give a name with at least one letter or digit.")
    path = root / "compacts" / slugify(name) / "landlord.yml"
    if path.exists():
        raise ScaffoldError(f"{path.relative_to(root)} already exists; it was not changed.")
    lines = _header("landlord", path, root, f"The landlord {name}.")
    lines += _key("landlord", "name", _quote(name))
    lines += _key("landlord", "kind", "council   # or housing-association, or other")
    lines += _key("landlord", "summary", _placeholder("two or three sentences a tenant reads first."))
    lines += _optional("landlord", ["area: The district", "homes: 9000",
                                    "homes_approximate: true", "federation: The federation's name"])
    lines += ["# How tenants get in touch (an organisation's contact, not a person's):",
              "# contact:", "#   phone: 01632 960 400", "#   email: tenants@example.gov.uk",
              "#   web: https://example.gov.uk/tenants"]
    return _write(path, lines, ["Replace the summary, and add the details you know (remove the "
                                "# signs); leave out what you do not know.",
                                f"Add estates with 'compacts new estate {path.parent.name} \"<name>\"'."])


def new_group(root: Path, landlord: str, name: str, kind: str, estates: list[str]) -> Scaffolded:
    """A group through which tenants take part, such as a scrutiny panel or a TRA."""
    if kind not in GROUP_KINDS:
        raise ScaffoldError(f"'{kind}' is not a kind of group. Use one of: {', '.join(GROUP_KINDS)}.")
    known = {p.stem for p in (root / "compacts" / landlord / "estates").glob("*.yml")}
    unknown = [e for e in estates if e not in known]
    if unknown:
        raise ScaffoldError(f"There is no estate {', '.join(unknown)} in "
                            f"compacts/{landlord}/estates/.")
    path = _target(root, landlord, "groups", name)
    lines = _header("group", path, root, f"The group {name}.")
    lines += _key("group", "name", _quote(name))
    lines += _key("group", "kind", kind)
    if kind == "other":
        lines += _key("group", "label", _placeholder("what kind of group it is."))
    if estates:
        lines += _key("group", "estates", "[" + ", ".join(estates) + "]")
    lines += _key("group", "summary", _placeholder("what the group does, in a sentence or two."))
    lines += _optional("group", ["how_to_join: Phone 01632 960 400 and ask for the group.",
                                 "meetings: The first Monday of the month, 7pm.",
                                 "active: true"])
    lines += _comment("group", "support") + [
        "# support:", "#   - kind: expenses", "#     details: We pay bus fares on the day.",
        "#   - kind: childcare", "#     details: We pay for a registered childminder."]
    return _write(path, lines, ["Replace the summary.", "Say how to join, when it meets and "
                                "the help offered, if you know (remove the # signs)."])


def new_review(root: Path, landlord: str, title: str, group: str) -> Scaffolded:
    """A scrutiny review by a group: what it looked at, who took part, its recommendations."""
    groups = {p.stem for p in (root / "compacts" / landlord / "groups").glob("*.yml")}
    if group not in groups:
        raise ScaffoldError(f"There is no group '{group}' in compacts/{landlord}/groups/. Name "
                            "the group that did the review with --group, or make it first with "
                            "'compacts new group'.")
    path = _target(root, landlord, "scrutiny", title)
    lines = _header("review", path, root, f"The scrutiny review {title}.")
    lines += _key("review", "title", _quote(title))
    lines += _key("review", "group", group)
    lines += _key("review", "service", _placeholder("the service the group looked at."))
    lines += _key("review", "status", "in-progress")
    lines += _key("review", "why_chosen", _placeholder("why the group chose this service."))
    lines += _comment("review", "methods") + ["# methods: [mystery-shopping, survey]"]
    lines += _comment("review", "participants") + [
        "# participants:", "#   - role: tenant panel members", "#     count: 8"]
    lines += _comment("review", "started") + ["# started: 2027-01"]
    lines += _comment("review", "report") + [
        "# report:", "#   date: 2027-06", "#   summary: What the report found.",
        "#   link: https://example.gov.uk/scrutiny/report.pdf"]
    lines += _comment("review", "recommendations") + [
        "# recommendations:", "#   - id: first-recommendation",
        "#     text: What the group recommended.",
        "#     standards: [tia-engagement.influence]   # the standard items it is evidence for",
        "#     response:                               # leave out until the landlord answers",
        "#       decision: accepted                    # or partly-accepted, or not-accepted",
        "#       reason: Why, needed if not (or only partly) accepted.",
        "#       date: 2027-07",
        "#     actions:", "#       - id: first-action", "#         action: What will be done.",
        "#         owner: Repairs Manager", "#         due: 2027-12",
        "#         updates:", "#           - date: 2027-09", "#             status: in-progress"]
    return _write(path, lines, ["Replace every 'Replace this:' text.",
                                "Add who took part (roles and counts, not names), and the "
                                "methods (remove the # signs).",
                                "When the report is given, set status to reported and add "
                                "the report and its recommendations; add each response when "
                                "the landlord answers."])


def _placeholder(what: str) -> str:
    """Example text the check reports until it is replaced."""
    return _quote(f"{PLACEHOLDER} {what}")


def _target(root: Path, landlord: str, folder: str, name: str) -> Path:
    if not (root / "compacts" / landlord / "landlord.yml").exists():
        raise ScaffoldError(f"There is no landlord '{landlord}': compacts/{landlord}/landlord.yml "
                            "is missing.")
    if not slugify(name):
        raise ScaffoldError("Give a name with at least one letter or digit.")
    path = root / "compacts" / landlord / folder / f"{slugify(name)}.yml"
    if path.exists():
        raise ScaffoldError(f"{path.relative_to(root)} already exists; it was not changed. "
                            "Edit it, or choose another name.")
    return path


def _header(kind: str, path: Path, root: Path, what: str) -> list[str]:
    depth = len(path.relative_to(root).parts) - 1
    return [f"# yaml-language-server: $schema={'../' * depth}generator/schemas/{kind}.json",
            f"# {what}", "# Lines starting with # are notes; the publisher ignores them.", ""]


def _comment(kind: str, key: str) -> list[str]:
    return [f"# {schema(kind)['properties'][key]['description']}"]


def _key(kind: str, key: str, value: str) -> list[str]:
    return _comment(kind, key) + [f"{key}: {value}"]


def _optional(kind: str, examples: list[str]) -> list[str]:
    lines = []
    for example in examples:
        key = example.split(":")[0]
        lines += _comment(kind, key) + [f"# {example}"]
    return lines


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _parties(root: Path, landlord: str, estates: list[str]) -> tuple[str, str]:
    """The landlord's name, and the federation's or the first estate's TRA, as written."""
    read = lambda path: YAML(typ="safe", pure=True).load(path.read_text("utf-8")) or {}  # noqa: E731
    owner = read(root / "compacts" / landlord / "landlord.yml")
    tenants = owner.get("federation") or "The tenants' organisation's name"
    if estates:
        tra = read(root / "compacts" / landlord / "estates" / f"{estates[0]}.yml").get("tra")
        tenants = tra["name"] if isinstance(tra, dict) and tra.get("name") else \
            "The tenants' and residents' association's name"
    return str(owner.get("name", "The landlord's name")), str(tenants)


def _core_items(root: Path) -> list[tuple[str, str]]:
    data = YAML(typ="safe", pure=True).load((root / "standards/core-standards.yml").read_text("utf-8"))
    return [(item["id"], item["title"]) for standard in data["standards"] for item in standard["items"]]


def _write(path: Path, lines: list[str], steps: list[str]) -> Scaffolded:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite
        handle.write("\n".join(lines) + "\n")
    return Scaffolded(path, steps)
