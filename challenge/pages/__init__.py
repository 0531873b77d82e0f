"""The home, about and privacy pages, the root redirect and the health check."""

from flask import Blueprint, Flask

bp = Blueprint("pages", __name__)


def init_app(app: Flask) -> None:
    from challenge.pages import views  # noqa: F401 - registers the routes

    app.register_blueprint(bp)
