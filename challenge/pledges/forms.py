from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import StringField
from wtforms.validators import Length, Optional, ValidationError

from challenge.accounts.forms import NameAgeQuestion
from challenge.honeypot import SharedPageForm
from challenge.moderation.names import shared_name
from challenge.participation.forms import CountryField, display_name_field, show_name_field
from challenge.participation.organisations import by_code, by_id, domain_refusal


class PledgeForm(NameAgeQuestion, SharedPageForm):
    """A pledge needs nothing personal. A display name is personal (it may go on the public wall),
    so a visitor without an account who gives one is asked their age first (NameAgeQuestion);
    the pledge can always be taken without it."""

    country = CountryField(suggest=True)  # a first participation: asked once
    age_band = NameAgeQuestion.age_band
    display_name = display_name_field()
    show_name = show_name_field()
    join_code = StringField(
        _l("Organisation join code (optional)"),
        validators=[Optional(), Length(max=64)],
        filters=[lambda value: value.strip() if value else None],
        description=_l(
            "If your organisation gave you a code, enter it to count your pledge with them."
        ),
    )
    organisation = None  # the organisation the join code names, once validated
    name_refused_message = _l(
        "Where you live, we need a parent's or guardian's permission before we keep a name for someone your age. Leave the name empty to take the pledge without it."
    )

    def for_participant(self, participant) -> "PledgeForm":
        if participant is not None and participant.country:
            del self.country  # given once: changed on "My progress", never asked again
        self.ask_age_for_name(participant)
        return self

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        country = self.country.data if self.country else getattr(self.participant, "country", None)
        return self.name_allowed(country)

    def validate_join_code(self, field) -> None:

        if not field.data:
            return
        organisation = by_code(field.data)
        if organisation is None:
            raise ValidationError(
                _l(
                    "That join code does not match any organisation. Check it with your organisation."
                )
            )
        if domain_refusal(organisation, current_user):
            # gettext, not the lazy _l: a lazy string is marked safe, and the name is not.
            raise ValidationError(
                _(
                    "%(name)s admits only people logged in with a confirmed address at %(domain)s.",
                    name=shared_name(organisation),
                    domain=organisation.email_domain,
                )
            )
        participant = getattr(self, "participant", None)
        current = participant.organisation_id if participant else None
        if current is not None and current != organisation.id:
            # Switching is never silent: the join link asks for confirmation.
            raise ValidationError(
                _(
                    "You are a member of %(current)s. To move to %(name)s, open its join link and confirm there.",
                    current=shared_name(by_id(current)),
                    name=shared_name(organisation),
                )
            )
        self.organisation = organisation
