"""Helpers for features whose rows are once per participant and content item (a pledge taken, a
lesson read): merging two participants' rows, what they contribute to an organisation's counts,
and the activity check an edition's action asks."""

import datetime as dt

from sqlalchemy import delete, select

from challenge.content.models import ContentItem
from challenge.extensions import db
from challenge.participation import tallies
from challenge.participation.models import Participant


def merge_once_per_item(
    model, action: str, scope_of, anonymous: Participant, into: Participant
) -> None:
    """Move `model` rows to `into`; rows for items it already has are dropped and uncounted."""
    kept = set(db.session.scalars(select(model.item_id).where(model.participant_id == into.id)))
    for row in db.session.scalars(select(model).where(model.participant_id == anonymous.id)).all():
        if row.item_id in kept:
            tallies.count_action(
                action,
                row.country,
                scope_of(row.item_id),
                row.created_at.date(),
                sign=-1,
                organisation_id=anonymous.organisation_id,
            )
            db.session.execute(delete(model).where(model.id == row.id))
        else:
            row.participant_id = into.id
    db.session.flush()


def once_per_item_contributions(
    model, action: str, scope_of, participant: Participant, organisation_id: int
) -> list[tuple[dict, dt.date]]:
    """The tally changes of a participant's once-per-item rows, counted in an organisation."""
    rows = db.session.execute(
        select(model.item_id, model.country, model.created_at).where(
            model.participant_id == participant.id
        )
    )
    return [
        (
            tallies.action_changes(
                action, country, scope_of(item_id), organisation_id=organisation_id
            ),
            created_at.date(),
        )
        for item_id, country, created_at in rows
    ]


def has_done_item(model, kind: str, participant: Participant, slug: str) -> bool:
    """Whether the participant has a row of `model` (rows once per participant and content item:
    pledges, lessons read) for the `kind` item called `slug`: an activity check."""
    return (
        db.session.scalar(
            select(model.id)
            .join(ContentItem, ContentItem.id == model.item_id)
            .where(
                model.participant_id == participant.id,
                ContentItem.kind == kind,
                ContentItem.slug == slug,
            )
        )
        is not None
    )
