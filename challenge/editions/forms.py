from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import Length, Optional

from challenge.accounts.forms import AgeQuestion
from challenge.certificates.operations import NAME_LENGTH
from challenge.honeypot import HoneypotForm, SharedPageForm
from challenge.participation.forms import CountryField


class CheckInForm(SharedPageForm):
    """Ticking a task; the country (which sets the window) is asked until the participant gave one."""

    country = CountryField(suggest=True)  # a first participation: asked once

    def for_participant(self, participant) -> "CheckInForm":
        if participant is not None and participant.country:
            del self.country
        return self


class CertificateNameForm(AgeQuestion, HoneypotForm):
    """The name to print on a finished edition's certificate: optional, and asked only after the
    neutral age question (below the country's threshold a name is printed only with a guardian's
    recorded consent). An empty name prints none; then the age question is not needed."""

    name = StringField(
        _l("Name to print (optional)"),
        validators=[
            Optional(),
            Length(
                max=NAME_LENGTH,
                message=_l("Use at most %(max)d characters.", max=NAME_LENGTH),
            ),
        ],
        filters=[lambda value: value.strip() if value else None],
        description=_l(
            "It appears on the certificate, its PDF and PNG, and its verification page, and nowhere else. Leave it empty to print no name."
        ),
    )

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not self.name.data and not self.caught_by_honeypot:
            # No name, nothing personal: the age question does not apply.
            for field in (self.age_band, self.country):
                field.errors = []
            valid = not any(field.errors for field in self) and not self.form_errors
        return valid
