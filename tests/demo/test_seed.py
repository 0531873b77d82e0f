"""`flask demo seed`: realistic rows, in the time span asked for, each action after its participant."""

import datetime as dt

from sqlalchemy import func, select, text

from challenge.demo.seed import bulk_load
from challenge.extensions import db
from challenge.lessons.models import LessonCompletion
from challenge.participation.models import Participant
from challenge.pledges.models import PledgeTaken
from challenge.quizzes.models import QuizAttempt


def test_rows_fall_in_the_span_and_follow_their_participant(synced):
    result = synced.test_cli_runner().invoke(
        args=["demo", "seed", "--participants", "400", "--days", "10"]
    )
    assert result.exit_code == 0, result.output
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with synced.app_context():
        first, last = db.session.execute(
            select(func.min(Participant.created_at), func.max(Participant.created_at))
        ).one()
        assert now - dt.timedelta(days=10, hours=1) <= first <= last <= now
        for model in (PledgeTaken, LessonCompletion, QuizAttempt):
            early = db.session.scalar(
                select(func.count())
                .select_from(model)
                .join(Participant, Participant.id == model.participant_id)
                .where(model.created_at < Participant.created_at)
            )
            assert early == 0, model.__tablename__
            assert db.session.scalar(select(func.max(model.created_at))) <= now
        countries = dict(
            db.session.execute(
                select(Participant.country, func.count()).group_by(Participant.country)
            ).all()
        )
        assert countries["IN"] > countries["US"] > countries.get("FR", 0)  # weighted, not uniform
        locales = set(
            db.session.scalars(select(Participant.locale).where(Participant.country == "IN"))
        )
        assert locales == {"en", "hi"}
        # Each passed quiz counts once, at the first pass.
        first_passes = db.session.scalar(
            select(func.count()).select_from(QuizAttempt).where(QuizAttempt.first_pass)
        )
        passed_pairs = db.session.scalar(
            select(func.count()).select_from(
                select(QuizAttempt.participant_id, QuizAttempt.item_id)
                .where(QuizAttempt.passed)
                .distinct()
                .subquery()
            )
        )
        assert first_passes == passed_pairs > 0


def test_bulk_loading_leaves_the_connection_as_it_was(app):
    with app.app_context():
        connection = db.session.connection()
        if connection.dialect.name == "sqlite":
            before = connection.execute(text("PRAGMA cache_size")).scalar()
            with bulk_load(connection):
                assert connection.execute(text("PRAGMA cache_size")).scalar() != before
            assert connection.execute(text("PRAGMA cache_size")).scalar() == before
        else:
            with bulk_load(connection):
                assert connection.execute(text("SHOW synchronous_commit")).scalar() == "off"
            db.session.commit()  # SET LOCAL ends with the transaction
            assert db.session.connection().execute(text("SHOW synchronous_commit")).scalar() == "on"
