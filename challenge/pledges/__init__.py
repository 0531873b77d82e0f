"""Pledges: take a pledge, see the live count, share a badge."""

from flask import Blueprint, Flask

from challenge.content.kinds import register
from challenge.pledges.format import PLEDGE

bp = Blueprint("pledges", __name__, url_prefix="/<locale:locale>/pledges")


def init_app(app: Flask) -> None:
    register(PLEDGE)
    from challenge.pledges import views  # noqa: F401 - registers the routes

    app.register_blueprint(bp)
