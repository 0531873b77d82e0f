"""Locales: the URL prefix, negotiation from Accept-Language, and the language switcher."""

from flask import Flask
from flask_babel import format_decimal, format_number, format_percent

from challenge.extensions import babel
from challenge.i18n import cli
from challenge.i18n.locales import current_locale, register_url_handling


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=current_locale)
    register_url_handling(app)
    app.jinja_env.filters["number"] = format_number
    # Whole percentages (0-100) in the locale's own format: "85%", "८५%"...
    app.jinja_env.filters["decimal"] = lambda value: format_decimal(value, "#,##0.0")
    app.jinja_env.filters["percent"] = lambda value: format_percent(value / 100)
    app.cli.add_command(cli.translate)
