"""Translation catalogs (.po) come from pull requests too: check them as data.

Whatever bytes a catalog holds, `compacts check` and the build answer with positioned
problems, never a crash. Interface strings (from generator/ and site_config.yml) are
%-formatted when shown, so their translations must format with the English placeholders:
a Welsh "100%" where the English has no placeholder would stop the build, so it is an
error here and, should one reach a build anyway, the English is shown instead.
"""
from __future__ import annotations

import gettext
import hashlib
import io
import re
from pathlib import Path
from typing import Any

from .memory import Store, code_version
from .problems import Problem
from .safety import MAX_BRACKETS, MAX_TEXT

MAX_CATALOG_BYTES = 5_000_000  # a catalog holds every text of every compact: five times a file
_NAMED = re.compile(r"%\((\w+)\)")
_INTERFACE = ("generator/", "site_config.yml")


def is_interface(message: Any) -> bool:
    """A message the site %-formats: it comes from the templates or the code."""
    return any(str(place).startswith(_INTERFACE) for place, _ in message.locations)


def format_problem(english: str, translation: str) -> str:
    """Why a translation cannot be %-formatted as its English is, or ''."""
    sample = {name: 1 for name in _NAMED.findall(english)} | {"num": 1}
    try:
        english % sample
    except (KeyError, ValueError, TypeError):
        return ""  # the English is never %-formatted, so neither is the translation
    try:
        translation % sample
    except KeyError as err:
        return (f"The translation uses the placeholder %({err.args[0]})s, which the English "
                "does not have. Use the placeholders of the English text only.")
    except (ValueError, TypeError):
        return ("The translation has a % sign that is not a placeholder such as %(name)s. "
                "Write %% for a percent sign.")
    return ""


def check_catalog(path: Path, display: str, locale: str, memory: Store) -> list[Problem]:
    """Every problem in one catalog file that would stop it being read or used; memory:
    earlier answers, by content (reading a catalog takes Babel a while)."""
    if path.is_symlink():
        return []  # reported with every other link in translations/
    with path.open("rb") as handle:
        raw = handle.read(MAX_CATALOG_BYTES + 1)
    key = hashlib.sha256(f"{display}\0{locale}\0".encode("utf-8", "surrogatepass") + raw).hexdigest()
    known = memory.get(key)
    if known is None:
        known = _check_catalog(raw, display, locale)
        memory.put(key, known)
    return known


def _check_catalog(raw: bytes, display: str, locale: str) -> list[Problem]:
    from babel.messages.pofile import read_po  # here: a check that reads no catalog needs no Babel

    if len(raw) > MAX_CATALOG_BYTES:
        return [Problem(display, 1, 1, f"The catalog is larger than {MAX_CATALOG_BYTES:,} "
                        "bytes, the most it may be. Check that it is the file you meant.",
                        "file-size")]
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        return [Problem(display, line, column, "The catalog is not saved as UTF-8 text, so this "
                        "character cannot be read. Save it as UTF-8 and try again.", "encoding")]
    try:
        catalog = read_po(io.BytesIO(raw), locale=locale, abort_invalid=True, charset="utf-8")
    except Exception as err:  # noqa: BLE001 - Babel's parser on untrusted bytes: any failure is the file's
        line = getattr(err, "lineno", 1) or 1
        return [Problem(display, line, 1, f"The catalog could not be read as a PO file "
                        f"({err}). Check the quotes and the msgid/msgstr lines here.", "po-syntax")]
    try:
        gettext.c2py(catalog.plural_expr)
    except (ValueError, SyntaxError, RecursionError) as err:
        return [Problem(display, 1, 1, f"The Plural-Forms line of the catalog cannot be read "
                        f"({err}). Copy it from a working catalog of the language.", "po-plural")]
    return list(_format_problems(catalog, display))


def _format_problems(catalog: Any, display: str):
    for message in catalog:
        if not message.id or message.fuzzy:  # fuzzy entries are never shown
            continue
        english = message.id if isinstance(message.id, str) else message.id[0]
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        for form in forms:
            reason = form and (_too_big(form) or
                               (is_interface(message) and format_problem(english, form)))
            if reason:
                yield Problem(display, message.lineno or 1, 1, reason, "po-format")
                break


def _too_big(translation: str) -> str:
    """Translations are shown as Markdown too: the same limits as a text in a data file."""
    if len(translation) > MAX_TEXT:
        return (f"The translation is {len(translation):,} characters long; the most is "
                f"{MAX_TEXT:,}.")
    if translation.count("[") > MAX_BRACKETS:
        return f"The translation has more than {MAX_BRACKETS} '[' characters, the most a text may have."
    return ""


def check_catalogs(root: Path, folder: str, codes: list[str]) -> list[Problem]:
    """Every configured language's catalog, checked; a missing one is not a problem (the
    pages fall back to English, and the translation status says so)."""
    problems = []
    memory = Store(root, "catalogs", code_version())
    for code in codes[1:]:
        path = root / folder / f"{code}.po"
        if path.exists() or path.is_symlink():
            problems += check_catalog(path, f"{folder}/{code}.po", code.replace("-", "_"), memory)
    memory.save()
    return problems
