"""Translation coverage: every item in every locale, and how much of each UI catalog is done."""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from babel.messages.pofile import read_po
from flask import current_app, render_template

from challenge.staff import bp
from challenge.staff.access import require
from challenge.staff.content import queries
from challenge.staff.content.presenting import KIND_NAMES


@dataclass(frozen=True)
class CatalogCoverage:
    locale: str
    total: int
    translated: int
    fuzzy: int
    found: bool = True

    @property
    def percent(self) -> float:
        return 100 * self.translated / self.total if self.total else 0


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
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            fuzzy += 1
        elif all(strings):
            translated += 1
    return total, translated, fuzzy


def catalog_coverage() -> list[CatalogCoverage]:
    """Each translated locale's UI catalog: messages translated, leaving out fuzzy ones."""
    folders = current_app.config["BABEL_TRANSLATION_DIRECTORIES"].split(";")
    result = []
    for locale in current_app.config["LOCALES"]:
        if locale == current_app.config["DEFAULT_LOCALE"]:
            continue
        path = next(
            (
                Path(folder) / locale / "LC_MESSAGES" / "messages.po"
                for folder in folders
                if (Path(folder) / locale / "LC_MESSAGES" / "messages.po").is_file()
            ),
            None,
        )
        if path is None:
            result.append(CatalogCoverage(locale, 0, 0, 0, found=False))
            continue
        total, translated, fuzzy = read_counts(str(path), path.stat().st_mtime_ns, locale)
        result.append(CatalogCoverage(locale, total, translated, fuzzy))
    return result


@bp.get("/translations")
@require("content.view")
def translations():
    rows = queries.rows(include_archived=False)
    locales = [
        locale
        for locale in current_app.config["LOCALES"]
        if locale != current_app.config["DEFAULT_LOCALE"]
    ]
    return render_template(
        "staff/content/translations.html",
        rows=rows,
        locales=locales,
        source_locale=current_app.config["DEFAULT_LOCALE"],
        counts=queries.counts(rows),
        catalogs=catalog_coverage(),
        kinds=KIND_NAMES,
    )
