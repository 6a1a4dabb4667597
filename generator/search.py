"""Search per language, with Pagefind: what each page tells the index, and the indexing.

Material's own search builds one lunr index of the whole site in English (so Urdu words are
never found) and every reader downloads all of it before the first result. Pagefind reads
the built HTML, indexes it with the word rules of its `<html lang>`, and splits the index
into chunks the browser fetches only for the words typed, so what a first query costs stays
bounded as the site grows. Each language's build indexes its own folder as soon as its
pages are written, so indexing one language overlaps building the others.

Nothing here knows about MkDocs.
"""
from __future__ import annotations

import json
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from .i18n import Translations

BUNDLE = "pagefind"  # the index's folder at the root of the built site
CURRENT, EARLIER = "current", "earlier"
# Pagefind's ready-made interfaces: ours is theme/assets/search.js, so these are not published.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js",
          "pagefind-modular-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-highlight.js")


def _(text: str) -> str:
    """Marks a string for `compacts translations update`; it is translated where shown."""
    return text


NOSCRIPT = _("Search needs JavaScript, which is off in this browser.")


@dataclass(frozen=True)
class SearchEntry:
    """What a page tells the index: the title a result shows, which version of a compact
    it is (empty for pages that are not a version), and its rank group: readers looking for
    a promise want the compact in force first, the earlier versions after it."""

    title: str
    version: str = ""
    rank: str = CURRENT


def search_entry(title: str, template: str, version, t: Translations) -> SearchEntry:
    """The entry of a page, from its title, template and (for versions) its version."""
    if version is None:
        return SearchEntry(title)
    when = t.date(version.agreed)
    if template == "changes.html":
        label = t.gettext("What changed on %(date)s") % {"date": when}
    else:
        label = t.gettext("Agreed %(date)s") % {"date": when}
        if version.current:
            label += f" ({t.gettext('current')})"
    return SearchEntry(title, label, EARLIER)


class SearchIndexError(Exception):
    """Pagefind could not index the site (its own message follows)."""


def index_site(site_dir: Path, skip: list[str] = ()) -> str:
    """Index the pages of one language's built site into site_dir/pagefind, leaving out the
    folders in `skip` (the other languages, inside the source language's folder); says how
    many pages it indexed. Pagefind ships as a binary inside the pagefind-bin wheel."""
    from pagefind_bin import get_executable

    command = [str(get_executable()), "--site", str(site_dir), "--output-subdir", BUNDLE,
               "--glob", _pages_glob(site_dir, [*skip, BUNDLE]), "--quiet"]
    start = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        raise SearchIndexError(f"{done.stdout}{done.stderr}".strip())
    for name in UNUSED:
        (site_dir / BUNDLE / name).unlink(missing_ok=True)
    entry = json.loads((site_dir / BUNDLE / "pagefind-entry.json").read_text("utf-8"))
    counts = ", ".join(f"{code}: {language['page_count']} pages"
                       for code, language in sorted(entry["languages"].items()))
    return f"{counts}, indexed in {time.monotonic() - start:.1f} s"


def _pages_glob(site_dir: Path, skip: list[str]) -> str:
    """A glob of the HTML files under site_dir, but not under the folders in skip."""
    patterns = sorted(f"{entry.name}/**/*.html" if entry.is_dir() else entry.name
                      for entry in site_dir.iterdir() if entry.name not in skip
                      and (entry.is_dir() or entry.suffix == ".html"))
    return "{" + ",".join(patterns) + "}"
