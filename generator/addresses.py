"""Web addresses are reserved: a data file can never take a page's address.

A landlord's folder name is its address at the top of the site, beside the site's own
pages and each language's folder; a compact's file name is its address inside its
landlord's. A collision would silently replace a page (or a whole language), so it is an
error naming both sides. The reserved names follow the page plan in pages.py, feeds.py and
opendata.py, and MkDocs' and Material's folders; tests/test_safety.py builds the example
site and checks that every folder it makes is reserved here or belongs to a data file.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Iterator

from .loader import Document
from .problems import Problem

# Folders at the top of the site, and what owns them.
SITE_FOLDERS = {
    "standards": "the Core Standards page",
    "translation-status": "the translation status page",
    "data": "the open data page",
    "compliance": "the compliance page",
    "assets": "the theme's styles and scripts",
    "search": "the search index",
    "pagefind": "the search index",
    "javascripts": "the theme's scripts",
    "stylesheets": "the theme's styles",
    "overrides": "the theme's templates",
}
# Folders inside a landlord's address (compacts are beside them).
LANDLORD_FOLDERS = {
    "estates": "the landlord's estate pages",
    "estates-a-z": "the landlord's estates by first letter",
    "estates-by-area": "the landlord's estates by area",
    "results": "the landlord's results page",
    "equality": "the landlord's equality page",
    "compliance": "the landlord's compliance page",
    "groups": "the landlord's groups of tenants",
    "complaints": "the landlord's complaints report",
    "complaints-learning": "the landlord's learning from complaints page",
    "get-involved": "the landlord's page on getting involved",
    "you-said-we-did": "the landlord's 'you said, we did' page",
    "said": "the landlord's 'you said' pages",
    "scrutiny": "the landlord's scrutiny pages",
    "statutory": "the landlord's statutory publications",
    "tsm": "the landlord's Tenant Satisfaction Measures pack",
}


@cache
def language_codes() -> frozenset[str]:
    """Every language code Babel knows (each language is published under its code)."""
    from babel.localedata import locale_identifiers

    return frozenset(i.lower().replace("_", "-") for i in locale_identifiers()
                     if i.count("_") <= 1)


def check_addresses(docs: list[Document], root: Path, codes: list[str]) -> Iterator[Problem]:
    """No landlord, compact or hand-written page takes an address that is already used."""
    hand_written = _hand_written(root)
    for doc in docs:
        if doc.kind == "landlord":
            yield from _landlord(doc, hand_written, codes)
        elif doc.kind == "compact" and doc.id in LANDLORD_FOLDERS:
            address = f"{doc.landlord}/{doc.id}/"
            yield Problem(doc.path, 1, 1, f"The file name '{doc.id}' would give this compact the "
                          f"web address {address}, which is {LANDLORD_FOLDERS[doc.id]}. Rename "
                          f"the file, for example to '{doc.id}-compact.yml'.", "reserved-address")


def _landlord(doc: Document, hand_written: dict[str, str],
              codes: list[str]) -> Iterator[Problem]:
    name, address = doc.landlord, f"{doc.landlord}/"
    owner = ""
    if name in SITE_FOLDERS:
        owner = SITE_FOLDERS[name]
    elif name in codes or name in language_codes():
        owner = f"where the site puts its pages in the language with the code '{name}'"
    elif name in hand_written:
        owner = f"the address of {hand_written[name]}"
    if owner:
        owner = owner if owner.startswith(("where", "the address")) else f"the address of {owner}"
        yield Problem(doc.path, 1, 1, f"The folder name '{name}' would give this landlord the web "
                      f"address {address}, which is {owner}. Rename the folder "
                      f"compacts/{name}/, for example to '{name}-council'.", "reserved-address")


def _hand_written(root: Path) -> dict[str, str]:
    """Top-level addresses of the pages in docs/: name -> the file that makes it."""
    docs = root / "docs"
    found: dict[str, str] = {}
    if not docs.is_dir() or docs.is_symlink():
        return found
    for path in sorted(docs.iterdir()):
        name = path.stem if path.suffix == ".md" else path.name
        if name != "index":
            found.setdefault(name, f"docs/{path.name}")
    return found
