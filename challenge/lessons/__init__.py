"""Short security lessons: the list and the lesson page."""

from flask import Blueprint, Flask

from challenge.content.kinds import register
from challenge.lessons.format import LESSON

bp = Blueprint("lessons", __name__, url_prefix="/<locale:locale>/lessons")


def init_app(app: Flask) -> None:
    register(LESSON)
    from challenge.lessons import views  # noqa: F401 - registers the routes

    app.register_blueprint(bp)
