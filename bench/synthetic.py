"""A synthetic council of N estates, each pair with a local compact, for benchmarks.

Usage: python bench/synthetic.py N TARGET  -> a project folder at TARGET ready to build.
"""
from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

from ruamel.yaml import YAML

REPO = Path(__file__).resolve().parent.parent
STREETS = ["Oak", "Elm", "Ash", "Birch", "Cedar", "Hazel", "Maple", "Rowan", "Willow", "Yew"]
KINDS = ["Court", "Gardens", "House", "Road", "Green", "Fields", "Park", "Close"]


def estate_name(number: int) -> str:
    return f"{STREETS[number % 10]} {KINDS[(number // 10) % 8]} {number // 80 + 1}"


def estate_yaml(number: int) -> str:
    return (f"name: {estate_name(number)}\narea: Ward {number % 17 + 1}\nhomes: {80 + number % 300}\n"
            f"summary: Homes in ward {number % 17 + 1}. The estate has a community room and a "
            "garden that residents look after together.\n"
            f"tra:\n  name: {estate_name(number)} Residents\n  meetings: Second Tuesday of the "
            "month, 7pm, in the community room.\n"
            f"budget:\n  amount: {1000 + number % 9 * 500}\n  period: 2026-27\n")


def compact_yaml(number: int, estates: list[str], items: list[str], scope: str) -> str:
    lines = [f"title: {'Local compact ' + str(number) if scope == 'local' else 'District compact'}",
             f"scope: {scope}"]
    if estates:
        lines += ["estates:"] + [f"  - {e}" for e in estates]
    lines += ["status: agreed", "agreed: 2026-04-01", "review_due: 2027-03-31", "parties:",
              "  - name: Bench Council", "    role: landlord", "  - name: Residents",
              "    role: tra", "summary: How tenants here are involved.", "commitments:"]
    for index, item in enumerate(items):
        lines += [f"  - id: c{index}", f"    standards: [{item}]",
                  f"    text: We will keep promise {index} and report on it every quarter."]
    lines += ["action_plan:", "  - id: a1", "    action: Set up the panel.",
              "    owner: Housing team", "    due: 2026-12-31", "    status: in-progress"]
    return "\n".join(lines) + "\n"


def make_council(estates: int, target: Path, languages: list[str] | None = None) -> Path:
    """Write a project (config, theme, standards, data) with this many estates, in the
    example's languages or only those given."""
    for name in ("standards", "theme", "docs", "translations"):
        shutil.copytree(REPO / name, target / name, dirs_exist_ok=True)
    config = (REPO / "site_config.yml").read_text()
    if languages:
        listed = re.search(r"      languages:\n((?:        - \S+\n)+)", config).group(1)
        config = config.replace(listed, "".join(f"        - {code}\n" for code in languages))
    (target / "site_config.yml").write_text(config)
    standards = YAML(typ="safe", pure=True).load((REPO / "standards/core-standards.yml").read_text())
    items = [i["id"] for s in standards["standards"] for i in s["items"]]
    base = target / "compacts" / "bench"
    (base / "estates").mkdir(parents=True, exist_ok=True)
    (base / "compacts").mkdir(exist_ok=True)
    (base / "landlord.yml").write_text("name: Bench Council\nkind: council\nsummary: A synthetic council.\n")
    (base / "compacts" / "district.yml").write_text(compact_yaml(0, [], items, "district"))
    for number in range(estates):
        (base / "estates" / f"estate-{number}.yml").write_text(estate_yaml(number))
    for number in range(0, estates - 1, 2):
        pair = [f"estate-{number}", f"estate-{number + 1}"]
        (base / "compacts" / f"local-{number}.yml").write_text(
            compact_yaml(number, pair, items[number % 20: number % 20 + 4], "local"))
    return target


def make_plain_pages(pages: int, target: Path) -> Path:
    """Ordinary Markdown pages under plain Material with a flat navigation, for comparison."""
    docs = target / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for number in range(pages):
        (docs / f"page-{number}.md").write_text(
            f"# {estate_name(number)}\n\nHomes in ward {number % 17 + 1}.\n\n## Meetings\n\n"
            "Second Tuesday of the month.\n")
    (target / "mkdocs.yml").write_text("site_name: Plain\ntheme:\n  name: material\n  font: false\n")
    return target


def make_hugo_site(pages: int, text: int, target: Path) -> Path:
    """Plain Hugo pages with about `text` characters of text each, in a minimal layout."""
    content = target / "content" / "pages"
    content.mkdir(parents=True, exist_ok=True)
    layouts = target / "layouts" / "_default"
    layouts.mkdir(parents=True, exist_ok=True)
    page = ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{{ .Title }}"
            "</title></head><body><main><h1>{{ .Title }}</h1>{{ .Content }}</main></body></html>")
    (layouts / "single.html").write_text(page)
    (layouts / "list.html").write_text(page)
    (target / "config.toml").write_text('baseURL = "http://example.org/"\ntitle = "Plain"\n'
                                        'disableKinds = ["taxonomy", "term"]\n')
    sentence = "Residents of this estate meet in the community room on the second Tuesday. "
    body = (sentence * (text // len(sentence) + 1))[:text]
    paragraphs = "\n\n".join(body[i:i + 400] for i in range(0, len(body), 400))
    for number in range(pages):
        (content / f"page-{number}.md").write_text(
            f"---\ntitle: {estate_name(number)}\n---\n\n{paragraphs}\n")
    return target


if __name__ == "__main__":
    print(make_council(int(sys.argv[1]), Path(sys.argv[2])))
