from wtforms import SelectMultipleField

from challenge.honeypot import SharedPageForm
from challenge.participation.forms import CountryField


class CompleteLessonForm(SharedPageForm):
    """Marking a lesson read; the country is asked only until the participant has given one."""

    country = CountryField(suggest=True)  # a first participation: asked once

    def for_participant(self, participant) -> "CompleteLessonForm":
        if participant is not None and participant.country:
            del self.country
        return self


class ChecklistForm(SharedPageForm):
    """The lesson's checklist: the places of the items ticked (one checkbox each, no script)."""

    ticked = SelectMultipleField(coerce=int, validate_choice=True)

    def for_items(self, count: int) -> "ChecklistForm":
        self.ticked.choices = [(place, str(place)) for place in range(count)]
        return self
