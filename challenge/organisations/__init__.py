"""Organisations: register one, bring people in with a join link, and see their participation."""

from babel.numbers import parse_pattern
from flask import Blueprint, Flask
from flask_babel import get_locale

bp = Blueprint("organisations", __name__, url_prefix="/<locale:locale>")


def format_share(value: float) -> str:
    """A share (0.456) as a percentage with at most one decimal, in the locale's own pattern."""
    locale = get_locale()
    pattern = parse_pattern(locale.percent_formats[None].pattern)
    pattern.frac_prec = (0, 1)  # 0.5% of a large headcount is worth showing
    return pattern.apply(value, locale)


def init_app(app: Flask) -> None:
    from challenge.organisations import admin_views, cli, views  # noqa: F401 - registers the routes

    app.register_blueprint(bp)
    app.cli.add_command(cli.orgs)
    app.jinja_env.filters["fraction"] = format_share
