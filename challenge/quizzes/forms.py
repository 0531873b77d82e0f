from flask_wtf import FlaskForm
from wtforms import HiddenField

from challenge.participation.forms import CountryField


class QuizForm(FlaskForm):
    """The fixed part of a quiz form; the answers are read strictly by scoring.read_answers."""

    attempt = HiddenField()
    country = CountryField()

    def for_participant(self, participant) -> "QuizForm":
        if participant is not None and participant.country:
            del self.country
        return self
