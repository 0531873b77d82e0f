"""Small-group suppression and time windows, without a database."""

import datetime as dt

from challenge.leaderboards.privacy import suppress
from challenge.leaderboards.windows import campaign_week_start


def people(row):
    return row[1]


def test_groups_under_k_are_hidden_and_counted_together_when_safe():
    rows = [("IN", 50), ("JP", 12), ("FJ", 4), ("PG", 7)]
    kept = suppress(rows, people, total_people=73, k=10)
    assert sorted(kept.shown) == [("IN", 50), ("JP", 12)]
    assert kept.other_people == 11


def test_a_remainder_under_k_hides_the_smallest_shown_group_too():
    rows = [("IN", 50), ("JP", 12), ("FJ", 3)]
    kept = suppress(rows, people, total_people=65, k=10)
    assert kept.shown == [("IN", 50)]  # otherwise total - IN - JP would give FJ's 3 away
    assert kept.other_people == 15


def test_people_without_a_country_count_in_the_remainder():
    kept = suppress([("IN", 50), ("JP", 12)], people, total_people=63, k=10)
    assert kept.shown == [("IN", 50)]  # one person without a country must not show as 63 - 62
    assert kept.other_people == 13


def test_too_few_people_anywhere_shows_nothing():
    kept = suppress([("IN", 4), ("JP", 3)], people, total_people=7, k=10)
    assert kept.shown == [] and kept.other_people == 0


def test_campaign_weeks():
    thursday = dt.date(2026, 11, 26)
    assert campaign_week_start(thursday, None) == dt.date(2026, 11, 23)  # Monday
    assert campaign_week_start(thursday, dt.date(2026, 11, 1)) == dt.date(2026, 11, 22)
    assert campaign_week_start(thursday, dt.date(2027, 1, 1)) == dt.date(2026, 11, 23)
