"""Quiz attempts: every submission is kept; the first pass is the one that counts publicly."""

import datetime as dt

from sqlalchemy import JSON, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from challenge.content.models import utcnow
from challenge.extensions import db


class QuizAttempt(db.Model):
    __tablename__ = "quiz_attempt"
    __table_args__ = (
        Index("ix_quiz_attempt_participant_id_item_id", "participant_id", "item_id"),
        # At most one counted pass per participant and quiz, even under concurrent submissions.
        Index(
            "uq_quiz_attempt_first_pass",
            "participant_id",
            "item_id",
            unique=True,
            sqlite_where=text("first_pass"),
            postgresql_where=text("first_pass"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"))
    item_id: Mapped[int] = mapped_column(ForeignKey("content_item.id"), index=True)
    # The attempt's one-time id from the form: a replayed submission finds it taken.
    nonce: Mapped[str] = mapped_column(String(32), unique=True)
    country: Mapped[str | None] = mapped_column(String(2))
    locale: Mapped[str] = mapped_column(String(16))
    answers: Mapped[dict] = mapped_column(JSON)  # {question id: [option indexes, source order]}
    score: Mapped[int]
    max_score: Mapped[int]
    percent: Mapped[int]
    passed: Mapped[bool]
    first_pass: Mapped[bool] = mapped_column(default=False)  # the pass counted for leaderboards
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
