"""Quiz attempts: every submission is kept; the first pass is the one that counts publicly."""

import datetime as dt

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from challenge.clock import utcnow
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


class QuizAnswerTally(db.Model):
    """How many attempts gave each answer to each quiz question (the options chosen, as indexes
    in the source's order: "0,2"). Bumped in the same transaction as the attempt, so the staff
    dashboard reads these few rows, never every attempt; `flask stats verify|rebuild` recount
    them from the attempts (challenge/quizzes/answer_tallies.py). Participants discounted as fakes
    count for nothing here either."""

    __tablename__ = "quiz_answer_tally"

    item_id: Mapped[int] = mapped_column(ForeignKey("content_item.id"), primary_key=True)
    question_id: Mapped[str] = mapped_column(Text, primary_key=True)
    answer: Mapped[str] = mapped_column(String(200), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)
