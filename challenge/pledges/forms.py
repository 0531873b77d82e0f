from flask_wtf import FlaskForm

from challenge.participation.forms import CountryField, display_name_field, show_name_field


class PledgeForm(FlaskForm):
    country = CountryField()
    display_name = display_name_field()
    show_name = show_name_field()
    # Organisations' join codes arrive with the organisations feature; operations.take_pledge has the hook.
