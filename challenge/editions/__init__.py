"""Editions: the Challenge itself, a few days with a theme and daily actions, then an archive."""

from flask import Blueprint, Flask

from challenge.content.kinds import register
from challenge.editions.format import EDITION

bp = Blueprint("editions", __name__, url_prefix="/<locale:locale>/editions")


def init_app(app: Flask) -> None:
    register(EDITION)
    from challenge.editions import (  # noqa: F401
        certificate_name,
        certificates,
        operations,
        partner_views,
        results,
        tallies,
        views,
    )
    from challenge.editions.reminders import sending  # noqa: F401 - jobs
    from challenge.editions.reminders import views as reminder_views  # noqa: F401 - routes

    app.register_blueprint(bp)
