"""Tally writes: values add up and missing keys are created, all time and per day."""

import datetime as dt

from sqlalchemy import select

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
