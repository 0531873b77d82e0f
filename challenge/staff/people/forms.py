from babel import Locale
from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, SelectMultipleField
from wtforms.fields.choices import SelectChoice

from challenge.accounts.forms import email_field
from challenge.accounts.roles import ROLES
from challenge.config import translation_locales
from challenge.i18n.locales import current_locale
from challenge.staff.access import ROLE_NAMES


def role_field(label=None) -> SelectField:
    return SelectField(
        label or _l("Role"),
        choices=[SelectChoice(role, ROLE_NAMES[role]) for role in ROLES],
        validate_choice=True,
        invalid_choice_message=_l("Choose a role from the list."),
    )


class GrantForm(FlaskForm):
    email = email_field()
    role = role_field()


class RoleForm(FlaskForm):
    role = role_field()


class LocalesForm(FlaskForm):
    locales = SelectMultipleField(_l("Languages"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.locales.choices = [SelectChoice(code, name) for code, name in locale_choices()]


class EmptyForm(FlaskForm):
    """Only the CSRF token, for the revoke buttons."""


def locale_choices() -> list[tuple[str, str]]:
    """The configured locales, named by CLDR in the page's language."""
    reader = Locale.parse(current_locale())
    return [
        (code, Locale.parse(code).get_display_name(reader) or code)
        for code in translation_locales(current_app.config)
    ]
