from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField
from wtforms.validators import Email, InputRequired, Length

from challenge.i18n.locales import native_name
from challenge.participation.forms import CountryField, display_name_field, show_name_field

PASSWORD_MIN = 15  # NIST SP 800-63B rev. 4 for single-factor passwords; what the lessons teach
PASSWORD_MAX = 256


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


def new_password_field(label=None):
    return PasswordField(
        label or _l("Password"),
        validators=[
            InputRequired(_l("Enter a password.")),
            Length(
                min=PASSWORD_MIN,
                max=PASSWORD_MAX,
                message=_l(
                    "Use %(min)d to %(max)d characters: a few random words make a strong passphrase.",
                    min=PASSWORD_MIN,
                    max=PASSWORD_MAX,
                ),
            ),
        ],
        description=_l(
            "At least %(min)d characters. A passphrase of four or more random words is long and easy to remember.",
            min=PASSWORD_MIN,
        ),
    )


class SignupForm(FlaskForm):
    email = email_field()
    password = new_password_field()


class LoginForm(FlaskForm):
    email = email_field()
    password = PasswordField(
        _l("Password"),
        validators=[InputRequired(_l("Enter your password.")), Length(max=PASSWORD_MAX)],
    )
    remember = BooleanField(_l("Remember me on this device"))


class ResetRequestForm(FlaskForm):
    email = email_field()


class ResetForm(FlaskForm):
    password = new_password_field(_l("New password"))


class SettingsForm(FlaskForm):
    display_name = display_name_field()
    show_name = show_name_field()
    country = CountryField()
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
    password = PasswordField(
        _l("Your password"),
        validators=[InputRequired(_l("Enter your password.")), Length(max=PASSWORD_MAX)],
    )


class EmptyForm(FlaskForm):
    """A form with only the CSRF token, for buttons that change state (log out, resend)."""
