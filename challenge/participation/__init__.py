"""Taking part without an account: participants, their country, counts, and their progress page."""

from flask import Blueprint, Flask

from challenge.i18n.locales import current_locale
from challenge.participation import identity
from challenge.participation.countries import country_name

bp = Blueprint("participation", __name__, url_prefix="/<locale:locale>")


def init_app(app: Flask) -> None:
    from challenge.participation import views  # noqa: F401 - registers the routes
    from challenge.participation.cli import stats

    app.cli.add_command(stats)

    identity.init_app(app)
    app.register_blueprint(bp)
    app.jinja_env.globals["country_name"] = lambda code: country_name(code, current_locale())
