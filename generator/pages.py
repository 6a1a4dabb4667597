"""The pages of the site, for one language: what each page is, and its HTML body.

Nothing here knows about MkDocs. `plan` lists the pages (cheap: titles and addresses);
`render` makes one page's body when MkDocs asks for it, so memory stays flat however
many estates there are.
"""
from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from html import unescape
from typing import Any, Callable

from babel.numbers import format_decimal, format_percent
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from .bidi import isolate_ltr
from .charts import Series, line_chart
from .compare import compare, word_diff
from .estate_finder import finder_pages, helpers as finder_helpers
from .history import History, Version
from .i18n import MISSING, STALE, TRANSLATED, Language, Translations
from .model import Compact, Estate, Landlord, Site
from .readability import reading_age
from .model import MET, NO_TARGET, NOT_MET, NOT_REPORTED
from .results import compliance, tally, trends
from .statutory import code_provisions, pack_view, provision_of, tsm_groups
from .statutory_data import tsm_csv_path
from .tables import label_cells
from .text import render_inline, render_markdown
from .voice_pages import helpers as voice_helpers, voice_pages

STATUS_PAGE = "translation-status/index.md"
DATA_PAGE = "data/index.md"


@dataclass
class PageSpec:
    """One page to publish: its source path (as MkDocs sees it), title and content."""

    path: str
    title: str
    template: str
    context: dict[str, Any]
    in_nav: bool = False

    @property
    def url(self) -> str:
        return url_of(self.path)


@dataclass
class Rendered:
    """A page body ready for the theme, with its headings and what fell back to English."""

    html: str
    headings: list[tuple[int, str, str]]
    fallbacks: dict[str, int] = field(default_factory=dict)
    strings: set[str] = field(default_factory=set)  # every translatable string it shows


def build_date() -> date:
    """Today, or the day SOURCE_DATE_EPOCH names, so a build can be reproduced."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date() if epoch else date.today()


def url_of(path: str) -> str:
    """'greenfield/index.md' -> 'greenfield/' (directory URLs, as MkDocs makes them);
    other files ('greenfield/feed.xml') keep their path."""
    if not path.endswith(".md"):
        return path
    folder = posixpath.dirname(path) if path.endswith("index.md") else path[:-3]
    return f"{folder}/" if folder else ""


def relative(target: str, page_url: str) -> str:
    """A link from one page's URL to another's that works under any subpath."""
    rel = posixpath.relpath(target or ".", page_url or ".")
    if rel == ".":
        return "./"
    return rel + "/" if target.endswith("/") or not target else rel


def plan(site: Site, t: Translations, history: History | None = None) -> list[PageSpec]:
    """Every page of the site in one language, without rendering any of them."""
    _ = t.gettext
    history = history or History()
    pages = [PageSpec("index.md", _("Tenant participation compacts"), "home.html", {}, True),
             PageSpec("standards/index.md", _("Core Standards"), "standards.html", {}, True),
             PageSpec(STATUS_PAGE, _("Translation status"), "status.html", {}, True)]
    for landlord in site.landlords:
        pages.append(PageSpec(f"{landlord.id}/index.md", landlord.name, "landlord.html",
                              {"landlord": landlord}))
        for compact in landlord.compacts:
            versions = history.of(compact)
            context = {"landlord": landlord, "versions": versions, "current": compact}
            pages.append(PageSpec(compact_path(compact), t.gettext(compact.title),
                                  "compact.html", {**context, "compact": compact, "version": None}))
            pages += _version_pages(site, t, context, versions)
        for estate in landlord.estates:
            pages.append(PageSpec(estate_path(estate), estate.name, "estate.html",
                                  {"landlord": landlord, "estate": estate}))
            if any(r.for_estate(estate.id) for r in landlord.results):
                pages.append(PageSpec(estate_path(estate).replace("index.md", "results/index.md"),
                                      _("Results: %(name)s") % {"name": estate.name},
                                      "results.html", {"landlord": landlord, "estate": estate}))
        pages += finder_pages(landlord, t)  # letter and area pages, for many estates
        pages += _landlord_results_pages(landlord, t)
        pages += voice_pages(landlord, t)
        pages += _statutory_pages(site, landlord, t)
    if any(landlord.results for landlord in site.landlords):
        pages.append(PageSpec("compliance/index.md", _("Compliance with the standards"),
                              "compliance_site.html", {}))
    pages.append(PageSpec(DATA_PAGE, _("Open data"), "data.html", {}, True))
    return pages


def _landlord_results_pages(landlord: Landlord, t: Translations) -> list[PageSpec]:
    """Results, equality and compliance pages of a landlord that reports results."""
    if not landlord.results:
        return []
    _ = t.gettext
    context = {"landlord": landlord, "estate": None}
    return [PageSpec(f"{landlord.id}/results/index.md", _("Results: %(name)s") % {"name": landlord.name},
                     "results.html", context),
            PageSpec(f"{landlord.id}/equality/index.md", _("Who takes part: %(name)s") % {"name": landlord.name},
                     "equality.html", context),
            PageSpec(f"{landlord.id}/compliance/index.md", _("Compliance: %(name)s") % {"name": landlord.name},
                     "compliance.html", context)]


def _statutory_pages(site: Site, landlord: Landlord, t: Translations) -> list[PageSpec]:
    """A landlord's statutory publications: a page listing every year, then each year's
    Tenant Satisfaction Measures pack and Complaint Handling Code report."""
    found, _ = landlord.statutory, t.gettext
    if not found:
        return []
    views = {period: pack_view(landlord, pack, site.standards) for period, pack in found.tsm.items()}
    provisions = code_provisions(site.standards)
    pages = [PageSpec(statutory_path(landlord), _("Statutory publications: %(name)s") % {
        "name": landlord.name}, "statutory.html", {"landlord": landlord, "views": views})]
    for period, view in sorted(views.items()):
        pages.append(PageSpec(tsm_path(landlord, period), _(
            "Tenant Satisfaction Measures %(period)s: %(name)s") % {"period": _isolated(period),
                                                                    "name": landlord.name},
            "tsm.html", {"landlord": landlord, "view": view, "report": found.complaints.get(period),
                         "groups": tsm_groups(site.standards), "csv_path": tsm_csv_path(landlord.id, period)}))
    for period, report in sorted(found.complaints.items()):
        pages.append(PageSpec(complaints_report_path(landlord, period), _(
            "Complaints report %(period)s: %(name)s") % {"period": _isolated(period),
                                                         "name": landlord.name},
            "complaints.html", {"landlord": landlord, "report": report, "pack": found.tsm.get(period),
                                "code_items": {provision_of(i): i for i in provisions},
                                "not_assessed": [i for i in provisions if not report.assessment(provision_of(i))],
                                "provision_of": provision_of}))
    return pages


def _isolated(period: str) -> str:
    """A year in a title, kept in its order inside right-to-left text (first strong
    isolate ... pop directional isolate: titles are plain text, so no <bdi>), and on one
    line (a non-breaking hyphen)."""
    return "\u2068" + period.replace("-", "\u2011") + "\u2069"


def statutory_path(landlord: Landlord) -> str:
    return f"{landlord.id}/statutory/index.md"


def tsm_path(landlord: Landlord, period: str) -> str:
    return f"{landlord.id}/tsm/{period}/index.md"


def complaints_report_path(landlord: Landlord, period: str) -> str:
    return f"{landlord.id}/complaints/{period}/index.md"


def _version_pages(site: Site, t: Translations, context: dict,
                   versions: list[Version]) -> list[PageSpec]:
    """A permanent page for every agreed version, and what changed since the one before."""
    pages = []
    for before, version in zip([None, *versions], versions):
        title = t.gettext(version.compact.title)
        pages.append(PageSpec(version_path(version), title, "compact.html",
                              {**context, "compact": version.compact, "version": version}))
        if before:
            comparison = compare(before.compact, version.compact, site.core)
            pages.append(PageSpec(changes_path(version), title, "changes.html",
                                  {**context, "comparison": comparison, "version": version,
                                   "previous": before}))
    return pages


def compact_path(compact: Compact) -> str:
    return f"{compact.landlord_id}/{compact.id}/index.md"


def version_path(version: Version) -> str:
    compact = version.compact
    return f"{compact.landlord_id}/{compact.id}/{version.agreed.isoformat()}/index.md"


def changes_path(version: Version) -> str:
    return version_path(version).replace("/index.md", "/changes/index.md")


def estate_path(estate: Estate) -> str:
    return f"{estate.landlord_id}/estates/{estate.id}/index.md"


def landlord_path(landlord: Landlord) -> str:
    return f"{landlord.id}/index.md"


class Renderer:
    """Renders page bodies for one language with one Jinja environment."""

    def __init__(self, site: Site, translations: Translations, languages: list[Language]):
        self.site, self.t, self.languages = site, translations, languages
        self.env = Environment(loader=PackageLoader(__package__, "templates"),
                               autoescape=select_autoescape(default=True),
                               undefined=StrictUndefined, extensions=["jinja2.ext.i18n"],
                               trim_blocks=True, lstrip_blocks=True)
        # Jinja trusts what gettext returns; catalogs come from pull requests, so escape it.
        self.env.install_gettext_callables(
            lambda text: escape(self._interface(text)),
            lambda one, many, n: escape(translations.ngettext(one, many, n)), newstyle=True)
        self.fallbacks = {MISSING: 0, STALE: 0}

    def _interface(self, text: str) -> str:
        """An interface string; English ones count towards the page's fallback notice."""
        shown, state = self.t.lookup(text)
        if state != TRANSLATED:
            self.fallbacks[state] += 1
        return shown

    def formats_panel(self, spec: PageSpec, **context: Any) -> str:
        """The list of alternative formats of a page, to append to its body."""
        helpers = self._helpers(spec, {MISSING: 0, STALE: 0})
        return self._finish(self.env.get_template("_formats.html").render(
            {**spec.context, **helpers, **context, "language": self.t.language,
             "size": self._size, "reading_age": reading_age}))

    def _finish(self, html: str) -> str:
        """Tables labelled for phones; numbers kept left-to-right in right-to-left pages."""
        html = label_cells(html)
        return isolate_ltr(html) if self.t.language.dir == "rtl" else html

    def with_formats(self, html: str, panel: str) -> str:
        """A page with its formats panel at the end, and a link to it under the title, so a
        tenant who needs large print, braille or audio does not scroll past everything."""
        words = escape(self.t.gettext("Large print, braille and audio versions"))
        link = f'<p class="tc-formats-link"><a href="#formats">{words}</a></p>'
        head, found, rest = html.partition("</h1>")
        return (head + found + link + rest if found else html) + panel

    def _size(self, size: int) -> str:
        if size < 1024 * 1024:
            return self.t.gettext("%(num)s KB") % {"num": format_decimal(max(1, round(size / 1024)), locale=self.t.locale)}
        return self.t.gettext("%(num)s MB") % {"num": format_decimal(round(size / 1024 / 1024, 1), locale=self.t.locale)}

    def prefix(self, code: str) -> str:
        """Where a language's pages live: the source at the root, others under /<code>/."""
        return "" if code == self.languages[0].code else f"{code}/"

    def render(self, spec: PageSpec, **extra: Any) -> Rendered:
        self.fallbacks = fallbacks = {MISSING: 0, STALE: 0}
        context = {**spec.context, **extra, **self._helpers(spec, fallbacks), "site": self.site,
                   "title": spec.title, "today": build_date()}
        self.t.used = strings = set()
        try:
            html = self._finish(self.env.get_template(spec.template).render(context))
        finally:
            self.t.used = None
        return Rendered(html, headings(html), {k: v for k, v in fallbacks.items() if v}, strings)

    def _helpers(self, spec: PageSpec, fallbacks: dict[str, int]) -> dict[str, Callable]:
        t = self.t

        def translated(text: str, block: bool) -> Markup:
            shown, state = t.lookup(text)
            html = render_markdown(shown) if block else render_inline(shown)
            if state == TRANSLATED:
                return html
            fallbacks[state] += 1
            label = escape(t.gettext("English") if state == MISSING
                           else t.gettext("English (translation being updated)"))
            tag = "div" if block else "span"
            return Markup(f'<{tag} class="tc-fallback" lang="en" dir="ltr">{html}'
                          f'<span class="tc-fallback__label" lang="{t.language.code}"> '
                          f'[{label}]</span></{tag}>')

        def changed_words(before: str, after: str) -> Markup:
            """The reworded text with changed words marked, in this language if both versions
            are translated, else in English marked as such."""
            (old, old_state), (new, new_state) = t.lookup(before), t.lookup(after)
            english = old_state != TRANSLATED or new_state != TRANSLATED
            if english:
                old, new = before, after
                fallbacks[MISSING if MISSING in (old_state, new_state) else STALE] += 1
            runs = self.env.get_template("_diff.html").module.runs(word_diff(old, new))
            if not english:
                return runs
            return Markup(f'<span class="tc-fallback" lang="en" dir="ltr">{runs}'
                          f'<span class="tc-fallback__label" lang="{t.language.code}"> '
                          f'[{escape(t.gettext("English"))}]</span></span>')

        def value(measure, amount: float) -> str:
            """A measure's number in its unit, formatted for the locale."""
            if measure.unit == "percent":
                return format_percent(amount / 100, "#,##0.#%", locale=t.locale)
            if measure.unit == "pounds":
                return t.money(amount)
            shown = format_decimal(amount, "#,##0.#", locale=t.locale)
            if measure.unit == "days":
                return t.ngettext("%(num)s day", "%(num)s days", int(amount)) % {"num": shown}
            if measure.unit == "per-1000-homes":
                return t.gettext("%(num)s per 1,000 homes") % {"num": shown}
            return shown

        def shown(measure, which: str) -> str:
            """A measure's target or actual, or 'not set' / 'not reported' in words."""
            amount = getattr(measure, which)
            if amount is not None:
                return value(measure, amount)
            return t.gettext("not set") if which == "target" else t.gettext("not reported")

        def chart(trend, ident: str) -> Markup:
            name = t.gettext(trend.latest.name)
            points = trend.points
            described = "; ".join(
                t.gettext("%(period)s: target %(target)s, actual %(actual)s") % {
                    "period": period, "target": shown(m, "target"), "actual": shown(m, "actual")}
                for period, m in trend.reported)
            series = [Series(t.gettext("Actual"), [m.actual if m else None for _, m in points])]
            if any(m and m.target is not None for _, m in points):
                series.append(Series(t.gettext("Target"),
                                     [m.target if m else None for _, m in points], True))
            return line_chart(ident, name, described, [p for p, _ in points], series,
                              lambda n: format_decimal(n, "#,##0.#", locale=t.locale))

        def result_counts(measures, period: str) -> str:
            """What the counts count: '4 of 6 targets were met; 13 measures had no target.'"""
            counts = tally(measures)
            with_target = counts[MET] + counts[NOT_MET]
            parts = []
            if with_target:
                parts.append(t.ngettext("%(met)d of %(num)d target was met",
                                        "%(met)d of %(num)d targets were met", with_target)
                             % {"met": counts[MET], "num": with_target})
            if counts[NO_TARGET]:
                parts.append(t.ngettext("%(num)d measure had no target",
                                        "%(num)d measures had no target", counts[NO_TARGET])
                             % {"num": counts[NO_TARGET]})
            if counts[NOT_REPORTED]:
                parts.append(t.ngettext("%(num)d measure was not reported",
                                        "%(num)d measures were not reported", counts[NOT_REPORTED])
                             % {"num": counts[NOT_REPORTED]})
            if not parts:
                return t.gettext("No measures were reported for %(period)s.") % {"period": period}
            return t.gettext("%(period)s: %(counts)s.") % {"period": period,
                                                           "counts": "; ".join(parts)}

        here = self.prefix(t.language.code) + spec.url
        return {
            "changed_words": changed_words,
            "value": value, "shown": shown, "chart": chart, "trends": trends,
            "result_counts": result_counts,
            "compliance": compliance, "source_language": self.languages[0].code,
            "link": lambda path: relative(url_of(path), spec.url),
            "link_in": lambda code, path: relative(self.prefix(code) + url_of(path), here),
            "text": lambda value: translated(value, block=True) if value else Markup(""),
            "inline": lambda value: translated(value, block=False) if value else Markup(""),
            "date": t.date, "money": t.money, "number": t.number, "percent": t.percent,
            "compact_path": compact_path, "estate_path": estate_path,
            "version_path": version_path, "changes_path": changes_path,
            "landlord_path": landlord_path,
            **voice_helpers(), **finder_helpers(t),
            "statutory_path": statutory_path, "tsm_path": tsm_path, "complaints_report_path": complaints_report_path,
        }


_HEADING = re.compile(r'<h([1-3]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)


def headings(html: str) -> list[tuple[int, str, str]]:
    """(level, id, html) of each heading with an id, for the table of contents.

    The text stays escaped: the theme prints table-of-contents titles as they are.
    """
    return [(int(level), ident, str(escape(unescape(re.sub(r"<[^>]+>", "", inner)).strip())))
            for level, ident, inner in _HEADING.findall(html)]
