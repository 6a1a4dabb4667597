"""How complete each language is, per page: for the status page and `compacts check`."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .history import History
from .i18n import STALE, TRANSLATED, Language, Translations
from .model import Site


def share_of(translated: int, total: int, places: int = 0) -> float:
    """The share translated, rounded down (to whole percents, or to `places` decimals of
    one): 1,082 of 1,086 is 99%, never the 100% that would say nothing is left in English."""
    scale = 10 ** (2 + places)
    return translated * scale // total / scale if total else 1.0


@dataclass
class PageStatus:
    path: str
    title: str
    total: int
    translated: int
    stale: int

    @property
    def share(self) -> float:
        """Rounded down to a whole percent, as pages show it."""
        return share_of(self.translated, self.total)


@dataclass
class LanguageStatus:
    """One language's completeness over every string the site shows."""

    translations: Translations
    total: int = 0
    translated: int = 0
    stale: int = 0
    pages: list[PageStatus] = field(default_factory=list)

    @property
    def share(self) -> float:
        """Rounded down to a whole percent, as pages show it."""
        return share_of(self.translated, self.total)

    @property
    def incomplete(self) -> list[PageStatus]:
        return [p for p in self.pages if p.translated < p.total]


def translation_status(usage: dict[str, tuple[str, set[str]]],
                       catalogs: list[Translations]) -> list[LanguageStatus]:
    """usage: page path -> (title, strings it shows). One status per non-source language."""
    everything = set().union(*(strings for _, strings in usage.values())) if usage else set()
    result = []
    for t in catalogs:
        if t.is_source:
            continue
        states = {text: t.state(text) for text in everything}
        status = LanguageStatus(t, len(everything),
                                sum(s == TRANSLATED for s in states.values()),
                                sum(s == STALE for s in states.values()))
        for path, (title, strings) in usage.items():
            status.pages.append(PageStatus(
                path, title, len(strings), sum(states[s] == TRANSLATED for s in strings),
                sum(states[s] == STALE for s in strings)))
        result.append(status)
    return result


def collect_usage(site: Site, catalogs: list[Translations],
                  history: History | None = None) -> dict[str, tuple[str, set[str]]]:
    """Render every page once in the source language, noting the strings each one shows."""
    from .pages import STATUS_PAGE, Renderer, plan

    source = catalogs[0]
    renderer = Renderer(site, source, [t.language for t in catalogs])
    return {spec.path: (spec.title, renderer.render(spec).strings)
            for spec in plan(site, source, history) if spec.path != STATUS_PAGE}


def load_catalogs(codes: list[str], folder: Path) -> list[Translations]:
    return [Translations.load(Language.of(code), folder) for code in codes]


def report(statuses: list[LanguageStatus], minimums: dict[str, float]) -> tuple[str, bool]:
    """Lines for `compacts check --translations`, and whether every minimum is met."""
    lines, ok = [], True
    for status in statuses:
        lang = status.translations.language
        missing = status.total - status.translated - status.stale
        lines.append(f"{lang.code}  {lang.name}: {share_of(status.translated, status.total, 1):.1%} translated "
                     f"({status.translated} of {status.total} strings; {missing} not translated, "
                     f"{status.stale} stale)")
        for page in status.incomplete:
            lines.append(f"    {page.path}: {page.share:.0%} ({page.total - page.translated - page.stale}"
                         f" not translated, {page.stale} stale)")
        minimum = minimums.get(lang.code)
        if minimum is not None and status.translated * 100 < float(minimum) * status.total:
            ok = False
            lines.append(f"error: {lang.code} is {share_of(status.translated, status.total, 1):.1%} translated, below the "
                         f"{float(minimum):g}% that site_config.yml requires (minimum_translated).")
    return "\n".join(lines), ok
