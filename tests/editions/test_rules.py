"""The rules of an edition, as pure functions: windows, local dates, open days, streaks, points."""

import datetime as dt

import pytest

from challenge.editions import rules

D = dt.date
TOKYO = rules.Window(D(2024, 3, 4), D(2024, 3, 6), "Asia/Tokyo")
NEW_YORK = rules.Window(D(2024, 3, 11), D(2024, 3, 13), "America/New_York")
PLAN = rules.Plan(
    default=TOKYO, windows={"us": NEW_YORK}, actions_per_day=(2, 1, 2), complete_after=2
)


def utc(*args) -> dt.datetime:
    return dt.datetime(*args)  # naive UTC, as the database holds


@pytest.mark.parametrize(
    ("country", "window"),
    [("US", NEW_YORK), ("us", NEW_YORK), ("IN", TOKYO), (None, TOKYO), ("", TOKYO)],
)
def test_a_country_without_a_window_of_its_own_gets_the_default(country, window):
    assert rules.window_for(PLAN, country) == window


def test_the_local_date_is_the_windows_zones_across_the_date_line():
    moment = utc(2024, 3, 4, 11, 0)  # 11:00 UTC
    kiritimati = rules.Window(D(2024, 3, 5), D(2024, 3, 7), "Pacific/Kiritimati")  # UTC+14
    pago_pago = rules.Window(D(2024, 3, 5), D(2024, 3, 7), "Pacific/Pago_Pago")  # UTC-11
    assert rules.local_date(kiritimati, moment) == D(2024, 3, 5)
    assert rules.local_date(pago_pago, moment) == D(2024, 3, 4)
    # The same instant: day 1 in Kiritimati, the day before the window in American Samoa.
    assert rules.phase(kiritimati, rules.local_date(kiritimati, moment)) == rules.RUNNING
    assert rules.phase(pago_pago, rules.local_date(pago_pago, moment)) == rules.UPCOMING


def test_an_aware_moment_is_read_in_its_own_offset():
    moment = dt.datetime(2024, 3, 4, 8, 30, tzinfo=dt.timezone(dt.timedelta(hours=9)))
    assert rules.local_date(rules.Window(D(2024, 3, 4), D(2024, 3, 6), "UTC"), moment) == D(
        2024, 3, 3
    )


def test_days_open_one_by_one_and_missed_ones_stay_open_until_the_end():
    assert rules.open_days(TOKYO, D(2024, 3, 3)) == range(0)
    assert list(rules.open_days(TOKYO, D(2024, 3, 4))) == [0]
    assert list(rules.open_days(TOKYO, D(2024, 3, 6))) == [0, 1, 2]
    assert rules.open_days(TOKYO, D(2024, 3, 7)) == range(0)  # closed: read-only
    assert rules.is_open(TOKYO, D(2024, 3, 5), 1) and not rules.is_open(TOKYO, D(2024, 3, 5), 2)


def test_phase_and_day_index():
    assert rules.day_index(TOKYO, D(2024, 3, 2)) == -2
    assert [rules.phase(TOKYO, D(2024, 3, day)) for day in (3, 4, 6, 7)] == [
        rules.UPCOMING,
        rules.RUNNING,
        rules.RUNNING,
        rules.ENDED,
    ]
    assert TOKYO.length == 3 and TOKYO.shifted(7) == rules.Window(
        D(2024, 3, 11), D(2024, 3, 13), "Asia/Tokyo"
    )


def test_midnight_in_tokyo_opens_the_next_day():
    before = rules.local_date(TOKYO, utc(2024, 3, 4, 14, 59))  # 23:59 in Tokyo
    after = rules.local_date(TOKYO, utc(2024, 3, 4, 15, 0))  # 00:00 in Tokyo
    assert (rules.day_index(TOKYO, before), rules.day_index(TOKYO, after)) == (0, 1)


def test_a_day_is_completed_when_every_action_is_done():
    assert rules.completed_days(PLAN, {0: 1, 1: 1, 2: 2}) == {1, 2}


@pytest.mark.parametrize(
    ("today", "completed", "streak"),
    [
        (D(2024, 3, 3), {0}, 0),  # before the window
        (D(2024, 3, 4), set(), 0),
        (D(2024, 3, 4), {0}, 1),
        (D(2024, 3, 5), {0}, 1),  # today not done yet: the streak counts up to yesterday
        (D(2024, 3, 5), {0, 1}, 2),
        (D(2024, 3, 6), {0, 2}, 1),  # a gap breaks it
        (D(2024, 3, 6), {0, 1}, 2),
        (D(2024, 3, 6), {1}, 1),
        (D(2024, 3, 9), {0, 1, 2}, 3),  # after the window: up to the last day
        (D(2024, 3, 9), {0, 1}, 0),
    ],
)
def test_streak(today, completed, streak):
    assert rules.streak(PLAN, TOKYO, today, completed) == streak


def test_points_are_10_per_action_20_per_full_day_and_50_for_finishing():
    assert rules.points(PLAN, {}) == 0
    assert rules.points(PLAN, {0: 1}) == 10
    assert rules.points(PLAN, {0: 2}) == 2 * 10 + 20
    # Two full days finish this plan (complete_after=2).
    assert rules.points(PLAN, {0: 2, 1: 1}) == 3 * 10 + 2 * 20 + 50
    assert rules.points(PLAN, {0: 2, 1: 1, 2: 2}) == 5 * 10 + 3 * 20 + 50
    assert rules.points(PLAN, {0: 9, 7: 3}) == 2 * 10 + 20  # nothing counts beyond the plan


def test_completion_needs_complete_after_full_days_in_any_order():
    assert not rules.is_complete(PLAN, {0})
    assert rules.is_complete(PLAN, {2, 1})


def test_the_completion_moment_is_the_check_in_that_finished_it():
    check_ins = [
        (2, utc(2024, 3, 6, 1)),
        (0, utc(2024, 3, 4, 1)),
        (2, utc(2024, 3, 6, 2)),  # day 3 complete: one full day
        (0, utc(2024, 3, 6, 3)),  # day 1 caught up: two full days, finished
        (1, utc(2024, 3, 6, 4)),
    ]
    assert rules.completion_moment(PLAN, check_ins) == utc(2024, 3, 6, 3)
    assert rules.completion_moment(PLAN, check_ins[:3]) is None
    assert rules.completion_moment(PLAN, [(5, utc(2024, 3, 6))] * 9) is None
