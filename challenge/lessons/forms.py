from challenge.honeypot import SharedPageForm
from challenge.participation.forms import CountryField


class CompleteLessonForm(SharedPageForm):
    """Marking a lesson read; the country is asked only until the participant has given one."""

    country = CountryField()

    def for_participant(self, participant) -> "CompleteLessonForm":
        if participant is not None and participant.country:
            del self.country
        return self
