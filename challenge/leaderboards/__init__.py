"""Leaderboards: countries and organisations, in time windows, never showing a group under k people."""

from flask import Blueprint, Flask

bp = Blueprint("leaderboards", __name__, url_prefix="/<locale:locale>/leaderboards")
embed_bp = Blueprint("embed", __name__, url_prefix="/embed/<locale:locale>")


def init_app(app: Flask) -> None:
    from challenge.leaderboards import embed, views  # noqa: F401 - registers the routes

    app.register_blueprint(bp)
    app.register_blueprint(embed_bp)
