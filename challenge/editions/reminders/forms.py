from flask_babel import lazy_gettext as _l
from wtforms import EmailField
from wtforms.validators import Email, InputRequired, Length

from challenge.accounts.forms import AgeQuestion
from challenge.honeypot import SharedPageForm
from challenge.participation.forms import CountryField


class ReminderForm(AgeQuestion, SharedPageForm):
    """On the (shareable) edition page: no per-visitor token; challenge/cross_origin.py guards it.
    The age question comes first: below the country's threshold no address is kept."""

    # Its own id: the check-in form on the same page may ask for a country too.
    country = CountryField(_l("Where do you live?"), id="reminder-country")
    email = EmailField(
        _l("Email address"),
        validators=[
            InputRequired(_l("Enter your email address.")),
            Email(_l("Enter an email address like name@example.com.")),
            Length(max=254),
        ],
        filters=[lambda value: value.strip().lower() if value else value],
    )
