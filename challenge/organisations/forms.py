"""Forms: registering and editing an organisation, inviting admins, joining, and membership."""

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, IntegerField, SelectField, StringField, URLField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    URL,
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from challenge.accounts.forms import NameAgeQuestion, email_field
from challenge.participation.forms import (
    CountryField,
    check_display_name,
    clean_display_name,
    name_problem,
)
from challenge.participation.organisations import HEADCOUNT_MAX, SECTORS

NAME_MAX = 120
WHOLE_NUMBER_LIMIT = 10**18  # larger numbers are all simply too large
DOMAIN_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


def check_name(form, field) -> None:
    problem = name_problem(field.data) if field.data else None
    if problem:
        raise ValidationError(problem)


def clean_domain(value: str | None) -> str | None:
    """Lower-case, without a leading "@"; international names in their ASCII (xn--) form."""
    value = (value or "").strip().lower().removeprefix("@").rstrip(".")
    if not value:
        return None
    try:
        return value.encode("idna").decode("ascii")
    except UnicodeError:
        return value  # left for check_domain to refuse


def check_domain(form, field) -> None:
    domain = field.data
    if domain is None:
        return
    labels = domain.split(".")
    if (
        len(domain) > 253
        or len(labels) < 2
        or not all(DOMAIN_LABEL.match(label) for label in labels)
        or labels[-1].isdigit()
    ):
        raise ValidationError(_l("Enter a domain like example.org, without a name or “@”."))


class WholeNumberField(IntegerField):
    """An integer field that accepts digit grouping ("12,500") and says what it wants in our words."""

    def process_formdata(self, valuelist):
        if valuelist:
            valuelist = [re.sub(r"[\s,]", "", valuelist[0])]
            if not valuelist[0]:
                self.data = None  # empty: for InputRequired or Optional to judge
                return
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(_l("Enter a whole number, such as 250.")) from None
        if isinstance(self.data, int) and abs(self.data) > WHOLE_NUMBER_LIMIT:
            # NumberRange compares as floats, which overflow: every larger number is just too large.
            self.data = WHOLE_NUMBER_LIMIT if self.data > 0 else -WHOLE_NUMBER_LIMIT


def check_https(form, field) -> None:
    if field.data and not field.data.lower().startswith("https://"):
        raise ValidationError(_l("Enter an address that starts with https://."))


class OrganisationForm(FlaskForm):
    name = StringField(
        _l("Name of the organisation"),
        validators=[
            # DataRequired: a name of only spaces or line breaks is empty once cleaned.
            DataRequired(_l("Enter the organisation's name.")),
            Length(max=NAME_MAX, message=_l("Use at most %(max)d characters.", max=NAME_MAX)),
            check_name,
        ],
        filters=[clean_display_name],
    )
    country = CountryField(
        _l("Country"), validators=[InputRequired(_l("Choose the organisation's country."))]
    )
    sector = SelectField(
        _l("Sector"),
        choices=[
            SelectChoice("", _l("Choose a sector")),
            *(SelectChoice(value, label) for value, label in SECTORS.items()),
        ],
        validators=[InputRequired(_l("Choose a sector."))],
        invalid_choice_message=_l("Choose a sector from the list."),
    )
    headcount = WholeNumberField(
        _l("Number of people"),
        validators=[
            InputRequired(_l("Enter how many people work or study there.")),
            NumberRange(
                min=1,
                max=HEADCOUNT_MAX,
                message=_l("Enter a whole number from 1 to 10,000,000."),
            ),
        ],
        description=_l(
            "How many people work, study or volunteer there. The participation rate is members divided by this number."
        ),
    )
    website = URLField(
        _l("Website (optional)"),
        validators=[
            Optional(),
            Length(max=200),
            check_https,
            URL(message=_l("Enter a full web address, such as https://example.org.")),
        ],
        filters=[lambda value: value.strip() if value else None],
    )
    email_domain = StringField(
        _l("Email domain (optional)"),
        validators=[Optional(), check_domain],
        filters=[clean_domain],
        description=_l(
            "The part after “@” in your people's work or study addresses, such as example.org."
        ),
    )


class SettingsForm(OrganisationForm):
    domain_only = BooleanField(
        _l("Admit only accounts with a confirmed address in the email domain"),
        description=_l(
            "People then need an account with a confirmed address at your domain to join."
        ),
    )
    goal_percent = WholeNumberField(
        _l("Participation goal in percent (optional)"),
        validators=[
            Optional(),
            NumberRange(min=1, max=100, message=_l("Enter a whole number from 1 to 100.")),
        ],
        description=_l("The share of your people you aim to bring in, shown on the dashboard."),
    )

    def validate_domain_only(self, field) -> None:
        if field.data and not self.email_domain.data:
            raise ValidationError(_l("Enter an email domain first."))


class InviteForm(FlaskForm):
    email = email_field()


class EmptyForm(FlaskForm):
    """Only the CSRF token, for buttons that change state (remove an admin, rotate, leave)."""


class JoinForm(NameAgeQuestion, FlaskForm):
    """Joining from the link; the country and a display name are asked only until given, the
    age question with a new name from a visitor without an account (NameAgeQuestion)."""

    country = CountryField()
    age_band = NameAgeQuestion.age_band
    display_name = StringField(
        _l("Display name (optional)"),
        validators=[Optional(), check_display_name],
        filters=[clean_display_name],
        description=_l("Shown to the organisation's admins only if you tick the box below."),
    )
    share_name = BooleanField(
        _l("Let the organisation's admins see my display name"),
        description=_l(
            "Otherwise they see only totals. You can change this on your progress page."
        ),
    )
    # The organisation the page said the participant was leaving, so a switch is always confirmed.
    leaving = HiddenField()

    def for_participant(self, participant) -> "JoinForm":
        if participant is not None and participant.country:
            del self.country
        if participant is not None and participant.display_name:
            del self.display_name
        self.ask_age_for_name(participant)
        return self

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        country = self.country.data if self.country else getattr(self.participant, "country", None)
        return self.name_allowed(country)


class ShareNameForm(NameAgeQuestion, FlaskForm):
    """On "My progress": the consent, and a display name while the participant has none."""

    age_band = NameAgeQuestion.age_band
    display_name = JoinForm.display_name
    share_name = BooleanField(_l("Let the organisation's admins see my display name"))

    def for_participant(self, participant) -> "ShareNameForm":
        if participant is not None and participant.display_name:
            del self.display_name
        self.ask_age_for_name(participant)
        return self

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        return self.name_allowed(getattr(self.participant, "country", None))
