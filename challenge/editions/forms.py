from challenge.honeypot import SharedPageForm
from challenge.participation.forms import CountryField


class CheckInForm(SharedPageForm):
    """Ticking a task; the country (which sets the window) is asked until the participant gave one."""

    country = CountryField()

    def for_participant(self, participant) -> "CheckInForm":
        if participant is not None and participant.country:
            del self.country
        return self
