from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField


class SignOnForm(FlaskForm):
    """An organisation admin signs the organisation on to an edition."""

    listed = BooleanField(_l("Show our organisation's name on the edition's list of partners"))
