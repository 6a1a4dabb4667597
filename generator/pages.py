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
from functools import lru_cache
from html import unescape
from typing import Any

from babel.numbers import format_decimal, format_percent
from jinja2 import BytecodeCache, Environment, PackageLoader, StrictUndefined, pass_context, select_autoescape
from jinja2.runtime import Context
from markupsafe import Markup, escape

from .bidi import isolate_ltr
from .charts import Series, line_chart
from .compare import compare, word_diff
from .estate_finder import finder_pages, helpers as finder_helpers
from .history import History, Version
from .i18n import MISSING, STALE, TRANSLATED, Language, Translations
from .model import MET, NO_TARGET, NOT_MET, NOT_REPORTED, Compact, Estate, Landlord, Site
from .readability import reading_age
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
    sources: frozenset[str] | None = None
    """The data files this page shows, for a page about one estate or compact; None: it may
    show anything of its landlord (or, without one, of the site). See `incremental`."""

    @property
    def url(self) -> str:
        return url_of(self.path)

    @property
    def landlord_id(self) -> str | None:
        landlord = self.context.get("landlord")
        return landlord.id if landlord else None


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
    rel = _relpath(target, page_url)
    if rel == ".":
        return "./"
    return rel + "/" if target.endswith("/") or not target else rel


def _relpath(target: str, start: str) -> str:
    """posixpath.relpath for site addresses (no '..' in them), without its look at the
    current folder on every call: pages make tens of links each."""
    to = [part for part in target.split("/") if part not in ("", ".")]
    at = [part for part in start.split("/") if part not in ("", ".")]
    common = 0
    while common < min(len(to), len(at)) and to[common] == at[common]:
        common += 1
    return "/".join([".."] * (len(at) - common) + to[common:]) or "."


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
            sources = compact_sources(landlord, compact)
            pages.append(PageSpec(compact_path(compact), t.gettext(compact.title),
                                  "compact.html", {**context, "compact": compact, "version": None},
                                  sources=sources))
            pages += _version_pages(site, t, context, versions, sources)
        for estate in landlord.estates:
            sources = estate_sources(landlord, estate)
            pages.append(PageSpec(estate_path(estate), estate.name, "estate.html",
                                  {"landlord": landlord, "estate": estate}, sources=sources))
            if landlord.has_estate_results(estate.id):
                pages.append(PageSpec(estate_path(estate).replace("index.md", "results/index.md"),
                                      _("Results: %(name)s") % {"name": estate.name},
                                      "results.html", {"landlord": landlord, "estate": estate},
                                      sources=sources))
        pages += finder_pages(landlord, t)  # letter and area pages, for many estates
        pages += _landlord_results_pages(landlord, t)
        pages += voice_pages(landlord, t)
        pages += _statutory_pages(site, landlord, t)
    if any(landlord.results for landlord in site.landlords):
        pages.append(PageSpec("compliance/index.md", _("Compliance with the standards"),
                              "compliance_site.html", {}))
    pages.append(PageSpec(DATA_PAGE, _("Open data"), "data.html", {}, True))
    return pages


def estate_sources(landlord: Landlord, estate: Estate) -> frozenset[str]:
    """What an estate's pages show besides the landlord's shared files: the estate's file,
    the compacts that cover it and the district compact."""
    district = landlord.district_compact()
    return frozenset([estate.path, *(c.path for c in landlord.local_compacts(estate.id)),
                      *([district.path] if district else [])])


def compact_sources(landlord: Landlord, compact: Compact) -> frozenset[str]:
    """What a compact's pages show: its file, the estates it covers, the district compact."""
    estates = [landlord.estate(e) for e in compact.estate_ids]
    district = landlord.district_compact()
    return frozenset([compact.path, *(e.path for e in estates if e),
                      *([district.path] if district else [])])


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


def _version_pages(site: Site, t: Translations, context: dict, versions: list[Version],
                   sources: frozenset[str]) -> list[PageSpec]:
    """A permanent page for every agreed version, and what changed since the one before."""
    pages = []
    for before, version in zip([None, *versions], versions):
        title = t.gettext(version.compact.title)
        pages.append(PageSpec(version_path(version), title, "compact.html",
                              {**context, "compact": version.compact, "version": version},
                              sources=sources))
        if before:
            comparison = compare(before.compact, version.compact, site.core)
            pages.append(PageSpec(changes_path(version), title, "changes.html",
                                  {**context, "comparison": comparison, "version": version,
                                   "previous": before}, sources=sources))
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


class CompiledTemplates(BytecodeCache):
    """Compiled templates kept in memory for the life of the process, keyed by the source's
    checksum: `mkdocs serve` makes a new environment (ours and the theme's) for every
    rebuild, and compiling the templates again cost more than rendering the changed pages."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


TEMPLATE_CACHE = CompiledTemplates()


class Renderer:
    """Renders page bodies for one language with one Jinja environment.

    What one page's render finds out (the strings it shows, what fell back to English) is
    kept in that page's own `PageContext`, which the templates reach as `page_context`."""

    def __init__(self, site: Site, translations: Translations, languages: list[Language]):
        self.site, self.t, self.languages = site, translations, languages
        self.env = Environment(loader=PackageLoader(__package__, "templates"),
                               autoescape=select_autoescape(default=True),
                               undefined=StrictUndefined, extensions=["jinja2.ext.i18n"],
                               trim_blocks=True, lstrip_blocks=True,
                               bytecode_cache=TEMPLATE_CACHE,
                               auto_reload=False)  # one environment per build: no file checks
        # Jinja trusts what gettext returns; catalogs come from pull requests, so escape it.
        self.env.install_gettext_callables(_interface, _interface_plural, newstyle=True)
        self.env.globals.update(_site_helpers(translations, languages[0].code))

    def formats_panel(self, spec: PageSpec, **context: Any) -> str:
        """The list of alternative formats of a page, to append to its body."""
        page = PageContext(self, spec)  # its strings and fallbacks are the page's, counted there
        return self._finish(self.env.get_template("_formats.html").render(
            {**spec.context, **page.helpers(), **context, "language": self.t.language,
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
        page = PageContext(self, spec)
        context = {**spec.context, **extra, **page.helpers(), "site": self.site,
                   "title": spec.title, "today": build_date()}
        html = self._finish(self.env.get_template(spec.template).render(context))
        return Rendered(html, headings(html), {k: v for k, v in page.fallbacks.items() if v},
                        page.strings)


@pass_context
def _interface(context: Context, text: str) -> Markup:
    """`_()` in a template: the page's interface string, escaped (catalogs are untrusted)."""
    return escape(context["page_context"].interface(text))


@pass_context
def _interface_plural(context: Context, one: str, many: str, n: int) -> Markup:
    return escape(context["page_context"].ngettext(one, many, n))


def _site_helpers(t: Translations, source_language: str) -> dict[str, Any]:
    """What every page of a language can call, whichever page it is."""
    return {"trends": trends, "compliance": compliance, "source_language": source_language,
            "date": lru_cache(maxsize=4096)(t.date),  # Babel is slow; dates repeat
            "money": t.money, "number": t.number, "percent": t.percent,
            "compact_path": compact_path, "estate_path": estate_path,
            "version_path": version_path, "changes_path": changes_path,
            "landlord_path": landlord_path,
            **voice_helpers(), **finder_helpers(t),
            "statutory_path": statutory_path, "tsm_path": tsm_path,
            "complaints_report_path": complaints_report_path}


class PageContext:
    """One page's render: the helpers its templates call that depend on the page, and what
    the render found (every string shown; how many fell back to English). A new one for each
    render, so nothing of one page is counted on the next."""

    def __init__(self, renderer: Renderer, spec: PageSpec):
        self.renderer, self.spec, self.t = renderer, spec, renderer.t
        self.fallbacks = {MISSING: 0, STALE: 0}
        self.strings: set[str] = set()

    def helpers(self) -> dict[str, Any]:
        """The names the templates call, bound to this page."""
        return {"page_context": self, "link": self.link, "link_in": self.link_in,
                "text": self.text, "inline": self.inline, "changed_words": self.changed_words,
                "value": self.value, "shown": self.shown, "chart": self.chart,
                "result_counts": self.result_counts}

    # Lookups: each notes the string it shows; what the reader sees in English is counted.

    def lookup(self, text: str) -> tuple[str, str]:
        self.strings.add(text)
        return self.t.lookup(text)

    def gettext(self, text: str) -> str:
        return self.lookup(text)[0]

    def ngettext(self, one: str, many: str, n: int) -> str:
        self.strings.add(one)
        return self.t.ngettext(one, many, n)

    def interface(self, text: str) -> str:
        """An interface string; English ones count towards the page's fallback notice."""
        shown, state = self.lookup(text)
        if state != TRANSLATED:
            self.fallbacks[state] += 1
        return shown

    # Addresses

    def link(self, path: str) -> str:
        return relative(url_of(path), self.spec.url)

    def link_in(self, code: str, path: str) -> str:
        """The same kind of link, to a page in another language."""
        here = self.renderer.prefix(self.t.language.code) + self.spec.url
        return relative(self.renderer.prefix(code) + url_of(path), here)

    # Texts from the data, translated where the catalog can

    def text(self, value: str) -> Markup:
        return self._translated(value, block=True) if value else Markup("")

    def inline(self, value: str) -> Markup:
        return self._translated(value, block=False) if value else Markup("")

    def _translated(self, text: str, block: bool) -> Markup:
        shown, state = self.lookup(text)
        html = render_markdown(shown) if block else render_inline(shown)
        if state == TRANSLATED:
            return html
        self.fallbacks[state] += 1
        label = self.gettext("English") if state == MISSING \
            else self.gettext("English (translation being updated)")
        return self._in_english(html, label, "div" if block else "span")

    def _in_english(self, html: str, label: str, tag: str = "span") -> Markup:
        return Markup(f'<{tag} class="tc-fallback" lang="en" dir="ltr">{html}'
                      f'<span class="tc-fallback__label" lang="{self.t.language.code}"> '
                      f'[{escape(label)}]</span></{tag}>')

    def changed_words(self, before: str, after: str) -> Markup:
        """The reworded text with changed words marked, in this language if both versions
        are translated, else in English marked as such."""
        (old, old_state), (new, new_state) = self.lookup(before), self.lookup(after)
        english = old_state != TRANSLATED or new_state != TRANSLATED
        if english:
            old, new = before, after
            self.fallbacks[MISSING if MISSING in (old_state, new_state) else STALE] += 1
        diff = self.renderer.env.get_template("_diff.html").make_module({"page_context": self})
        runs = diff.runs(word_diff(old, new))
        return self._in_english(runs, self.gettext("English")) if english else runs

    # Results

    def value(self, measure, amount: float) -> str:
        """A measure's number in its unit, formatted for the locale."""
        t = self.t
        if measure.unit == "percent":
            return format_percent(amount / 100, "#,##0.#%", locale=t.locale)
        if measure.unit == "pounds":
            return t.money(amount)
        shown = format_decimal(amount, "#,##0.#", locale=t.locale)
        if measure.unit == "days":
            return self.ngettext("%(num)s day", "%(num)s days", int(amount)) % {"num": shown}
        if measure.unit == "per-1000-homes":
            return self.gettext("%(num)s per 1,000 homes") % {"num": shown}
        return shown

    def shown(self, measure, which: str) -> str:
        """A measure's target or actual, or 'not set' / 'not reported' in words."""
        amount = getattr(measure, which)
        if amount is not None:
            return self.value(measure, amount)
        return self.gettext("not set") if which == "target" else self.gettext("not reported")

    def chart(self, trend, ident: str) -> Markup:
        _ = self.gettext
        points = trend.points
        described = "; ".join(
            _("%(period)s: target %(target)s, actual %(actual)s") % {
                "period": period, "target": self.shown(m, "target"),
                "actual": self.shown(m, "actual")}
            for period, m in trend.reported)
        series = [Series(_("Actual"), [m.actual if m else None for _, m in points])]
        if any(m and m.target is not None for _, m in points):
            series.append(Series(_("Target"), [m.target if m else None for _, m in points], True))
        return line_chart(ident, _(trend.latest.name), described, [p for p, _m in points], series,
                          lambda n: format_decimal(n, "#,##0.#", locale=self.t.locale))

    def result_counts(self, measures, period: str) -> str:
        """What the counts count: '4 of 6 targets were met; 13 measures had no target.'"""
        counts, ngettext = tally(measures), self.ngettext
        with_target = counts[MET] + counts[NOT_MET]
        parts = []
        if with_target:
            parts.append(ngettext("%(met)d of %(num)d target was met",
                                  "%(met)d of %(num)d targets were met", with_target)
                         % {"met": counts[MET], "num": with_target})
        if counts[NO_TARGET]:
            parts.append(ngettext("%(num)d measure had no target",
                                  "%(num)d measures had no target", counts[NO_TARGET])
                         % {"num": counts[NO_TARGET]})
        if counts[NOT_REPORTED]:
            parts.append(ngettext("%(num)d measure was not reported",
                                  "%(num)d measures were not reported", counts[NOT_REPORTED])
                         % {"num": counts[NOT_REPORTED]})
        if not parts:
            return self.gettext("No measures were reported for %(period)s.") % {"period": period}
        return self.gettext("%(period)s: %(counts)s.") % {"period": period,
                                                          "counts": "; ".join(parts)}


_HEADING = re.compile(r'<h([1-3]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)


def headings(html: str) -> list[tuple[int, str, str]]:
    """(level, id, html) of each heading with an id, for the table of contents.

    The text stays escaped: the theme prints table-of-contents titles as they are.
    """
    return [(int(level), ident, str(escape(unescape(re.sub(r"<[^>]+>", "", inner)).strip())))
            for level, ident, inner in _HEADING.findall(html)]
