from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField
from wtforms.validators import InputRequired

from challenge.participation.forms import CountryField


class CountryForm(FlaskForm):
    """On "My progress": the country given on the first participation, to change it."""

    country = CountryField()


class EraseForm(FlaskForm):
    """The confirmation step before a participant without an account erases their data."""

    confirm = BooleanField(
        _l("I understand that my progress on this browser will be erased for good"),
        validators=[InputRequired(_l("Tick the box to confirm."))],
    )
