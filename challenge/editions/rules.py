"""The rules of taking part in an edition, as pure functions of its plan, the clock and what a
participant has done; computed on the server only (docs/editions.md).

- **Window.** A visitor's window is their country's entry under `windows`, or the default window
  (also for visitors with no country). Their "today" is the local date in that window's time zone.
- **Days.** Day 1 opens on the window's first local date, day 2 on the next, and so on. While the
  edition runs, every day up to today is open, so a missed day can be caught up; days after today
  are not open yet. After the window's last local date the edition is closed and read-only.
- **Streak.** The number of consecutive fully completed days ending today, or ending yesterday
  while today is not done yet (a streak does not break at breakfast). After the window: ending on
  the last day. A day is fully completed when all its actions are done.
- **Points.** 10 for each action done, 20 more for each fully completed day, 50 more for finishing.
- **Finishing.** `complete_after` fully completed days (any of them; by default all days). The
  completion moment is that of the check-in that completed the last day needed.
"""

import datetime as dt
import zoneinfo
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

POINTS_PER_ACTION = 10
POINTS_PER_DAY = 20
POINTS_FOR_FINISHING = 50

UPCOMING, RUNNING, ENDED = "upcoming", "running", "ended"


@dataclass(frozen=True)
class Window:
    starts: dt.date
    ends: dt.date
    time_zone: str

    @property
    def length(self) -> int:
        return (self.ends - self.starts).days + 1

    def shifted(self, days: int) -> "Window":
        delta = dt.timedelta(days=days)
        return Window(self.starts + delta, self.ends + delta, self.time_zone)


@dataclass(frozen=True)
class Plan:
    """What the rules need of an edition: its windows, how many actions each day has, and how
    many fully completed days finish it."""

    default: Window
    windows: Mapping[str, Window]  # by lower-case country code
    actions_per_day: tuple[int, ...]
    complete_after: int

    @property
    def day_count(self) -> int:
        return len(self.actions_per_day)


def window_for(plan: Plan, country: str | None) -> Window:
    """The country's window (codes in any case), or the default one."""
    if country:
        return plan.windows.get(country.lower(), plan.default)
    return plan.default


def local_date(window: Window, now: dt.datetime) -> dt.date:
    """The date in the window's zone at `now` (naive values are UTC)."""
    if now.tzinfo is None:
        now = now.replace(tzinfo=dt.UTC)
    return now.astimezone(zoneinfo.ZoneInfo(window.time_zone)).date()


def day_index(window: Window, today: dt.date) -> int:
    """0 on the first day; negative before the window, `length` or more after it."""
    return (today - window.starts).days


def phase(window: Window, today: dt.date) -> str:
    index = day_index(window, today)
    if index < 0:
        return UPCOMING
    return RUNNING if index < window.length else ENDED


def open_days(window: Window, today: dt.date) -> range:
    """Indices of the days a participant may check in on: up to today while it runs."""
    if phase(window, today) != RUNNING:
        return range(0)
    return range(day_index(window, today) + 1)


def is_open(window: Window, today: dt.date, index: int) -> bool:
    return index in open_days(window, today)


def completed_days(plan: Plan, done_per_day: Mapping[int, int]) -> set[int]:
    """Days whose every action is done; `done_per_day` counts distinct actions done per day."""
    return {
        index
        for index, needed in enumerate(plan.actions_per_day)
        if done_per_day.get(index, 0) >= needed
    }


def streak(plan: Plan, window: Window, today: dt.date, completed: Iterable[int]) -> int:
    completed = set(completed)
    index = day_index(window, today)
    if index < 0:
        return 0
    last = min(index, plan.day_count - 1)
    if last == index and last not in completed:
        last -= 1  # today is still open: the streak so far counts up to yesterday
    count = 0
    while last >= 0 and last in completed:
        count += 1
        last -= 1
    return count


def is_complete(plan: Plan, completed: Iterable[int]) -> bool:
    return len(set(completed)) >= plan.complete_after


def points(plan: Plan, done_per_day: Mapping[int, int]) -> int:
    actions = sum(
        min(done_per_day.get(index, 0), needed) for index, needed in enumerate(plan.actions_per_day)
    )
    completed = completed_days(plan, done_per_day)
    total = POINTS_PER_ACTION * actions + POINTS_PER_DAY * len(completed)
    if is_complete(plan, completed):
        total += POINTS_FOR_FINISHING
    return total


def completion_moment(
    plan: Plan, check_ins: Iterable[tuple[int, dt.datetime]]
) -> dt.datetime | None:
    """When the participant finished: the moment of the check-in (day index, time) after which
    `complete_after` days were fully completed; None when they have not finished."""
    done: dict[int, int] = {}
    for index, moment in sorted(check_ins, key=lambda check_in: check_in[1]):
        if not 0 <= index < plan.day_count:
            continue
        done[index] = done.get(index, 0) + 1
        if is_complete(plan, completed_days(plan, done)):
            return moment
    return None
