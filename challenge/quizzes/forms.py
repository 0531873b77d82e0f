from wtforms import HiddenField

from challenge.honeypot import SharedPageForm
from challenge.participation.forms import CountryField


class QuizForm(SharedPageForm):
    """The fixed part of a quiz form; the answers are read strictly by scoring.read_answers."""

    attempt = HiddenField()
    country = CountryField(suggest=True)  # a first participation: asked once

    def for_participant(self, participant) -> "QuizForm":
        if participant is not None and participant.country:
            del self.country
        return self
