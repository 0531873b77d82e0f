"""Short security lessons: the list and the lesson page."""

from flask import Blueprint, Flask

bp = Blueprint("lessons", __name__, url_prefix="/<locale:locale>/lessons")


def init_app(app: Flask) -> None:
    from challenge.lessons import views  # noqa: F401 - registers the routes

    app.register_blueprint(bp)
