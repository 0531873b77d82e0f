"""Quizzes: one form per quiz, scored on the server, with attempts kept for each participant."""

from flask import Blueprint, Flask

from challenge.content.kinds import register
from challenge.quizzes.format import QUIZ

bp = Blueprint("quizzes", __name__, url_prefix="/<locale:locale>/quizzes")


def init_app(app: Flask) -> None:
    register(QUIZ)
    from challenge.quizzes import views  # noqa: F401 - registers the routes

    app.register_blueprint(bp)
