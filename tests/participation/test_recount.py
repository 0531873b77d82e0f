"""Helpers to recount tallies from the raw rows (the same check `stats verify` will make)."""

from tests.support.tallies import recount, recount_daily, stored, stored_daily


def test_recount_of_nothing_is_nothing(app):
    with app.app_context():
        assert recount() == stored() == {}
        assert recount_daily() == stored_daily() == {}
