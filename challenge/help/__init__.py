"""Get help: what to do first after a scam, a hack or a threat, and where to report it in the
visitor's country. Channels are content (content/channels/, read by challenge/help/format.py);
the help page itself is not built yet."""

from flask import Flask

from challenge.content.kinds import register
from challenge.help.format import CHANNELS


def init_app(app: Flask) -> None:
    register(CHANNELS)
