"""Taking a pledge: at most once per participant, its counts written behind in the same
transaction (tally_pending, folded into the public counts by the job worker within seconds:
challenge/participation/fold.py)."""

from sqlalchemy import select

from challenge.clock import utcnow
from challenge.conflicts import insert_unless_present
from challenge.content.models import ContentItem
from challenge.extensions import db
from challenge.participation import tallies
from challenge.participation.identity import current_participant
from challenge.participation.models import Participant
from challenge.participation.once_per_item import (
    has_done_item,
    merge_once_per_item,
    once_per_item_contributions,
)
from challenge.participation.operations import (
    MembershipChanged,
    participant_for_action,
    set_organisation,
)
from challenge.participation.reconcile import once_per_item
from challenge.participation.registry import (
    activity_check,
    activity_done,
    activity_rows,
    contribution,
    counted_rows,
    merger,
    recount,
)
from challenge.pledges.models import PledgeTaken


def pledge_scope(item_id: int) -> str:
    return tallies.item_scope("pledge", item_id)


def take_pledge(
    item: ContentItem,
    *,
    country: str | None,
    locale: str,
    display_name: str | None,
    show_name: bool,
    organisation_id: int | None = None,
) -> bool:
    """Record the pledge; False when this participant had already taken it.

    With an organisation (a join code on the form), a participant in none joins it first, so the
    pledge counts there too; a member of another organisation is never moved from here.
    """
    created = current_participant() is None
    try:
        # The participant's and the pledge's counts, and an edition's, in one insert, touching
        # no shared row: under a launch moment's load no pledge waits for another to commit.
        with tallies.batched(write_behind=True):
            participant = participant_for_action(country, locale)
            if organisation_id is not None and participant.organisation_id is None:
                set_organisation(participant, organisation_id)
            is_new = (created or not taken(participant.id, item.id)) and record(
                item, participant, locale, display_name, show_name
            )
        db.session.commit()
    except MembershipChanged:  # a double submit joined already: record the pledge alone
        db.session.rollback()
        return take_pledge(
            item, country=country, locale=locale, display_name=display_name, show_name=show_name
        )
    return is_new


def taken(participant_id: int, item_id: int) -> bool:
    return (
        db.session.scalar(
            select(PledgeTaken.id).where(
                PledgeTaken.participant_id == participant_id, PledgeTaken.item_id == item_id
            )
        )
        is not None
    )


def record(item, participant, locale: str, display_name, show_name) -> bool:
    """The new pledge row, inserted by one statement, and its counts; the name given with it.
    False when a concurrent request of the same participant recorded it first."""
    # Assigned only when they differ: an assignment is a write, and a name write is reviewed.
    if participant.display_name != display_name:
        participant.display_name = display_name
    if participant.show_name != bool(show_name and display_name):
        participant.show_name = bool(show_name and display_name)
    now = utcnow()
    inserted = insert_unless_present(
        PledgeTaken.__table__,
        {
            "participant_id": participant.id,
            "item_id": item.id,
            "country": participant.country,
            "locale": locale,
            "created_at": now,
        },
        ["participant_id", "item_id"],
    )
    if not inserted:
        return False
    tallies.count_action(
        "pledge",
        participant.country,
        pledge_scope(item.id),
        now.date(),
        organisation_id=participant.organisation_id,
    )
    activity_done("pledge", item.slug, participant)
    return True


@merger
def merge_pledges(anonymous: Participant, into: Participant) -> None:
    merge_once_per_item(PledgeTaken, "pledge", pledge_scope, anonymous, into)


@contribution
def pledge_contributions(participant: Participant, organisation_id: int) -> list:
    return once_per_item_contributions(
        PledgeTaken, "pledge", pledge_scope, participant, organisation_id
    )


recount(once_per_item(PledgeTaken, "pledge", pledge_scope))
counted_rows("pledges", PledgeTaken)  # what a burst of new participants reports beside them


@activity_check("pledge")
def has_taken(participant: Participant, slug: str, min_score: int | None = None) -> bool:
    return has_done_item(PledgeTaken, "pledge", participant, slug)


activity_rows("pledges", PledgeTaken)  # a school class's totals count them
