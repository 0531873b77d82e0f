"""Forms of the content section. Every one that changes something carries a CSRF token."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional, Regexp, ValidationError

from challenge.content.fields import SLUG

TEXT_MAX = 200_000
NOTE_MAX = 200
ACTIONS = ("preview", "draft", "publish", "schedule")


def no_control_characters(form, field) -> None:
    """NUL and other control characters cannot be stored (PostgreSQL refuses NUL) or shown."""
    if field.data and any(ord(c) < 32 and c not in "\n\r\t" for c in field.data):
        raise ValidationError(_l("Remove the invisible control characters from this text."))


class EditForm(FlaskForm):
    """One locale of one item: the whole file, as in content/, and what to do with it."""

    text = TextAreaField(
        _l("The file: front matter, then markdown"),
        validators=[
            InputRequired(message=_l("Enter the text of the file.")),
            Length(max=TEXT_MAX, message=_l("This text is too long.")),
            no_control_characters,
        ],
    )
    note = StringField(
        _l("Note about this change (optional)"),
        validators=[
            Optional(),
            Length(max=NOTE_MAX, message=_l("Keep the note to 200 characters.")),
            no_control_characters,
        ],
        description=_l("Shown in the history, like a commit message."),
    )
    publish_at = StringField(
        _l("Publish on"),
        render_kw={"type": "datetime-local"},
        description=_l("Only for “Schedule”: the date and time, like 2026-04-10 09:00."),
    )
    # Only editors' forms have the schedule's fields: a translator's draft or preview sends no time
    # zone, and must not be refused for it.
    timezone = SelectField(
        _l("Time zone"),
        choices=[],
        default="UTC",
        validate_choice=True,
        invalid_choice_message=_l("Choose a time zone from the list."),
    )
    withdraw = BooleanField(
        _l("Withdraw the published translations that no longer match this text"),
        description=_l(
            "They stop being shown, and readers get this version, until they are translated again."
        ),
    )
    base = HiddenField()


class NewItemForm(FlaskForm):
    """Start a new item: its kind and its permanent address."""

    class Meta:
        csrf = False  # a GET form: it only opens the editor, which saves nothing until asked

    kind = SelectField(
        _l("Kind"),
        choices=[],
        validate_choice=True,
        invalid_choice_message=_l("Choose a kind from the list."),
    )
    slug = StringField(
        _l("Address (slug)"),
        validators=[
            InputRequired(message=_l("Enter the address.")),
            Length(max=80, message=_l("Keep the address to 80 characters.")),
            Regexp(
                SLUG.pattern,
                message=_l(
                    "Use lower-case letters, digits and single hyphens, like spotting-phishing."
                ),
            ),
        ],
        description=_l("Lower-case letters, digits and hyphens. It cannot change once published."),
    )


class ActionForm(FlaskForm):
    """Only the CSRF token, for buttons that change state (archive, restore)."""
