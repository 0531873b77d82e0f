"""Get help: what to do first after a scam, a hack or a threat, and where to report it in the
visitor's country. Channels are content (content/channels/); the help page is public."""

from flask import Blueprint, Flask

bp = Blueprint("help", __name__, url_prefix="/<locale:locale>/help")


def init_app(app: Flask) -> None:
    from challenge.help import views  # noqa: F401 - registers the routes

    app.register_blueprint(bp)
