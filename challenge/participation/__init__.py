"""Taking part without an account: participants, their country, organisation and counts."""

from flask import Flask

from challenge.i18n.locales import current_locale
from challenge.participation import identity
from challenge.participation.countries import country_name
from challenge.participation.forms import say_country_was_suggested
from challenge.participation.public import public_figure


def init_app(app: Flask) -> None:
    from challenge.participation.cli import stats

    app.cli.add_command(stats)

    identity.init_app(app)
    app.after_request(say_country_was_suggested)
    app.jinja_env.globals["public_figure"] = public_figure
    app.jinja_env.globals["country_name"] = lambda code: country_name(code, current_locale())
