"""Reads for the lesson pages."""

from dataclasses import dataclass

from sqlalchemy import select

from challenge.content.queries import Shown, published_item, published_items
from challenge.extensions import db
from challenge.lessons.models import ChecklistTicks, LessonCompletion

KIND = "lesson"


@dataclass(frozen=True)
class LessonPage:
    lesson: Shown
    previous: Shown | None
    next: Shown | None
    position: int  # 1-based place in the course
    total: int


def lesson_list(locale: str) -> list[Shown]:
    return published_items(KIND, locale)


def lesson_page(slug: str, locale: str) -> LessonPage | None:
    lesson = published_item(KIND, slug, locale)
    if lesson is None:
        return None
    ordered = lesson_list(locale)
    index = next(i for i, entry in enumerate(ordered) if entry.slug == slug)
    return LessonPage(
        lesson=lesson,
        previous=ordered[index - 1] if index > 0 else None,
        next=ordered[index + 1] if index + 1 < len(ordered) else None,
        position=index + 1,
        total=len(ordered),
    )


def completed_ids(participant) -> set[int]:
    """Ids of the lessons this participant has marked read (empty before their first action)."""
    if participant is None:
        return set()
    return set(
        db.session.scalars(
            select(LessonCompletion.item_id).where(
                LessonCompletion.participant_id == participant.id
            )
        )
    )


def completed_at(participant, item_id: int):
    if participant is None:
        return None
    return db.session.scalar(
        select(LessonCompletion.created_at).where(
            LessonCompletion.participant_id == participant.id, LessonCompletion.item_id == item_id
        )
    )


def ticked_items(participant, item_id: int) -> set[int]:
    """The places of the checklist items this participant has ticked on the lesson."""
    if participant is None:
        return set()
    ticked = db.session.scalar(
        select(ChecklistTicks.ticked).where(
            ChecklistTicks.participant_id == participant.id, ChecklistTicks.item_id == item_id
        )
    )
    return {place for place in ticked or () if isinstance(place, int)}
