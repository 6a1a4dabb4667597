"""Untrusted text from data files: Markdown in, safe HTML out.

Everything in a data file is untrusted. Markdown is rendered, then nh3 (the Ammonia
sanitiser) keeps only a small set of tags and attributes: no raw HTML, scripts, event
attributes, styles or `javascript:` links reach a page.
"""
from __future__ import annotations

from functools import lru_cache

import markdown
import nh3
from markupsafe import Markup

TAGS = {"p", "br", "ul", "ol", "li", "strong", "em", "a", "blockquote", "code"}
ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

_markdown = markdown.Markdown(extensions=["sane_lists"], output_format="html")


def sanitise(html: str) -> str:
    """Keep only harmless tags; external links open safely."""
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
                     link_rel="noopener noreferrer", strip_comments=True)


# The same text (a compact's promises, an estate's summary, a shared phrase) is shown on
# many pages and in every version of a compact: render it once per build, not per page.
# Bounded, so a national site's texts do not all stay in memory.
@lru_cache(maxsize=50_000)
def render_markdown(text: str) -> Markup:
    """A block of Markdown as safe HTML."""
    html = _markdown.reset().convert(text)
    return Markup(sanitise(html))


@lru_cache(maxsize=50_000)
def render_inline(text: str) -> Markup:
    """One line of Markdown as safe HTML, without the surrounding paragraph."""
    html = str(render_markdown(text)).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)
