"""Open data: read-only JSON and CSV for anyone, described by an OpenAPI document."""

from flask import Blueprint, Flask

bp = Blueprint("api", __name__, url_prefix="/api")


def init_app(app: Flask) -> None:
    from challenge.api import editions, views  # noqa: F401 - registers the routes

    app.register_blueprint(bp)
