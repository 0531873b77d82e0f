"""Schools: an organisation of the education sector makes classes; each gets a short code that
pupils type in to join, anonymously (no names, no e-mails). The teacher (an organisation admin)
sees the class's totals, held back below PRIVACY_MIN_GROUP pupils (docs/organisations-guide.md)."""

from flask import Blueprint, Flask

bp = Blueprint("schools", __name__, url_prefix="/<locale:locale>")


def init_app(app: Flask) -> None:
    from challenge.schools import operations, views  # noqa: F401 - routes, the merger

    app.register_blueprint(bp)
