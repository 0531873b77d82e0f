"""Editions: the Challenge itself, a few days with a theme and daily actions, then an archive."""

from flask import Blueprint, Flask

from challenge.content.kinds import register
from challenge.editions.format import EDITION

bp = Blueprint("editions", __name__, url_prefix="/<locale:locale>/editions")


def init_app(app: Flask) -> None:
    register(EDITION)
    from challenge.editions import certificates, operations, views  # noqa: F401 - routes, hooks

    app.register_blueprint(bp)
