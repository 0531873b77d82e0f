"""Which locale a request is in, and the links to the same page in the other locales."""

import re
from dataclasses import dataclass
from functools import cache

from babel import Locale
from flask import Flask, current_app, g, request, url_for
from markupsafe import Markup
from werkzeug.routing import BaseConverter

from challenge.urls import page_query


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str  # the language named in itself, from CLDR
    url: str
    current: bool

    @property
    def tag(self) -> str:
        """The BCP 47 tag for `lang` and `hreflang` ("zh-Hans" for Babel's "zh_Hans")."""
        return language_tag(self.code)


def language_tag(code: str) -> str:
    """A Babel locale identifier as a BCP 47 language tag, for `lang` and `hreflang`."""
    return code.replace("_", "-")


def url_prefix(code: str) -> str:
    """The locale's first path segment: its BCP 47 tag in lower case ("zh-hans")."""
    return language_tag(code).lower()


@cache
def native_name(code: str) -> str:
    return Locale.parse(code).get_display_name(code)


@cache
def text_direction(code: str) -> str:
    return Locale.parse(code).text_direction


def isolate(value) -> Markup:
    """A value a person typed (a name, an address) or an English title, isolated with `<bdi>`
    inside a translated sentence, so that it cannot reorder the words around it in Urdu."""
    return Markup("<bdi>%s</bdi>") % value


def negotiated_locale() -> str:
    """The best configured locale for the browser's Accept-Language header."""
    return request.accept_languages.best_match(
        current_app.config["LOCALES"], default=current_app.config["DEFAULT_LOCALE"]
    )


def locale_from_path() -> str | None:
    """The locale named by the path's first segment, if it is one we serve (also for 404s)."""
    first = request.path.strip("/").split("/", 1)[0]
    return locales_by_prefix(current_app.config["LOCALES"]).get(first)


@cache
def locales_by_prefix(codes: tuple[str, ...]) -> dict[str, str]:
    return {url_prefix(code): code for code in codes}


def current_locale() -> str:
    if "locale" in g:
        return g.locale
    return locale_from_path() or negotiated_locale()


def language_links() -> list[LanguageLink]:
    """The same page in every locale; the home page of each where this page has no locale.
    Worked out once per request: every page lists them twice (head and switcher)."""
    here = current_locale()
    memo = g.get("language_links")
    if memo is not None and memo[0] == (here, request.path):
        return memo[1]
    endpoint = request.endpoint
    args = {**(request.view_args or {}), **page_query()}
    localised = (
        endpoint is not None
        and request.routing_exception is None
        and current_app.url_map.is_endpoint_expecting(endpoint, "locale")
    )
    links = []
    for code in current_app.config["LOCALES"]:
        url = (
            url_for(endpoint, **args, locale=code)
            if localised
            else url_for("pages.home", locale=code)
        )
        links.append(LanguageLink(code, native_name(code), url, code == here))
    g.language_links = ((here, request.path), links)
    return links


def register_url_handling(app: Flask) -> None:
    app.jinja_env.filters["bcp47"] = language_tag
    # `dir` for a part of the page in another language (an English fallback on an Urdu page)
    app.jinja_env.filters["direction"] = text_direction
    app.jinja_env.filters["bdi"] = isolate

    # `<locale:locale>` matches only the configured locales' prefixes, so any other is a plain 404;
    # views see the Babel identifier ("zh_Hans"), addresses the lower-case tag ("zh-hans").
    prefixes = locales_by_prefix(app.config["LOCALES"])
    pattern = "|".join(re.escape(prefix) for prefix in prefixes)
    app.url_map.converters["locale"] = type(
        "LocaleConverter",
        (BaseConverter,),
        {
            "regex": f"(?:{pattern})",
            "to_python": lambda self, value: prefixes[value],
            "to_url": lambda self, value: url_prefix(value),
        },
    )

    @app.url_value_preprocessor
    def take_locale_from_url(endpoint, values):
        if values and "locale" in values:
            g.locale = values.pop("locale")

    @app.url_defaults
    def add_current_locale(endpoint, values):
        if "locale" in values or "locale" not in g:
            return
        if current_app.url_map.is_endpoint_expecting(endpoint, "locale"):
            values["locale"] = g.locale

    @app.context_processor
    def locale_context():
        code = current_locale()
        return {
            "page_locale": code,
            "page_lang": language_tag(code),
            "page_direction": text_direction(code),
            "language_links": language_links,
        }
