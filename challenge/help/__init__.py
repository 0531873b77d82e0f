"""Get help: what to do first after a scam, a hack or a threat, and where to report it in the
visitor's country. Channels are content (content/channels/, read by challenge/help/format.py);
lessons show them with a `{{channels: SITUATION}}` line (challenge/help/directive.py).

The glossary (content/glossary/, challenge/help/glossary.py) is the words every text in a locale
uses; its public page is /<locale>/glossary."""

from flask import Blueprint, Flask

from challenge.content.kinds import register
from challenge.help.format import CHANNELS
from challenge.help.glossary import GLOSSARY

bp = Blueprint("help", __name__, url_prefix="/<locale:locale>/help")
glossary_bp = Blueprint("glossary", __name__, url_prefix="/<locale:locale>/glossary")


def init_app(app: Flask) -> None:
    register(CHANNELS)
    register(GLOSSARY)
    from challenge.help import directive, glossary_views, views  # noqa: F401 - registers the routes

    app.register_blueprint(bp)
    app.register_blueprint(glossary_bp)
