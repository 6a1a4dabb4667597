"""The MkDocs plugin: the only module that speaks to MkDocs.

It reads and checks the data once per build, adds one generated page per landlord,
compact and estate (nothing is written to the repository), and fills each page's body
with HTML rendered by `pages`.

Languages: Material takes its interface language from `theme.language`, one per build, so
every language is its own MkDocs build. We run them ourselves rather than through
mkdocs-static-i18n, which crashes on pages made with `File.generated` and builds languages
one after another: the source-language build starts the others as subprocesses as soon
as its site folder is clean, so they render on the other core while it renders, each into
`site/<code>/`.

Engines: MkDocs 1.6.1 is the last 1.x release; ProperDocs continues it and runs the same
plugins (it answers `mkdocs.*` imports with its own modules). The language sub-builds run
under whichever engine started the build.

Search: each language's build indexes its own pages with Pagefind as soon as they are
written, into `<its folder>/pagefind/`, while the other languages still build (see `search`).

Reading once: the source-language build reads and checks the data, then hands the checked
site to the other languages' builds as a pickle in a private temporary folder it made (and
removes after the build); they never read the data files.

Serving: `mkdocs serve` would rebuild every page of every language after each saved file.
Here the other languages are built by long-lived worker processes (one per language, kept
for the whole `serve`), and a change to data files alone is rebuilt with MkDocs' dirty
build, in which only the pages that show a changed file count as modified (the model says
which: `PageSpec.sources`, `incremental`). Anything else that changes (config, theme,
catalogs) rebuilds everything, as before.
"""
from __future__ import annotations

import json
import logging
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

if __name__ == "__main__" and os.environ.get("COMPACTS_ENGINE") == "properdocs":
    import properdocs.replacement  # noqa: F401  (before any mkdocs import: the parent's engine)

from markupsafe import escape
from mkdocs.config import base, load_config
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException, PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from .atomic import alive, die_with_parent, discard, staging_dir, swap_in
from .csp import with_policy
from .estate_finder import names_files
from .feeds import site_feeds
from .formats import INSTALL, Formats, Made
from .history import History, read_history
from .incremental import Previous, Tracker
from .i18n import MISSING, TRANSLATED, Language, Translations
from .model import Site
from .site import read_site
from .opendata import open_data
from .pages import (DATA_PAGE, STATUS_PAGE, TEMPLATE_CACHE, PageSpec, Rendered, Renderer,
                    compact_path, plan, relative, url_of)
from .problems import errors, summary
from .readability import grade_of
from .search import BUNDLE, NOSCRIPT, SearchIndexError, index_site, search_entry
from .status import translation_status

PRINTED = ("tsm.html", "complaints.html")  # statutory publications with a large-print PDF

log = get_plugin_logger("compacts")


class CompactsConfig(base.Config):
    languages = c.ListOfItems(c.Type(str), default=["en"])
    """Language codes to publish; the first is the source (English) at the site root."""
    translations_dir = c.Type(str, default="translations")
    """Folder of gettext catalogs, one `<code>.po` per language."""
    minimum_translated = c.Type(dict, default={})
    """Per language code, the percentage `compacts check --translations` requires."""
    formats = c.Type(bool, default=True)
    """Make large-print, braille and audio files of every compact and estate page."""
    readability = c.Type(dict, default={})
    """{max_grade: 8}: `compacts check` warns about pages harder to read than this."""
    privacy = c.Type(dict, default={})
    """{personal_data, published_contacts, redact}: see generator/privacy.py."""


class CompactsPlugin(BasePlugin[CompactsConfig]):
    supports_multiple_instances = False
    language: str | None = None  # set on the other languages' builds
    shared: str | None = None  # the checked site the source-language build wrote for them
    changed: set[str] | None = None  # data files changed since the last build; None: all
    serving = False
    # Kept across the builds of one `mkdocs serve` (MkDocs keeps a plugin that has
    # on_startup), and in a serve worker across its builds.
    previous: Previous | None = None
    usage: dict[str, tuple[str, set[str]]] | None = None
    tracker: Tracker | None = None
    failed = True  # no good build yet: the next one is a full build
    # In `serve`, indexing for search runs after the build, so the browser reloads sooner;
    # the next build waits for it before writing anything.
    index_later = False
    indexing: threading.Thread | None = None
    last_config: MkDocsConfig | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
        self.serving = self.index_later = command == "serve"
        self.workers: dict[str, _Worker] = {}

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        """Rebuilds after a data change redo only the pages that show the changed files."""
        server.builder = lambda: self._rebuild(builder)
        return server

    def _rebuild(self, full_build) -> None:
        changed = self.tracker.changes() if self.tracker else None
        if changed is None or self.failed or self.last_config is None:
            self.changed = None
            return full_build()
        from mkdocs.commands.build import build

        self.changed = changed
        log.info(f"Data changed: {', '.join(sorted(changed)) or 'nothing'}; rebuilding the "
                 "pages that show it")
        with _QuietDirty():
            build(self.last_config, serve_url=self.last_config.site_url, dirty=True)

    def on_shutdown(self) -> None:
        for worker in getattr(self, "workers", {}).values():
            worker.stop()

    # Runs before Material's search plugin reads `theme.language`.
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        if self.indexing:
            self.indexing.join()
        self.staging = self.shared_dir = None
        self.last_config = config
        if self.serving and self.tracker is None:
            self.tracker = Tracker(root, others=_not_data(root, config, self.config.translations_dir))
            self.tracker.changes()  # as things are now, before reading them
        if self.language is None and not self.serving:  # `serve` waits for the whole build
            self.final_site = Path(config.site_dir)  # the other languages build inside it
            self.staging = staging_dir(self.final_site)
            config.site_dir = str(self.staging)
            self.warnings = _Counter(config.strict)
        if self.shared:
            self.site, self.history = _load_shared(self.shared)
        else:
            self.site = _read(root)
            self.history = read_history(root, [c for l in self.site.landlords for c in l.compacts])
            if self.history.warning and self.language is None:
                log.info(f"NOTE: {self.history.warning}")
        if self.changed is None or self.previous is None or self.usage is None:
            self.previous, self.usage, self.changed = Previous(), {}, None
        self.codes = list(self.config.languages)
        code = self.language or self.codes[0]
        self.languages = [Language.of(code) for code in self.codes]
        self.catalogs = [Translations.load(lang, root / self.config.translations_dir)
                         for lang in self.languages]
        self.t = self.catalogs[self.codes.index(code)]
        self.root_url = config.site_url or ""
        self.renderer = Renderer(self.site, self.t, self.languages)
        config.theme["language"] = code
        config.extra["tc_search"] = self._search_config()
        # An incremental rebuild in `serve` runs again on the same config: start from its
        # original values.
        if not hasattr(config, "tc_original"):
            config.tc_original = (config.site_name, config.site_url)
        config.site_name, config.site_url = config.tc_original
        # MkDocs renders themes without autoescape: everything we hand it is escaped here.
        self.site_name = self.t.gettext(config.site_name)
        config.site_name = escape(self.site_name)
        config.nav = [{escape(self.t.gettext("Home")): "index.md"},
                      {escape(self.t.gettext("Core Standards")): "standards/index.md"},
                      {escape(self.t.gettext("Translation status")): STATUS_PAGE},
                      {escape(self.t.gettext("Open data")): DATA_PAGE}]
        if self.language and config.site_url:
            config.site_url = config.site_url.rstrip("/") + f"/{code}/"
        config.watch.extend(str(root / d) for d in ("compacts", "standards",
                                                    self.config.translations_dir)
                            if str(root / d) not in config.watch)
        self.builds: list[Future] = []
        enabled = self.config.formats and os.environ.get("COMPACTS_FORMATS", "on") != "off"
        cache = Path(os.environ.get("COMPACTS_CACHE") or root / ".cache" / "formats")
        self.formats = Formats(cache, code) if enabled else None
        self.format_files: list[tuple[str, Made]] = []
        self.made: dict[tuple[str, str], list[Made]] = {}
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.pages: dict[str, PageSpec] = {}
        base_url = _absolute(config.site_url or "", "")
        extra = site_feeds(self.site, self.history, self.t, base_url, self.site_name)
        extra.update(names_files(self.site))  # what the estate finder's script filters
        if self.language is None:  # open data is in English, once, at the site's root
            extra.update(open_data(self.site))
        for path, content in extra.items():
            files.append(File.generated(config, path, content=content))
        previous, self.previous = self.previous, Previous()
        for spec in plan(self.site, self.t, self.history):
            self.pages[spec.path] = spec
            self.previous.pages[spec.path] = (spec.sources, spec.landlord_id)
            inclusion = InclusionLevel.INCLUDED if spec.in_nav else InclusionLevel.NOT_IN_NAV
            page = _PageFile.generated(config, spec.path, content="", inclusion=inclusion)
            if self.changed is not None:
                page.tc_render = previous.to_render(spec.path, spec.sources, spec.landlord_id,
                                                    self.changed)
            files.append(page)
        if self.changed is not None:
            self._forget(previous.pages.keys() - self.pages.keys(), Path(config.site_dir))
        if self.language is None and len(self.codes) > 1:
            self.shared_dir = _shared_folder()
            shared = self.shared_dir / "site.pickle"
            shared.write_bytes(pickle.dumps((self.site, self.history), pickle.HIGHEST_PROTOCOL))
            if self.serving:
                self.builds = self._serve_other_languages(config, shared)
            else:
                self.builds = _start_other_languages(config, self.codes[1:], shared)
        return files

    def _forget(self, removed: set[str], site_dir: Path) -> None:
        """Pages whose data file was removed: not left behind by an incremental build."""
        for path in removed:
            self.usage.pop(path, None)
            page = site_dir / url_of(path) / "index.html"
            page.unlink(missing_ok=True)

    def _serve_other_languages(self, config: MkDocsConfig, shared: Path) -> list[Future]:
        """Each other language rebuilt by its worker, started at the first build."""
        pool = ThreadPoolExecutor(max_workers=len(self.codes) - 1)
        futures = []
        for code in self.codes[1:]:
            if code not in self.workers or self.workers[code].process.poll() is not None:
                self.workers[code] = _Worker(config, code)  # the first, or one that stopped
            futures.append(pool.submit(self.workers[code].build, shared, self.changed))
        pool.shutdown(wait=False)
        return futures

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        env.bytecode_cache = TEMPLATE_CACHE  # the theme's templates compiled once per process
        # MkDocs makes a new environment for each build, so a template cannot change during
        # one: no modification-time check each time a page includes a partial.
        env.auto_reload = False
        return env

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        spec = self.pages.get(page.file.src_uri)
        if spec:
            page.meta["title"] = escape(spec.title)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        spec = self.pages.get(page.file.src_uri)
        if spec is None or spec.path == STATUS_PAGE:
            return html  # the status page is made last, in on_page_context
        rendered = self._render(page, spec)
        self.usage[spec.path] = (spec.title, rendered.strings)
        if self.formats and spec.template in ("compact.html", "estate.html") \
                and not spec.context.get("version"):
            return self.renderer.with_formats(rendered.html, self._formats_panel(spec))
        if self.formats and spec.template in PRINTED:
            return rendered.html + self._large_print_panel(spec, rendered.html)
        return rendered.html

    def _large_print_panel(self, spec: PageSpec, body: str) -> str:
        """A statutory publication's large-print PDF (braille and audio of a long table of
        figures would help few readers; the page itself reads well in both)."""
        stem = spec.path.split("/")[1] + "-" + spec.path.split("/")[2]  # tsm-2025-26
        made = self.formats.make(stem, spec.title, body, kinds=("large-print",))
        self.format_files += [(spec.url, file) for file in made]
        versions = self.formats.versions()
        return self.renderer.formats_panel(
            spec, groups=[(None, made, "formats/")], single=True, unsupported=[],
            missing=["large-print"] if versions["large-print"] is None or
            "large-print" in self.formats.failed else [], reading_grade=None)

    def _formats_panel(self, spec: PageSpec) -> str:
        """The formats of this compact, or of the compacts that cover this estate."""
        landlord = spec.context["landlord"]
        if "compact" in spec.context:
            compacts = [spec.context["compact"]]
        else:
            district = landlord.district_compact()
            compacts = landlord.local_compacts(spec.context["estate"].id) + \
                ([district] if district else [])
        groups = [(c, self._compact_formats(c),
                   relative(url_of(compact_path(c)), spec.url) + "formats/") for c in compacts]
        kinds, versions = ("large-print", "braille", "audio"), self.formats.versions()
        return self.renderer.formats_panel(
            spec, groups=groups, single="compact" in spec.context,
            unsupported=[k for k in kinds if not self.formats.supported(k)],
            missing=[k for k in kinds if self.formats.supported(k) and
                     (versions[k] is None or k in self.formats.failed)],
            reading_grade=grade_of(spec.context.get("compact") or spec.context["estate"]))

    def _compact_formats(self, compact) -> list[Made]:
        """A compact's files, made once per build from the same body its page shows."""
        key = (compact.landlord_id, compact.id)
        if key not in self.made:
            spec = self.pages[compact_path(compact)]
            self.made[key] = self.formats.make(compact.id, spec.title,
                                               self.renderer.render(spec).html)
            self.format_files += [(spec.url, file) for file in self.made[key]]
        return self.made[key]

    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig,
                        nav) -> dict:
        # MkDocs renders every page body before any template, so by now usage is complete.
        if page.file.src_uri == STATUS_PAGE:
            status = translation_status(self.usage, self.catalogs)
            page.content = self._render(page, self.pages[STATUS_PAGE], status=status).html
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        # Material sets dir only on <body>; the root element should carry it too.
        lang = self.t.language
        output = output.replace(f'<html lang="{lang.code}" ', f'<html lang="{lang.code}" dir="{lang.dir}" ', 1)
        return with_policy(output)

    def on_post_template(self, output: str, *, template_name: str, config: MkDocsConfig) -> str:
        # The "page not found" page is a theme template, not a page: give it dir too.
        return self.on_post_page(output, page=None, config=config) if template_name == "404.html" else output

    def _render(self, page: Page, spec: PageSpec, **extra) -> Rendered:
        rendered = self.renderer.render(spec, **extra)
        page.toc = get_toc(_toc_tokens(rendered.headings))
        page.meta["tc"] = self._page_meta(spec, rendered.fallbacks)
        return rendered

    # Last of all plugins (after the search index is written), so the swap takes everything.
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        for url, file in self.format_files:
            target = Path(config.site_dir) / url / "formats" / file.filename
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(file.source, target)
        if self.formats:
            log.info(f"Alternative formats ({self.t.language.code}): {self.formats.made} made, "
                     f"{self.formats.reused} taken from the cache.")
            for kind in sorted(self.formats.missing):
                log.warning(f"No {kind} files were made: {INSTALL[kind]}")
            for kind, message in sorted(self.formats.failed.items()):
                log.warning(f"Some {kind} files could not be made: {message}")
        self._index_for_search(Path(config.site_dir))
        failed = [result for result in (b.result() for b in self.builds) if result]
        self._remove_shared()
        if any(isinstance(result, _BugReport) for result in failed):
            raise LanguageBuildBug("\n".join(failed))  # on_build_error: exit 2, says it is ours
        if failed:
            raise PluginError("\n".join(failed))
        self.failed, self.changed = False, None
        if self.language is None:  # one line per language, so the log shows each was built
            for lang in self.languages:
                where = Path(getattr(self, 'final_site', None) or config.site_dir) / _prefix(lang.code, self.codes)
                log.info(f"Built the {lang.name} ({lang.code}) pages into {where}")
        if self.staging is not None and not self.warnings.stop():
            swap_in(self.staging, self.final_site)
            config.site_dir = str(self.final_site)
            self.staging = None

    def on_build_error(self, *, error: Exception) -> None:
        """The last good site stays; sub-builds stop; a bug of ours says so, with exit 2."""
        _stop_sub_builds()
        if self.serving:  # workers answer every request, so the next answer is the next build's
            for future in getattr(self, "builds", []):
                future.result()
        self._remove_shared()
        self.failed = True
        discard(getattr(self, "staging", None))
        self.staging = None
        if not isinstance(error, (MkDocsException, KeyboardInterrupt, OSError)):
            log.error(f"{type(error).__name__}: {error}. This is a bug in the generator, "
                      "please report it. The site was left as it was.")
            raise SystemExit(2) from error

    def _remove_shared(self) -> None:
        if getattr(self, "shared_dir", None):
            shutil.rmtree(self.shared_dir, ignore_errors=True)
            self.shared_dir = None

    def _index_for_search(self, site_dir: Path) -> None:
        """This language's search index; the other languages' folders (inside the source
        language's) are theirs to index."""
        skip = [] if self.language else self.codes[1:]
        if self.index_later:
            self.indexing = threading.Thread(target=_index_quietly, args=(site_dir, skip),
                                             daemon=True)
            self.indexing.start()
            return
        try:
            log.info(f"Search: {index_site(site_dir, skip)}")
        except SearchIndexError as error:
            raise PluginError(f"The search index could not be made: {error}")

    def _search_config(self) -> dict:
        """What the theme's search form needs: where this language's index is, and the
        words it cannot take from Material's own translations."""
        notice, state = self.t.lookup(NOSCRIPT)
        return {"bundle": BUNDLE + "/",
                "noscript": escape(notice), "noscript_lang": "" if state == TRANSLATED else "en"}

    def _page_meta(self, spec: PageSpec, fallbacks: dict[str, int]) -> dict:
        """What the theme shows around the body: language links and the fallback notice."""
        here = _prefix(self.t.language.code, self.codes) + spec.url
        alternates = [{"code": lang.code, "name": escape(lang.name), "dir": lang.dir,
                       "current": lang.code == self.t.language.code,
                       "href": relative(_prefix(lang.code, self.codes) + spec.url, here),
                       "url": _absolute(self.root_url, _prefix(lang.code, self.codes) + spec.url)}
                      for lang in self.languages]
        _ = self.t.gettext
        notice = ""
        if MISSING in fallbacks:
            notice = _("Some parts of this page are not translated yet, so they are shown "
                       "in English.")
        elif fallbacks:
            notice = _("The English text of some parts changed, so they are shown in "
                       "English until the translation is updated.")
        version = spec.context.get("version")
        entry = search_entry(spec.title, spec.template, version, self.t)
        return {"alternates": alternates, "notice": escape(notice),
                "search": {"title": escape(entry.title), "version": escape(entry.version),
                           "rank": entry.rank},
                "languages_label": escape(_("Read this page in")),
                "data_href": relative(_prefix(self.t.language.code, self.codes) + "data/", here),
                "data_label": escape(_("Download the data behind this site (CSV and JSON)")),
                "large_print_label": escape(_("Large print")),
                "normal_print_label": escape(_("Back to normal print"))}


def _read(root: Path) -> Site:
    """The checked site, or a build error carrying the same messages as `compacts check`."""
    checked = read_site(root)
    # Data warnings are advice (such as a compact that leaves items uncovered), not faults:
    # logged as information so that a strict build does not turn them into errors.
    for problem in checked.problems:
        (log.error if problem.level == "error" else log.info)(str(problem))
    if errors(checked.problems) or checked.site is None:
        raise PluginError(summary(checked.problems, checked.files) +
                          " Run 'compacts check' to see them again.")
    return checked.site


def _not_data(root: Path, config: MkDocsConfig, translations: str) -> tuple[str, ...]:
    """What else a rebuild watches, relative to the project: a change to any of it
    rebuilds everything."""
    places = [translations, config.docs_dir, config.config_file_path, config.theme.custom_dir]
    found = []
    for place in filter(None, places):
        path = (root / place).resolve()
        if path.is_relative_to(root.resolve()):
            found.append(path.relative_to(root.resolve()).as_posix())
    return tuple(found)


def _index_quietly(site_dir: Path, skip: list[str]) -> None:
    """Indexing after a `serve` build: a failure is logged, the pages stay served."""
    try:
        log.info(f"Search: {index_site(site_dir, skip)}")
    except SearchIndexError as error:
        log.warning(f"The search index could not be made: {error}")


_SHARED = "compacts-site-"


def _shared_folder() -> Path:
    """A private folder (only we can read it) for the checked site the other languages
    read; those of builds that were killed before they could remove theirs go now."""
    for stale in Path(tempfile.gettempdir()).glob(f"{_SHARED}*-*"):
        if not alive(stale.name[len(_SHARED):].split("-", 1)[0]):
            shutil.rmtree(stale, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=f"{_SHARED}{os.getpid()}-"))


def _load_shared(path: str) -> tuple[Site, History]:
    """The checked site and history the source-language build wrote: a file in a private
    folder that build made for this one (never a file from the data or the user)."""
    with open(path, "rb") as handle:
        return pickle.load(handle)


class _PageFile(File):
    """A generated page. In an incremental build only those that show a changed data file
    count as modified, so MkDocs' dirty build renders and writes only them."""

    tc_render = True

    def is_modified(self) -> bool:
        return self.tc_render


class _QuietDirty(logging.Filter):
    """MkDocs warns that a dirty build may leave navigation stale: ours cannot, since a page
    added or removed is handled (`_forget`) and the navigation lists no data pages. The
    warning would also stop `serve --strict`."""

    def __enter__(self):
        from mkdocs.commands import build  # the running engine's module, whichever it is

        self.logger = build.log
        self.logger.addFilter(self)

    def __exit__(self, *exc):
        self.logger.removeFilter(self)

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


def _absolute(root_url: str, path: str) -> str:
    return root_url.rstrip("/") + "/" + path if root_url else ""


def _prefix(code: str, codes: list[str]) -> str:
    return "" if code == codes[0] else f"{code}/"


def _toc_tokens(headings: list[tuple[int, str, str]]) -> list[dict]:
    """Nest (level, id, name) headings the way Python-Markdown's toc extension does."""
    root: list[dict] = []
    stack: list[dict] = []
    for level, ident, name in headings:
        token = {"level": level, "id": ident, "name": name, "children": []}
        while stack and stack[-1]["level"] >= level:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(token)
        stack.append(token)
    return root


def _start_other_languages(config: MkDocsConfig, codes: list[str], shared: Path) -> list[Future]:
    # As many as there are cores: this process builds the first language beside them and is
    # then idle, so one fewer would leave a core unused for the rest of the build.
    workers = max(1, min(len(codes), os.cpu_count() or 2))
    pool = ThreadPoolExecutor(max_workers=workers)
    futures = [pool.submit(_build_language, config, code, shared) for code in codes]
    pool.shutdown(wait=False)
    return futures


_SUB_BUILDS: list[subprocess.Popen] = []
_SUB_BUILDS_LOCK = threading.Lock()


def _sub_build_env() -> dict[str, str]:
    engine = sys.modules["mkdocs"].__name__  # "properdocs" when ProperDocs runs the build
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "COMPACTS_ENGINE": engine}


def _build_language(config: MkDocsConfig, code: str, shared: Path) -> str:
    """Build one language into <site>/<code>/ in a subprocess; returns its errors, or ''.
    The subprocess dies with this process (die_with_parent), and is stopped on an error."""
    command = [sys.executable, "-m", "generator.plugin", "build", config.config_file_path,
               code, str(Path(config.site_dir) / code), "strict" if config.strict else "",
               str(shared)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, errors="backslashreplace", preexec_fn=die_with_parent,
                               env=_sub_build_env())
    with _SUB_BUILDS_LOCK:
        _SUB_BUILDS.append(process)
    stdout, stderr = process.communicate()
    if process.returncode:
        failure = f"The '{code}' build failed:\n{stdout}{stderr}"
        return _BugReport(failure) if process.returncode == 2 else failure
    return ""


class _BugReport(str):
    """What a language build printed when it stopped on a bug of ours (it exited 2)."""


class LanguageBuildBug(Exception):
    """A language build stopped on a bug of ours, not on the data."""


def _stop_sub_builds() -> None:
    with _SUB_BUILDS_LOCK:
        for process in _SUB_BUILDS:
            if process.poll() is None:
                process.kill()
        _SUB_BUILDS.clear()


class _Counter(logging.Handler):
    """Counts MkDocs' warnings in strict mode: MkDocs aborts on them after post_build, so
    the new site must not be swapped in first."""

    def __init__(self, strict: bool) -> None:
        super().__init__(logging.WARNING)
        self.count = 0
        if strict:
            logging.getLogger("mkdocs").addHandler(self)

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1

    def stop(self) -> bool:
        logging.getLogger("mkdocs").removeHandler(self)
        return self.count > 0


class _Worker:
    """One other language's builds during `mkdocs serve`: a process kept for the whole
    serve (so Python, MkDocs and the theme load once, and it remembers its pages), asked
    for each build by a line on its stdin, answering with a line on its stdout."""

    def __init__(self, config: MkDocsConfig, code: str) -> None:
        self.code = code
        command = [sys.executable, "-m", "generator.plugin", "serve", config.config_file_path,
                   code, str(Path(config.site_dir) / code), "strict" if config.strict else ""]
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        text=True, preexec_fn=die_with_parent, env=_sub_build_env())

    def build(self, shared: Path, changed: set[str] | None) -> str:
        """Its errors, or ''."""
        request = {"shared": str(shared), "changed": sorted(changed) if changed is not None else None}
        try:
            self.process.stdin.write(json.dumps(request) + "\n")
            self.process.stdin.flush()
            answer = self.process.stdout.readline()
        except OSError as error:
            answer = json.dumps(str(error))
        return json.loads(answer) if answer else f"The '{self.code}' build stopped."

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def build_language(config_file: str, code: str, site_dir: str, strict: bool,
                   shared: str | None = None, changed: set[str] | None = None,
                   serving: bool = False) -> None:
    """One language's build, as run by `_build_language` or a `_Worker`."""
    from mkdocs.commands.build import build

    config = load_config(config_file, site_dir=site_dir, strict=strict)
    plugin = config.plugins["compacts"]
    plugin.language, plugin.shared, plugin.changed = code, shared, changed
    plugin.index_later = serving
    if changed is None:
        build(config)
        return
    with _QuietDirty():
        build(config, dirty=True)


def serve_language(config_file: str, code: str, site_dir: str, strict: bool) -> None:
    """A `_Worker`: builds on request until its stdin closes. Its stdout carries only the
    answers; anything else printed goes to stderr."""
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "w")
    sys.stdout = sys.stderr
    for line in sys.stdin:
        request = json.loads(line)
        changed = set(request["changed"]) if request["changed"] is not None else None
        try:
            build_language(config_file, code, site_dir, strict, request["shared"], changed,
                           serving=True)
            answer = ""
        except BaseException as error:  # noqa: BLE001 (reported to the serving build)
            answer = f"The '{code}' build failed: {type(error).__name__}: {error}"
        answers.write(json.dumps(answer) + "\n")
        answers.flush()


if __name__ == "__main__":
    # MkDocs' command line would show its log; run directly, a sub-build shows it here, so
    # that a failed language says why (the parent prints it).
    shown = logging.StreamHandler(sys.stderr)
    shown.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    shown.setLevel(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(shown)
    mode, config_file, code, site_dir, strict = sys.argv[1:6]
    if mode == "serve":
        serve_language(config_file, code, site_dir, strict == "strict")
    else:
        build_language(config_file, code, site_dir, strict == "strict", sys.argv[6])
