"""`compacts new tsm` and `compacts new complaints`: a year's statutory publications, started
from standards/ (the timescales tsm.yml asks for; every provision of the Code) so nothing the
Regulator or the Ombudsman asks for is forgotten, and nothing is filled in for the landlord."""
from __future__ import annotations

from pathlib import Path

from ruamel.yaml import YAML

from .names import is_period
from .scaffold import (Scaffolded, ScaffoldError, _comment, _header, _key, _placeholder, _quote,
                       _target, _write)


def _period(period: str) -> None:
    if not is_period(period):
        raise ScaffoldError(f"'{period}' is not a year: give it as 2025-26 (April 2025 to "
                            "March 2026).")


def _standards(root: Path, name: str) -> dict:
    path = root / "standards" / f"{name}.yml"
    if not path.exists():
        raise ScaffoldError(f"standards/{name}.yml is missing: it lists what the file must cover.")
    return YAML(typ="safe", pure=True).load(path.read_text("utf-8")) or {}


def new_tsm(root: Path, landlord: str, period: str) -> Scaffolded:
    """The year's Tenant Satisfaction Measures pack; the results go in results/<period>.yml."""
    _period(period)
    path = _target(root, landlord, "tsm", period)
    timed = [(item["id"].split(".")[1].upper(), part["name"])
             for standard in _standards(root, "tsm").get("standards", [])
             for item in standard.get("items", [])
             if (item.get("reporting") or {}).get("timescale")
             for part in item["reporting"].get("parts", [])]
    lines = _header("tsm", path, root, f"The Tenant Satisfaction Measures pack for {period}. "
                    f"The results themselves go in results/{period}.yml.")
    lines += _key("tsm", "tenures", "[low-cost-rental]   # add low-cost-home-ownership if you "
                  "have shared-ownership homes")
    lines += _key("tsm", "summary", _placeholder(f"two or three sentences about {period}'s measures."))
    lines += _comment("tsm", "timescales") + ["timescales:"]
    for code, part in timed:
        lines += [f"  - tsm: {code}", f"    part: {part}",
                  f"    timescale: {_placeholder(f'the target time for {part}.')}"]
    lines += _comment("tsm", "approach") + [
        "# Leave out what you do not know: the page then says 'not published'.", "approach:",
        "  samples:", "    - tenure: low-cost-rental", "#     achieved: 1000", "#     required: 1000",
        "#     population: 9000",
        "# fieldwork_start: 2026-10-01", "# fieldwork_end: 2026-12-15",
        "# collection: [post, phone, online, in-person]", "# sample_method: census   # or sample",
        "# representativeness: How the answers compare with all tenants.",
        "# weighted: false", "# weighting: How, if they were.", "# carried_out_by: Who did the survey.",
        "# exclusions: Households left out, and why.", "# shortfall: Why fewer answered than required.",
        "# incentives: Any prize draw or gift.", "# issues: Anything that affects comparison with last year."]
    return _write(path, lines, [
        f"Put each measure's result in results/{period}.yml with its tsm code, part and tenure.",
        "Replace each 'Replace this:' timescale and the summary.",
        "Add what you know about the survey (remove the # signs); 'compacts check' lists what "
        "is still missing."])


def new_complaints(root: Path, landlord: str, period: str) -> Scaffolded:
    """The year's complaints report, with every provision of the Code ready to assess."""
    _period(period)
    path = _target(root, landlord, "complaints", period)
    lines = _header("complaints", path, root, f"The complaints report and Code self-assessment "
                    f"for {period}.")
    lines += _key("complaints", "summary", _placeholder(f"two or three sentences about {period}'s complaints."))
    lines += _comment("complaints", "figures") + [
        "# figures:", "#   homes: 9000", "#   stage1_received: 300", "#   stage1_on_time: 280",
        "#   stage2_received: 40", "#   stage2_on_time: 38", "#   refused: 10"]
    lines += _comment("complaints", "self_assessment") + [
        "# For each provision: remove the # signs, set complies to 'yes', 'partly' or 'no', add",
        "# evidence, and for 'partly' or 'no' the action and its due date. Keep the quotes",
        "# around the provision number (5.10 is not 5.1), and the # before self_assessment.",
        "# self_assessment:"]
    for standard in _standards(root, "complaint-handling-code").get("standards", []):
        lines.append(f"  # {standard.get('number')}. {standard.get('title')}")
        for item in standard.get("items", []):
            number = str(item["id"]).split(".", 1)[1].replace("-", ".")
            lines += [f"  # {item.get('description')}",
                      f"  # - provision: {_quote(number)}", "  #   complies: 'yes'",
                      "  #   evidence:", "  #     - title: Complaints policy",
                      "  #       link: https://example.org/complaints-policy"]
    return _write(path, lines, [
        "Assess each provision (remove the # signs of its lines).",
        "Add the figures, themes, improvements and the governing body's response.",
        "'compacts check' lists the provisions not yet assessed."])
