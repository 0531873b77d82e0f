"""The public Languages page: each language the site is in or is being translated into, named in
itself, with how complete its interface and its texts are."""

from dataclasses import dataclass

from babel import Locale
from flask import current_app, render_template

from challenge.caching import public_page
from challenge.config import translation_locales
from challenge.content.queries import translation_coverage
from challenge.i18n.catalogs import catalog_coverage
from challenge.i18n.locales import current_locale, language_tag, native_name, text_direction
from challenge.pages import bp


@dataclass(frozen=True)
class Language:
    code: str
    own_name: str  # the language named in itself (CLDR)
    name_here: str  # named in the page's language
    available: bool  # in LOCALES: the site can be read in it
    interface_percent: int  # of the UI catalog, rounded down (100 only when complete)
    texts: int  # published items with a current translation
    texts_total: int

    @property
    def tag(self) -> str:
        return language_tag(self.code)

    @property
    def direction(self) -> str:
        return text_direction(self.code)

    @property
    def complete(self) -> bool:
        return self.interface_percent == 100 and self.texts == self.texts_total


def languages(page_locale: str) -> list[Language]:
    config = current_app.config
    interface = {found.locale: found for found in catalog_coverage(include_source=True)}
    texts = translation_coverage()
    result = []
    for code in translation_locales(config):
        catalog = interface.get(code)
        percent = int(catalog.percent) if catalog and catalog.found else 0
        result.append(
            Language(
                code=code,
                own_name=native_name(code),
                name_here=Locale.parse(code).get_display_name(page_locale),
                available=code in config["LOCALES"],
                interface_percent=100 if catalog and catalog.complete else min(percent, 99),
                texts=texts.get(code, 0),
                texts_total=texts[""],
            )
        )
    return result


@bp.get("/<locale:locale>/languages")
@public_page
def languages_page():
    found = languages(current_locale())
    return render_template(
        "pages/languages.html",
        available=[language for language in found if language.available],
        upcoming=[language for language in found if not language.available],
    )
