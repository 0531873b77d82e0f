"""The home, about, privacy and languages pages, the root redirect and the health check."""

from flask import Blueprint, Flask

bp = Blueprint("pages", __name__)


def init_app(app: Flask) -> None:
    from challenge.pages import languages, views  # noqa: F401 - registers the routes

    app.register_blueprint(bp)
