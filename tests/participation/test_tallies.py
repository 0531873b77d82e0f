"""Tally writes: values add up, new keys are created, and a batch is one statement per table."""

import datetime as dt

from sqlalchemy import event, select

from challenge.extensions import db
from challenge.participation import tallies
from challenge.participation.models import DailyTally, Tally

DAY = dt.date(2026, 12, 4)


def all_tallies() -> dict[tuple[str, str], int]:
    return {(t.metric, t.scope): t.value for t in db.session.scalars(select(Tally))}


def daily_tallies() -> dict[tuple[str, str, dt.date], int]:
    return {(t.metric, t.scope, t.day): t.value for t in db.session.scalars(select(DailyTally))}


def test_bumps_add_to_existing_values_and_create_missing_ones(app):
    with app.app_context():
        tallies.bump({("pledges", "all"): 1, ("pledges", "country:IN"): 1}, DAY)
        db.session.commit()
        tallies.bump({("pledges", "all"): 2, ("points", "all"): 10}, DAY)
        tallies.bump({("pledges", "all"): -1}, DAY + dt.timedelta(days=1))
        db.session.commit()

        assert all_tallies() == {
            ("pledges", "all"): 2,
            ("pledges", "country:IN"): 1,
            ("points", "all"): 10,
        }
        assert daily_tallies() == {
            ("pledges", "all", DAY): 3,
            ("pledges", "country:IN", DAY): 1,
            ("points", "all", DAY): 10,
            ("pledges", "all", DAY + dt.timedelta(days=1)): -1,
        }


def test_a_batch_is_one_statement_per_table(app):
    """On PostgreSQL the rows go as arrays in one statement, not an executemany (which the server
    runs once per row: twenty times for a pledge); SQLite runs an executemany in process."""
    with app.app_context():
        statements = []

        def seen(conn, cursor, statement, parameters, context, executemany):
            if "tally" in statement and statement.lstrip().upper().startswith("INSERT"):
                statements.append(executemany)

        event.listen(db.engine, "before_cursor_execute", seen)
        try:
            with tallies.batched():
                tallies.count_participant("IN", DAY)
                tallies.count_action("pledge", "IN", "pledge:7", DAY)
            db.session.commit()
        finally:
            event.remove(db.engine, "before_cursor_execute", seen)

        assert len(statements) == 2
        if db.engine.dialect.name == "postgresql":
            assert statements == [False, False]
        assert all_tallies()[("pledges", "pledge:7:country:IN")] == 1
        assert all_tallies()[("points", "country:IN")] == tallies.POINTS["pledge"]
        assert daily_tallies()[("participants", "all", DAY)] == 1
