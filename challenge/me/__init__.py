"""The participant's own page: progress across lessons, quizzes and pledges, their organisation,
and the download of everything recorded about them. A surface: it composes the features."""

from flask import Blueprint, Flask

bp = Blueprint("me", __name__, url_prefix="/<locale:locale>")


def init_app(app: Flask) -> None:
    from challenge.me import views  # noqa: F401 - registers the routes

    app.register_blueprint(bp)
