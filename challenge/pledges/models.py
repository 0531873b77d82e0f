"""Pledges taken: one row per participant and pledge, with when, where and in which language."""

from sqlalchemy import UniqueConstraint

from challenge.extensions import db
from challenge.participation.models import ParticipationRecord


class PledgeTaken(ParticipationRecord, db.Model):
    __tablename__ = "pledge_taken"
    __table_args__ = (UniqueConstraint("participant_id", "item_id"),)
