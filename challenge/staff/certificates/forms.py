from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, ValidationError

from challenge.certificates.reasons import REASONS

CHOOSE = _l("Choose a reason.")


class RevokeForm(FlaskForm):
    reason = SelectField(
        _l("Reason, as the verification page will show it"),
        choices=[
            SelectChoice("", _l("Choose a reason")),
            *(SelectChoice(key, label) for key, label in REASONS.items()),
        ],
        validators=[InputRequired(CHOOSE)],
        validate_choice=False,  # validate_reason says it in our words
    )
    confirm = BooleanField(
        _l("I understand that the certificate's page will say it is revoked, for good"),
        validators=[InputRequired(_l("Tick the box to confirm."))],
    )

    def validate_reason(self, field) -> None:
        if field.data not in REASONS:
            raise ValidationError(CHOOSE)
