"""Get help: what to do first after a scam, a hack or a threat, and where to report it in the
visitor's country. Channels are content (content/channels/, read by challenge/help/format.py);
lessons show them with a `{{channels: SITUATION}}` line (challenge/help/directive.py)."""

from flask import Blueprint, Flask

from challenge.content.kinds import register
from challenge.help.format import CHANNELS

bp = Blueprint("help", __name__, url_prefix="/<locale:locale>/help")


def init_app(app: Flask) -> None:
    register(CHANNELS)
    from challenge.help import directive, views  # noqa: F401 - registers the routes and directive

    app.register_blueprint(bp)
