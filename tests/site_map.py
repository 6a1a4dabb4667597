"""What a built site holds, found from the data it was built from: any council's, not only
the example. The checks a council's fork runs (tests/test_browser.py, tests/test_crawl.py)
pick their pages from here, so they follow whatever data the fork publishes."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from generator.catalogs import languages as configured_languages
from generator.history import read_history
from generator.i18n import Language, Translations
from generator.site import read_site
from generator.pages import PageSpec, plan

REPO = Path(__file__).resolve().parent.parent


def kind_of(spec: PageSpec) -> str:
    """A name for the kind of page: its template, and what changes its layout."""
    kind = spec.template.removesuffix(".html")
    context = spec.context
    if kind == "compact" and context.get("version"):
        return "compact, agreed version"
    if kind in ("results", "estate") and context.get("estate"):
        estate = context["estate"]
        if kind == "estate":
            return "estate" if getattr(estate, "tra", None) else "estate without a TRA"
        return "estate results"
    return kind


@lru_cache(maxsize=None)
def pages(root: Path = REPO) -> tuple[PageSpec, ...]:
    """Every page the site publishes in its source language."""
    checked = read_site(root)
    assert checked.site is not None, "the data has errors: run 'compacts check'"
    compacts = [c for landlord in checked.site.landlords for c in landlord.compacts]
    history = read_history(root, compacts)
    return tuple(plan(checked.site, Translations(Language.of(languages(root)[0])), history))


def kinds(root: Path = REPO) -> dict[str, str]:
    """The first page of each kind found: kind -> its address under the site root."""
    found: dict[str, str] = {}
    for spec in pages(root):
        found.setdefault(kind_of(spec), spec.url)
    return found


def first(template: str, root: Path = REPO) -> str | None:
    """The address of the first page made with a template ('estate.html'), if any."""
    return next((spec.url for spec in pages(root) if spec.template == template), None)


def languages(root: Path = REPO) -> list[str]:
    """The site's languages, source first, as site_config.yml lists them."""
    return configured_languages(root)


def prefixes(root: Path = REPO) -> dict[str, str]:
    """Language code -> where its pages live: the source at the root, others under /<code>/."""
    return {code: "" if i == 0 else f"{code}/" for i, code in enumerate(languages(root))}


def right_to_left(root: Path = REPO) -> list[str]:
    return [code for code in languages(root) if Language.of(code).dir == "rtl"]
