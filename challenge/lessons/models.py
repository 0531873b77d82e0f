"""Lessons marked as read, one row per participant and lesson."""

from sqlalchemy import UniqueConstraint

from challenge.extensions import db
from challenge.participation.models import ParticipationRecord


class LessonCompletion(ParticipationRecord, db.Model):
    __tablename__ = "lesson_completion"
    __table_args__ = (UniqueConstraint("participant_id", "item_id"),)
