"""Languages and gettext catalogs (Babel) for interface strings and data text alike.

English is the source. A translation is used only when the catalog has it and it is not
fuzzy; otherwise the English shows, and the caller marks it (lang="en" and a notice).
Catalogs are read from the .po files directly so fuzzy (stale) entries can be told apart.
"""
from __future__ import annotations

import gettext
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from babel.numbers import format_currency, format_decimal, format_percent

from .catalog_check import format_problem, is_interface
from .dates import MONTH, YEAR, PartialDate

SOURCE = "en"
_LOCALES = {"en": "en_GB", "cy": "cy_GB"}  # British English dates and spelling
TRANSLATED, MISSING, STALE = "translated", "missing", "stale"


def _forms(message) -> tuple:
    return message.string if isinstance(message.string, tuple) else (message.string,)


def _unsafe(english: str, message) -> bool:
    """A translation the page's %-formatting would fail on."""
    return is_interface(message) and any(format_problem(english, f) for f in _forms(message) if f)


def is_translated(message) -> bool:
    """A catalog entry with every form translated and not marked fuzzy."""
    forms = message.string if isinstance(message.string, tuple) else (message.string,)
    return bool(forms) and all(forms) and not message.fuzzy


@dataclass(frozen=True)
class Language:
    """A language the site is published in."""

    code: str
    name: str
    dir: str

    @classmethod
    def of(cls, code: str) -> "Language":
        locale = Locale.parse(code.replace("-", "_"))
        name = locale.get_display_name(locale) or code
        direction = "rtl" if locale.character_order == "right-to-left" else "ltr"
        return cls(code, name[:1].upper() + name[1:], direction)


@dataclass
class Translations:
    """The catalog of one language, with lookups that say whether they fell back."""

    language: Language
    catalog: Catalog | None = None

    @classmethod
    def load(cls, language: Language, folder: Path) -> "Translations":
        path = folder / f"{language.code}.po"
        if language.code == SOURCE or not path.exists():
            return cls(language)
        with path.open("rb") as handle:
            return cls(language, read_po(handle, locale=language.code.replace("-", "_")))

    @property
    def is_source(self) -> bool:
        return self.language.code == SOURCE

    def state(self, text: str) -> str:
        """Whether text is translated, missing or stale (its English changed) here."""
        if self.is_source:
            return TRANSLATED
        message = self.catalog.get(text) if self.catalog else None
        if message is None or not message.string:
            return MISSING
        if not is_translated(message):
            return STALE if message.fuzzy else MISSING
        if _unsafe(text, message):
            return MISSING  # `compacts check` reports it; the page shows the English meanwhile
        return TRANSLATED

    def lookup(self, text: str) -> tuple[str, str]:
        """The text in this language and its state: translated, missing or stale."""
        state = self.state(text)
        if state != TRANSLATED:
            return text, state
        return (self.catalog.get(text).string if self.catalog else text), state

    def gettext(self, text: str) -> str:
        return self.lookup(text)[0]

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        if not self.is_source and self.catalog:
            message = self.catalog.get(singular)
            if message and not message.fuzzy and isinstance(message.string, tuple) \
                    and not _unsafe(singular, message):
                index = gettext.c2py(self.catalog.plural_expr)(n)
                forms = message.string
                if 0 <= index < len(forms) and forms[index]:
                    return forms[index]
        return singular if n == 1 else plural

    # Locale-aware formatting, so Welsh readers see Welsh month names.
    @property
    def locale(self) -> str:
        return _LOCALES.get(self.language.code, self.language.code.replace("-", "_"))

    def date(self, value: "date | PartialDate | None") -> str:
        """A date as precise as the source: '1 April 2025', 'August 2008' or '2009'."""
        if isinstance(value, PartialDate):
            if value.precision == YEAR:
                return str(value.year)
            if value.precision == MONTH:
                return format_skeleton("yMMMM", value.start, locale=self.locale)
            value = value.start
        return format_date(value, format="long", locale=self.locale) if value else ""

    def money(self, amount: float) -> str:
        """Pounds in the locale's pattern; whole amounts without pence (£12,000)."""
        pattern = Locale.parse(self.locale).currency_formats["standard"].pattern
        if float(amount).is_integer():
            pattern = pattern.replace(".00", "")
        return format_currency(amount, "GBP", locale=self.locale, format=pattern,
                               currency_digits=False)

    def number(self, value: float) -> str:
        return format_decimal(value, locale=self.locale)

    def percent(self, value: float) -> str:
        return format_percent(value, locale=self.locale)
