"""How complete each locale's UI catalog is: for the staff's coverage page and the public
languages page. A locale is listed publicly (LOCALES) only when its catalog is complete."""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from babel.messages.pofile import read_po
from flask import current_app

from challenge.config import translation_locales


@dataclass(frozen=True)
class CatalogCoverage:
    locale: str
    total: int
    translated: int
    fuzzy: int
    found: bool = True
    listed: bool = False  # in LOCALES: the public site is in this language

    @property
    def percent(self) -> float:
        return 100 * self.translated / self.total if self.total else 0

    @property
    def complete(self) -> bool:
        return self.found and self.total > 0 and self.translated == self.total


def message_is_translated(message) -> bool:
    """Translated, not fuzzy, and with every plural form the locale's CLDR rules ask for."""
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return not message.fuzzy and all(strings)


@lru_cache(maxsize=32)
def read_counts(path: str, _modified: int, locale: str) -> tuple[int, int, int]:
    """(messages, translated, fuzzy) of one .po file; cached until the file changes."""
    with open(path, "rb") as handle:
        catalog = read_po(handle, locale=locale)
    total = translated = fuzzy = 0
    for message in catalog:
        if not message.id:
            continue  # the header
        total += 1
        if message.fuzzy:
            fuzzy += 1
        elif message_is_translated(message):
            translated += 1
    return total, translated, fuzzy


def catalog_path(locale: str) -> Path | None:
    for folder in current_app.config["BABEL_TRANSLATION_DIRECTORIES"].split(";"):
        path = Path(folder) / locale / "LC_MESSAGES" / "messages.po"
        if path.is_file():
            return path
    return None


def catalog_coverage(*, include_source: bool = False) -> list[CatalogCoverage]:
    """Each translated locale's UI catalog, public ones first: messages translated, leaving
    out fuzzy ones. The source locale's catalog is its own text, so it is complete."""
    config = current_app.config
    result = []
    for locale in translation_locales(config):
        listed = locale in config["LOCALES"]
        if locale == config["DEFAULT_LOCALE"]:
            if include_source:
                result.append(CatalogCoverage(locale, 1, 1, 0, listed=listed))
            continue
        path = catalog_path(locale)
        if path is None:
            result.append(CatalogCoverage(locale, 0, 0, 0, found=False, listed=listed))
            continue
        total, translated, fuzzy = read_counts(str(path), path.stat().st_mtime_ns, locale)
        result.append(CatalogCoverage(locale, total, translated, fuzzy, listed=listed))
    return result
