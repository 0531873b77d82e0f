"""Marking a lesson as read (once per participant, counted in the same transaction) and saving
the ticks of its checklist."""

from sqlalchemy import select

from challenge.clock import utcnow
from challenge.conflicts import insert_unless_present
from challenge.content.models import ContentItem
from challenge.extensions import db
from challenge.lessons.models import ChecklistTicks, LessonCompletion
from challenge.participation import tallies
from challenge.participation.models import Participant
from challenge.participation.once_per_item import (
    has_done_item,
    merge_once_per_item,
    once_per_item_contributions,
)
from challenge.participation.operations import (
    participant_for_action,
)
from challenge.participation.reconcile import once_per_item
from challenge.participation.registry import (
    activity_check,
    activity_done,
    activity_rows,
    contribution,
    merger,
    recount,
)


def lesson_scope(item_id: int) -> str:
    return tallies.item_scope("lesson", item_id)


def complete_lesson(item: ContentItem, *, country: str | None, locale: str) -> bool:
    """Record the lesson as read; False when it already was."""
    with tallies.batched():  # the participant's and the lesson's counts in one write each
        participant = participant_for_action(country, locale)
        done = db.session.scalar(
            select(LessonCompletion.id).where(
                LessonCompletion.participant_id == participant.id,
                LessonCompletion.item_id == item.id,
            )
        )
        if done is None:
            now = utcnow()
            inserted = insert_unless_present(
                LessonCompletion.__table__,
                {
                    "participant_id": participant.id,
                    "item_id": item.id,
                    "country": participant.country,
                    "locale": locale,
                    "created_at": now,
                },
                ["participant_id", "item_id"],
            )
            if not inserted:  # a double submit: the other request recorded it
                done = True
        if done is None:
            tallies.count_action(
                "lesson",
                participant.country,
                lesson_scope(item.id),
                now.date(),
                organisation_id=participant.organisation_id,
            )
            activity_done("lesson", item.slug, participant)
    db.session.commit()
    return done is None


@merger
def merge_completions(anonymous: Participant, into: Participant) -> None:
    merge_once_per_item(LessonCompletion, "lesson", lesson_scope, anonymous, into)


@contribution
def completion_contributions(participant: Participant, organisation_id: int) -> list:
    return once_per_item_contributions(
        LessonCompletion, "lesson", lesson_scope, participant, organisation_id
    )


recount(once_per_item(LessonCompletion, "lesson", lesson_scope))


@activity_check("lesson")
def has_read(participant: Participant, slug: str, min_score: int | None = None) -> bool:
    return has_done_item(LessonCompletion, "lesson", participant, slug)


activity_rows("lessons", LessonCompletion)  # a school class's totals count them


def save_checklist(item: ContentItem, ticked: list[int], *, locale: str) -> None:
    """Keep what the participant ticked (their places in the checklist), replacing what they had;
    the first save makes the browser's participant, as any action does. Not counted publicly."""
    participant = participant_for_action(None, locale)
    row = db.session.scalar(
        select(ChecklistTicks).where(
            ChecklistTicks.participant_id == participant.id, ChecklistTicks.item_id == item.id
        )
    )
    places = sorted(set(ticked))
    if row is None:
        inserted = insert_unless_present(
            ChecklistTicks.__table__,
            {
                "participant_id": participant.id,
                "item_id": item.id,
                "ticked": places,
                "updated_at": utcnow(),
            },
            ["participant_id", "item_id"],
        )
        if inserted:
            db.session.commit()
            return
        row = db.session.scalar(  # a double submit: the other request made the row
            select(ChecklistTicks).where(
                ChecklistTicks.participant_id == participant.id, ChecklistTicks.item_id == item.id
            )
        )
    row.ticked = places
    row.updated_at = utcnow()
    db.session.commit()


@merger
def merge_checklists(anonymous: Participant, into: Participant) -> None:
    """The anonymous browser's ticks join the account's: an item ticked in either stays ticked."""
    kept = {
        row.item_id: row
        for row in db.session.scalars(
            select(ChecklistTicks).where(ChecklistTicks.participant_id == into.id)
        )
    }
    for row in db.session.scalars(
        select(ChecklistTicks).where(ChecklistTicks.participant_id == anonymous.id)
    ).all():
        if row.item_id in kept:
            kept[row.item_id].ticked = sorted(set(kept[row.item_id].ticked) | set(row.ticked))
            db.session.delete(row)
        else:
            row.participant_id = into.id
