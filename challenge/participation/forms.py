"""Form fields shared by every way of taking part: country and an optional public name."""

import unicodedata

from flask import g, has_request_context, request
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectField, StringField
from wtforms.validators import InputRequired, Optional, ValidationError
from wtforms.widgets import Select

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
# Letters and marks that show nothing: Hangul fillers, Khmer inherent vowels, the braille blank and
# the combining grapheme joiner. Their categories are allowed, so they are listed.
INVISIBLE = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u2800\u3164\uffa0")
MAX_MARKS_ON_A_LETTER = 4  # Indic and Vietnamese text stack two or three; more is "Zalgo" text
# Alphabets with letters that look alike: one word may not mix them.
CONFUSABLE_SCRIPTS = frozenset({"LATIN", "GREEK", "CYRILLIC", "CHEROKEE", "ARMENIAN", "COPTIC"})


# The country a page's language points to, when the browser's languages name none.
LOCALE_COUNTRIES = {"hi": "IN", "ja": "JP"}


def suggested_country() -> str | None:
    """A first guess at the visitor's country, for the country question's default: the first
    region in the browser's Accept-Language ("en-AU"), else the page language's country. Never
    the network address (no IP geolocation). The page then depends on the header (see
    `say_country_was_suggested`)."""
    if not has_request_context():
        return None
    g.country_suggested = True
    for tag, _quality in request.accept_languages:
        subtags = tag.replace("_", "-").split("-")[1:]
        for subtag in subtags:
            if len(subtag) == 2 and is_country(subtag.upper()):
                return subtag.upper()
    return LOCALE_COUNTRIES.get(current_locale())


def say_country_was_suggested(response):
    """A page whose country default came from Accept-Language says so to shared caches."""
    if g.get("country_suggested"):
        response.vary.add("Accept-Language")
    return response


# Rendered country lists by (locale, field, chosen country, attributes); emptied when it fills.
_RENDERED_SELECTS: dict[tuple, str] = {}
RENDERED_SELECTS_KEPT = 512


class CountrySelect(Select):
    """The same few hundred options on every form, rendered once per locale, chosen country and
    attributes, then reused: rendering them took a fifth of a form page's time (docs/performance.md).
    Anything but a known country (a tampered form) is rendered afresh and never kept."""

    def __call__(self, field, **kwargs):
        if field.data not in (None, "") and not is_country(field.data):
            return super().__call__(field, **kwargs)
        flags = tuple(bool(getattr(field.flags, name, False)) for name in self.validation_attrs)
        attributes = tuple(sorted((name, str(value)) for name, value in kwargs.items()))
        key = (current_locale(), field.name, field.id, field.data, flags, attributes)
        html = _RENDERED_SELECTS.get(key)
        if html is None:
            if len(_RENDERED_SELECTS) >= RENDERED_SELECTS_KEPT:
                _RENDERED_SELECTS.clear()
            html = _RENDERED_SELECTS[key] = super().__call__(field, **kwargs)
        return html


class CountryField(SelectField):
    """Countries grouped (Quad first), named and sorted in the page's language."""

    widget = CountrySelect()

    def __init__(
        self,
        label=None,
        validators=None,
        *,
        optional: bool = False,
        suggest: bool = False,
        **kwargs,
    ):
        self.optional = optional  # empty means "not stated"
        self.suggest = suggest  # start on suggested_country() when nothing is known
        super().__init__(
            label or _l("Your country"),
            validators or [Optional() if optional else InputRequired(_l("Choose your country."))],
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

    def process_data(self, value):
        # Nothing known yet: the question starts on a sensible guess, which the visitor changes.
        if not value and self.suggest:
            value = suggested_country()
        super().process_data(value)

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
        if self.optional and not self.data:
            self.data = None
            return
        if not is_country(self.data):
            raise ValidationError(_l("Choose your country from the list."))


def clean_display_name(value: str | None) -> str | None:
    """Spaces collapsed, and NFKC: fullwidth, mathematical and circled letters become plain ones."""
    if value is None:
        return None
    value = unicodedata.normalize("NFKC", " ".join(value.split()))
    return " ".join(value.split()) or None


def script_of(character: str) -> str:
    return unicodedata.name(character, "").split(" ", 1)[0]


def name_problem(name: str):
    """Why a public name (a display name, an organisation's name) is refused; None if it is fine.

    Names are shown to others, so they may not hide text (controls, bidirectional overrides,
    invisible letters), spill over the page (marks stacked on one letter) or pass for another
    name by mixing look-alike alphabets in one word ("pаypal" with a Cyrillic "а").
    """
    marks_in_a_row = 0
    for character in name:
        if unicodedata.category(character) in FORBIDDEN_CATEGORIES or character in INVISIBLE:
            return _l("Use letters, numbers, spaces and punctuation only.")
        marks_in_a_row = marks_in_a_row + 1 if unicodedata.combining(character) else 0
        if marks_in_a_row > MAX_MARKS_ON_A_LETTER:
            return _l("Use letters, numbers, spaces and punctuation only.")
    for word in name.split():
        scripts = {script_of(character) for character in word if character.isalpha()}
        if len(scripts & CONFUSABLE_SCRIPTS) > 1:
            return _l(
                "Write each word in one alphabet: letters from different alphabets that look alike are not allowed."
            )
    return None


def check_display_name(form, field) -> None:
    name = field.data
    if name is None:
        return
    if len(name) > DISPLAY_NAME_MAX:
        raise ValidationError(_l("Use at most %(max)d characters.", max=DISPLAY_NAME_MAX))
    problem = name_problem(name)
    if problem:
        raise ValidationError(problem)


def display_name_field() -> StringField:
    return StringField(
        _l("Display name (optional)"),
        validators=[Optional(), check_display_name],
        filters=[clean_display_name],
        description=_l("Shown only if you tick the box below. You can leave it empty."),
    )


def show_name_field() -> BooleanField:
    return BooleanField(_l("Show my display name on the public wall of recent pledges"))
