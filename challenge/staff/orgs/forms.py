from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField
from wtforms.validators import InputRequired, Length, ValidationError

from challenge.participation.organisations import by_slug


class EmptyForm(FlaskForm):
    """Only the CSRF token, for the verify and unverify buttons."""


class MergeForm(FlaskForm):
    keep = StringField(
        _l("Address name (slug) of the organisation to keep"),
        validators=[
            InputRequired(_l("Enter the slug of the organisation to keep.")),
            Length(max=80, message=_l("Keep the slug to 80 characters.")),
        ],
        filters=[lambda value: value.replace("\x00", "").strip().lower() if value else value],
        description=_l(
            "The last part of its address, as in /orgs/ministry-of-examples. Everything moves into it."
        ),
    )
    confirm = BooleanField(
        _l("I understand that the duplicate is deleted and its join link stops working"),
        validators=[InputRequired(_l("Tick the box to confirm."))],
    )

    def __init__(self, duplicate, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.duplicate = duplicate
        self.kept = None

    def validate_keep(self, field) -> None:
        kept = by_slug(field.data or "")
        if kept is None:
            raise ValidationError(_l("No organisation has that slug."))
        if kept.id == self.duplicate.id:
            raise ValidationError(_l("Choose another organisation: this one is the duplicate."))
        self.kept = kept
