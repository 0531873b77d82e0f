from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, RadioField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Email, InputRequired, Length, Optional, ValidationError

from challenge.accounts import passwords
from challenge.accounts.notice import needs_guardian
from challenge.accounts.passwords import PASSWORD_MAX, PASSWORD_MIN
from challenge.honeypot import HoneypotForm
from challenge.i18n.locales import native_name
from challenge.participation.forms import CountryField, display_name_field, show_name_field


def email_field():
    return EmailField(
        _l("Email address"),
        validators=[
            InputRequired(_l("Enter your email address.")),
            Email(_l("Enter an email address like name@example.com.")),
            Length(max=254),
        ],
        filters=[lambda value: value.strip().lower() if value else value],
    )


def check_new_password(form, field) -> None:
    """The password policy (passwords.problem); the form's `password_email` names the account."""
    message = passwords.problem(
        field.data or "",
        email=getattr(form, "password_email", None),
        site_name=current_app.config["SITE_NAME"],
    )
    if message is not None:
        raise ValidationError(message)


def new_password_field(label=None):
    return PasswordField(
        label or _l("Password"),
        validators=[InputRequired(_l("Enter a password.")), check_new_password],
        description=_l(
            "At least %(min)d characters. A passphrase of four or more random words is long and easy to remember.",
            min=PASSWORD_MIN,
        ),
    )


# Age bands asked before an account is made, youngest first, none chosen in advance; the value
# is the youngest age in the band (what the country's threshold is compared with).
AGE_BANDS = (
    ("under-13", 0, _l("Under 13")),
    ("13-15", 13, _l("13 to 15")),
    ("16-17", 16, _l("16 or 17")),
    ("18-or-over", 18, _l("18 or over")),
)
YOUNGEST_AGE = {value: youngest for value, youngest, _label in AGE_BANDS}


class AgeQuestion:
    """The neutral age question and the country, asked before anything personal is collected
    (an account, an address for reminders, a public name): mixed into those forms, first."""

    age_band = RadioField(
        _l("How old are you?"),
        choices=[SelectChoice(value, label) for value, _youngest, label in AGE_BANDS],
        validators=[InputRequired(_l("Choose your age."))],
        default=None,
    )
    country = CountryField(_l("Where do you live?"))

    def needs_guardian(self) -> bool:
        """Whether the answer is below the country's threshold: then nothing may be kept."""
        return needs_guardian(YOUNGEST_AGE[self.age_band.data], self.country.data)


class NameAgeQuestion:
    """For forms where a visitor without an account may give a display name (a pledge, joining
    an organisation): the same neutral age question, asked only when a new name is given. Below
    the country's threshold the name is refused and nothing is kept, not even the age; the form
    can be sent again without the name. Accounts were asked at sign-up, so they are not asked."""

    age_band = RadioField(
        _l("If you give a display name: how old are you?"),
        choices=[SelectChoice(value, label) for value, _youngest, label in AGE_BANDS],
        validators=[Optional()],
        default=None,
    )
    name_refused_message = _l(
        "Where you live, we need a parent's or guardian's permission before we keep a name for someone your age. Leave the name empty to go on without it."
    )

    def ask_age_for_name(self, participant) -> None:
        self.participant = participant
        if current_user.is_authenticated:
            del self.age_band

    def name_allowed(self, country: str | None) -> bool:
        """False, with the error on the form, when a new name needs an age this visitor did not
        give or may not give in `country`."""
        name = self.display_name.data if self.display_name else None
        participant = getattr(self, "participant", None)
        if not (self.age_band and name):
            return True
        if participant is not None and participant.display_name == name:
            return True  # the name they gave before: nothing new is kept, nothing to ask
        if not self.age_band.data:
            self.age_band.errors.append(
                _("To give a display name, choose your age. Or leave the name empty.")
            )
            return False
        if needs_guardian(YOUNGEST_AGE[self.age_band.data], country):
            self.display_name.errors.append(str(self.name_refused_message))
            return False
        return True


class SignupForm(AgeQuestion, HoneypotForm):
    email = email_field()
    password = new_password_field()

    @property
    def password_email(self) -> str | None:
        return self.email.data


class GuardianForm(SignupForm):
    """Sign-up for someone below their country's threshold: a parent's or guardian's address too,
    to which the request for permission goes (nothing is made before they confirm)."""

    guardian_email = EmailField(
        _l("Your parent's or guardian's email address"),
        validators=[
            InputRequired(_l("Enter your parent's or guardian's email address.")),
            Email(_l("Enter an email address like name@example.com.")),
            Length(max=254),
        ],
        filters=[lambda value: value.strip().lower() if value else value],
        description=_l("We send them one message asking for their permission, and nothing else."),
    )

    def validate_guardian_email(self, field) -> None:
        if field.data and field.data == self.email.data:
            raise ValidationError(_l("Enter your parent's or guardian's own address, not yours."))


class LoginForm(FlaskForm):
    email = email_field()
    password = PasswordField(
        _l("Password"),
        validators=[InputRequired(_l("Enter your password.")), Length(max=PASSWORD_MAX)],
    )
    remember = BooleanField(_l("Remember me on this device"))


class ResetRequestForm(FlaskForm):
    email = email_field()


def current_password_field(label=None):
    return PasswordField(
        label or _l("Your password"),
        validators=[InputRequired(_l("Enter your password.")), Length(max=PASSWORD_MAX)],
    )


class ResetForm(FlaskForm):
    password = new_password_field(_l("New password"))

    def __init__(self, *args, account_email: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.password_email = account_email


class ChangePasswordForm(FlaskForm):
    """In settings: the current password again (a stolen session alone cannot change it)."""

    current_password = current_password_field(_l("Current password"))
    password = new_password_field(_l("New password"))

    def __init__(self, *args, account_email: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.password_email = account_email


class SettingsForm(FlaskForm):
    display_name = display_name_field()
    show_name = show_name_field()
    country = CountryField(optional=True)  # someone who has not taken part need not say
    language = SelectField(_l("Language"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Each language named in itself, marked up in its own language (WCAG 3.1.2).
        self.language.choices = [
            (code, native_name(code), {"lang": code}) for code in current_app.config["LOCALES"]
        ]


class DeleteForm(FlaskForm):
    confirm = BooleanField(
        _l("I understand that my account and my personal data will be deleted"),
        validators=[InputRequired(_l("Tick the box to confirm."))],
    )
    password = current_password_field()


class EmptyForm(FlaskForm):
    """A form with only the CSRF token, for buttons that change state (log out, resend)."""
