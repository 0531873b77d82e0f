from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, Optional, ValidationError

from challenge.accounts.forms import AGE_BANDS, YOUNGEST_AGE
from challenge.accounts.notice import needs_guardian
from challenge.honeypot import SharedPageForm
from challenge.moderation.names import shared_name
from challenge.participation.forms import CountryField, display_name_field, show_name_field
from challenge.participation.organisations import by_code, by_id, domain_refusal


class PledgeForm(SharedPageForm):
    """A pledge needs nothing personal. A display name is personal (it may go on the public wall),
    so a visitor without an account who gives one is asked their age first, the same neutral
    question as at sign-up; below their country's threshold the name is refused, nothing is
    kept (not even the age), and the pledge can be taken without it. Accounts were asked at
    sign-up, so they are not asked again."""

    country = CountryField(suggest=True)  # a first participation: asked once
    age_band = RadioField(
        _l("If you give a display name: how old are you?"),
        choices=[SelectChoice(value, label) for value, _youngest, label in AGE_BANDS],
        validators=[Optional()],
        default=None,
    )
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

    def for_participant(self, participant) -> "PledgeForm":
        self.participant = participant
        if participant is not None and participant.country:
            del self.country  # given once: changed on "My progress", never asked again
        if current_user.is_authenticated:
            del self.age_band  # asked at sign-up (a child's account has a guardian's consent)
        return self

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        participant = getattr(self, "participant", None)
        already_given = participant is not None and participant.display_name == (
            self.display_name.data
        )
        if not (self.age_band and self.display_name.data) or already_given:
            return True  # no new name: nothing new is kept, so nothing to ask
        if not self.age_band.data:
            self.age_band.errors.append(
                _("To give a display name, choose your age. Or leave the name empty.")
            )
            return False
        country = self.country.data if self.country else getattr(participant, "country", None)
        if needs_guardian(YOUNGEST_AGE[self.age_band.data], country):
            self.display_name.errors.append(
                _(
                    "Where you live, we need a parent's or guardian's permission before we keep a name for someone your age. Leave the name empty to take the pledge without it."
                )
            )
            return False
        return True

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
