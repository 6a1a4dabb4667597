"""`compacts translations update`: one gettext workflow for templates and data alike.

Extracts every tenant-facing string, from the page templates, the plugin and the data
files, into translations/messages.pot (with file:line references for translators), then
updates each language's .po. Babel keeps existing translations and marks those whose
English changed as fuzzy, which the site shows as stale (in English, with a notice).
"""
from __future__ import annotations

import io
import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po
from ruamel.yaml import YAML

from .checks import plugin_options
from .history import read_history
from .site import read_site
from .problems import report_text, summary

PACKAGE = Path(__file__).parent
PROJECT = "Tenant participation compacts"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2)}


def template_catalog(root: Path) -> Catalog:
    """Every string to translate, with where it comes from."""
    catalog = Catalog(project=PROJECT, fuzzy=False)
    method_map = [("templates/**.html", "jinja2.ext:babel_extract"), ("*.py", "python")]
    options = {"templates/**.html": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}}
    for filename, line, message, comments, context in extract_from_dir(
            PACKAGE, method_map, options, keywords=KEYWORDS):
        catalog.add(message, locations=[(f"generator/{filename}", line)], context=context)
    catalog.add(site_config(root)["site_name"], locations=[("site_config.yml", 1)])
    return catalog


def site_config(root: Path) -> dict:
    """site_config.yml read without MkDocs (round-trip mode keeps tags such as !ENV)."""
    return YAML(typ="rt", pure=True).load((root / "site_config.yml").read_text("utf-8"))


def languages(root: Path) -> list[str]:
    return list(plugin_options(root)[0].get("languages", ["en"]))


def update_catalogs(root: Path) -> int:
    checked = read_site(root)
    if checked.site is None:
        print(report_text(checked.problems))
        print(summary(checked.problems, checked.files), "Fix these first.")
        return 1
    template = template_catalog(root)
    compacts = [c for landlord in checked.site.landlords for c in landlord.compacts]
    history = read_history(root, compacts)
    for found in (checked.site.sources, history.sources):
        for text, sources in found.items():
            template.add(text, locations=[(s.file, s.line) for s in sources])
    folder = root / "translations"
    folder.mkdir(exist_ok=True)
    _write(template, folder / "messages.pot")
    dropped = {}
    for code in languages(root)[1:]:
        path = folder / f"{code}.po"
        catalog = _read(path, code) if path.exists() else _new(code)
        catalog.update(template, update_header_comment=False)
        dropped[code] = len(catalog.obsolete)
        _write(catalog, path)
    _report(root, checked.site, history, dropped)
    return 0


def _report(root: Path, site, history, dropped: dict[str, int]) -> None:
    """Each catalog's completeness counted as `compacts check --translations` counts it
    (the texts the site shows), so the two commands say the same."""
    from .status import collect_usage, load_catalogs, translation_status

    catalogs = load_catalogs(languages(root), root / "translations")
    for status in translation_status(collect_usage(site, catalogs, history), catalogs):
        code = status.translations.language.code
        line = (f"translations/{code}.po: {status.translated} of {status.total} texts the site "
                f"shows are translated ({status.stale} stale: their English changed)")
        if dropped.get(code):
            line += (f"; {dropped[code]} entries no page uses any more were removed "
                     "(git history keeps them)")
        print(line + ".")


def _new(code: str) -> Catalog:
    catalog = Catalog(locale=code, project=PROJECT, fuzzy=False)
    catalog.header_comment = (f"# {PROJECT}: translations into {catalog.locale.english_name}.\n"
                              "# Translate each msgstr; leave it empty if unsure. Entries marked\n"
                              "# 'fuzzy' had their English changed: check them, then remove the flag.")
    return catalog


def _read(path: Path, code: str) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=code)


def _write(catalog: Catalog, path: Path) -> None:
    # Entries no page uses any more (msgmerge's obsolete "#~" entries) are left out: after a
    # council replaces the example, the example's 1,300 lines would otherwise stay for good.
    out = io.BytesIO()
    write_po(out, catalog, width=88, sort_by_file=True, include_previous=True,
             omit_header=False, ignore_obsolete=True)
    if path.exists() and _undated(path.read_bytes()) == _undated(out.getvalue()):
        return  # nothing but the creation time would change: keep the file (no churn in git)
    path.write_bytes(out.getvalue())


def _undated(content: bytes) -> bytes:
    return re.sub(rb'"POT-Creation-Date: [^"]*"', b"", content)
