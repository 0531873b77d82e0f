"""Reads for the lesson pages."""

from dataclasses import dataclass

from challenge.content.queries import Shown, published_item, published_items

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
