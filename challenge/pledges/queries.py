"""Reads for the pledge pages: live counts from tallies, the public wall, a participant's pledges."""

from dataclasses import dataclass

from sqlalchemy import select

from challenge.content.queries import Shown, published_item, published_items
from challenge.extensions import db
from challenge.moderation.names import display_name_approved, display_name_public
from challenge.participation import tallies
from challenge.participation.models import Participant
from challenge.pledges.models import PledgeTaken
from challenge.pledges.operations import pledge_scope

KIND = "pledge"
WALL_SIZE = 12


@dataclass(frozen=True)
class PledgeSummary:
    pledge: Shown
    count: int


def pledge_list(locale: str) -> list[PledgeSummary]:
    pledges = published_items(KIND, locale)
    counts = tallies.read("pledges", [pledge_scope(pledge.item.id) for pledge in pledges])
    return [PledgeSummary(pledge, counts[pledge_scope(pledge.item.id)]) for pledge in pledges]


def pledge_page(slug: str, locale: str) -> Shown | None:
    return published_item(KIND, slug, locale)


def pledge_count(item_id: int) -> int:
    return tallies.read_one("pledges", pledge_scope(item_id))


def taken_by(participant: Participant | None, item_id: int) -> PledgeTaken | None:
    if participant is None:
        return None
    return db.session.scalar(
        select(PledgeTaken).where(
            PledgeTaken.participant_id == participant.id, PledgeTaken.item_id == item_id
        )
    )


def public_wall(
    item_id: int, viewer: Participant | None = None
) -> list[tuple[str, str | None, bool]]:
    """The latest names shown with consent and approved by moderators: (display name, country
    code, whether it is the viewer's own name still waiting for review), newest first. The viewer
    sees their own name before it is approved, never once it is hidden."""
    viewer_id = viewer.id if viewer is not None else None
    rows = db.session.execute(
        select(Participant.display_name, PledgeTaken.country, display_name_approved())
        .join(Participant, Participant.id == PledgeTaken.participant_id)
        .where(
            PledgeTaken.item_id == item_id,
            Participant.show_name.is_(True),
            Participant.display_name.is_not(None),
            display_name_public(owner_id=viewer_id),
        )
        .order_by(PledgeTaken.created_at.desc(), PledgeTaken.id.desc())
        .limit(WALL_SIZE)
    )
    return [(name, country, not approved) for name, country, approved in rows]


def pledges_of(participant: Participant | None, locale: str) -> list[tuple[Shown, PledgeTaken]]:
    if participant is None:
        return []
    taken = {
        row.item_id: row
        for row in db.session.scalars(
            select(PledgeTaken).where(PledgeTaken.participant_id == participant.id)
        )
    }
    return [
        (pledge, taken[pledge.item.id])
        for pledge in published_items(KIND, locale)
        if pledge.item.id in taken
    ]
