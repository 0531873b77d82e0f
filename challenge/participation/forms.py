"""Form fields shared by every way of taking part: country and an optional public name."""

import unicodedata

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectField, StringField
from wtforms.validators import InputRequired, Optional, ValidationError

from challenge.i18n.locales import current_locale
from challenge.participation.countries import country_choices, is_country

DISPLAY_NAME_MAX = 40
GROUP_LABELS = {
    "quad": _l("Quad countries"),
    "indo-pacific": _l("Indo-Pacific partners"),
    "all": _l("All countries"),
}
# Control, format (bidirectional overrides, zero-width), private-use, surrogate and unassigned characters.
FORBIDDEN_CATEGORIES = {"Cc", "Cf", "Co", "Cs", "Cn"}


class CountryField(SelectField):
    """Countries grouped (Quad first), named and sorted in the page's language."""

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(
            label or _l("Your country"),
            validators or [InputRequired(_l("Choose your country."))],
            **kwargs,
        )
        # The placeholder is in no optgroup (key None): HTML wants it to be the select's first child.
        self.choices = lambda: (
            {None: [("", _l("Choose your country"))]}
            | {
                str(GROUP_LABELS[group]): list(options)
                for group, options in country_choices(current_locale())
            }
        )

    def iter_groups(self):
        """Mark the chosen country selected once: it is listed both in its group and in all countries."""
        chosen = False
        for label, group in super().iter_groups():
            choices = []
            for choice in group:
                if choice.selected and chosen:
                    choice = choice._replace(selected=False)
                chosen = chosen or choice.selected
                choices.append(choice)
            yield label, choices

    def pre_validate(self, form):
        if not is_country(self.data):
            raise ValidationError(_l("Choose your country from the list."))


def clean_display_name(value: str | None) -> str | None:
    if value is None:
        return None
    value = unicodedata.normalize("NFC", " ".join(value.split()))
    return value or None


def check_display_name(form, field) -> None:
    name = field.data
    if name is None:
        return
    if len(name) > DISPLAY_NAME_MAX:
        raise ValidationError(_l("Use at most %(max)d characters.", max=DISPLAY_NAME_MAX))
    if any(unicodedata.category(character) in FORBIDDEN_CATEGORIES for character in name):
        raise ValidationError(_l("Use letters, numbers, spaces and punctuation only."))


def display_name_field() -> StringField:
    return StringField(
        _l("Display name (optional)"),
        validators=[Optional(), check_display_name],
        filters=[clean_display_name],
        description=_l("Shown only if you tick the box below. You can leave it empty."),
    )


def show_name_field() -> BooleanField:
    return BooleanField(_l("Show my display name on the public wall of recent pledges"))
