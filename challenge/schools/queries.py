"""Reads: an organisation's classes and each class's totals. A figure is shown only when at least
PRIVACY_MIN_GROUP pupils stand behind it, so no total points at one child."""

from dataclasses import dataclass

from flask import current_app
from sqlalchemy import func, select

from challenge.extensions import db
from challenge.participation.registry import ACTIVITY_ROWS
from challenge.schools.codes import normalise
from challenge.schools.models import ClassMember, SchoolClass

KINDS = ("lessons", "quizzes", "pledges")


@dataclass(frozen=True)
class ClassFigures:
    pupils: int
    took_part: int | None  # pupils with at least one thing done; None: held back
    by_kind: dict[str, int | None]  # pupils who did each kind at least once; None: held back
    completed: int | None  # pupils who did every kind; None: held back
    smallest: int

    @property
    def shown(self) -> bool:
        return self.pupils >= self.smallest


def classes_of(organisation_id: int) -> list[SchoolClass]:
    return list(
        db.session.scalars(
            select(SchoolClass)
            .where(SchoolClass.organisation_id == organisation_id)
            .order_by(SchoolClass.name, SchoolClass.id)
        )
    )


def by_code(typed: str | None) -> SchoolClass | None:
    code = normalise(typed)
    if not code:
        return None
    return db.session.scalar(select(SchoolClass).where(SchoolClass.code == code))


def in_class(organisation_id: int, code: str) -> SchoolClass | None:
    school_class = by_code(code)
    if school_class is None or school_class.organisation_id != organisation_id:
        return None
    return school_class


def figures(school_class: SchoolClass) -> ClassFigures:
    smallest = current_app.config["PRIVACY_MIN_GROUP"]
    members = select(ClassMember.participant_id).where(ClassMember.class_id == school_class.id)
    pupils = db.session.scalar(select(func.count()).select_from(members.subquery()))

    def held_back(value: int) -> int | None:
        return value if pupils >= smallest and value >= smallest else None

    done: dict[str, set[int]] = {}
    for kind in KINDS:
        model = ACTIVITY_ROWS.get(kind)
        if model is None:
            continue
        done[kind] = set(
            db.session.scalars(
                select(model.participant_id).where(model.participant_id.in_(members)).distinct()
            )
        )
    anyone = set().union(*done.values()) if done else set()
    everything = set.intersection(*done.values()) if done else set()
    return ClassFigures(
        pupils=pupils,
        took_part=held_back(len(anyone)),
        by_kind={kind: held_back(len(ids)) for kind, ids in done.items()},
        completed=held_back(len(everything)),
        smallest=smallest,
    )
