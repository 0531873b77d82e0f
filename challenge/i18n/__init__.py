"""Locales: the URL prefix, negotiation from Accept-Language, and the language switcher."""

from flask import Flask, g
from flask_babel import format_decimal, format_number, format_percent, get_locale, get_translations

from challenge.extensions import babel
from challenge.i18n import cli, phrases
from challenge.i18n.locales import current_locale, register_url_handling


def page_translations():
    """The request's translations, looked up once per locale instead of once per string: a page
    has dozens of strings, and Flask-Babel's lookup costs tens of microseconds each time."""
    if not g:  # outside a request or app context
        return get_translations()
    locale = get_locale()  # Flask-Babel caches it per request; force_locale() swaps it and back
    memo = g.get("page_translations")
    if memo is not None and memo[0] is locale:
        return memo[1]
    translations = get_translations()
    g.page_translations = (locale, translations)
    return translations


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=current_locale)
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: page_translations().ugettext(s),
        ngettext=lambda s, p, n: page_translations().ungettext(s, p, n),
        pgettext=lambda c, s: page_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: page_translations().unpgettext(c, s, p, n),
        newstyle=True,
    )
    register_url_handling(app)
    app.jinja_env.filters["number"] = format_number
    # Whole percentages (0-100) in the locale's own format: "85%", "८५%"...
    app.jinja_env.filters["decimal"] = lambda value: format_decimal(value, "#,##0.0")
    app.jinja_env.filters["percent"] = lambda value: format_percent(value / 100)
    app.jinja_env.filters["phrases"] = phrases.phrases
    app.jinja_env.filters["phrased_headings"] = phrases.phrased_headings
    app.cli.add_command(cli.translate)
