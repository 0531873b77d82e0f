"""A participant's standing in an edition: their check-ins, progress, streak, points and
completion (the rules themselves are in rules.py)."""

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from challenge.clock import utcnow
from challenge.editions import rules
from challenge.editions.models import EditionCheckIn
from challenge.editions.queries import Action, Edition, editions, participant_country
from challenge.extensions import db


@dataclass(frozen=True)
class CheckIn:
    action_id: str
    day_index: int
    created_at: dt.datetime


@dataclass(frozen=True)
class Completion:
    """A participant's finishing of an edition: what a certificate states."""

    participant_id: int
    edition_item_id: int
    edition_slug: str
    completed_at: dt.datetime  # naive UTC: the check-in that finished it

    def local_date(self, window: rules.Window) -> dt.date:
        return rules.local_date(window, self.completed_at)


def check_ins(participant, item_id: int) -> dict[str, CheckIn]:
    if participant is None or participant.id is None:
        return {}
    rows = db.session.execute(
        select(EditionCheckIn.action_id, EditionCheckIn.day_index, EditionCheckIn.created_at).where(
            EditionCheckIn.participant_id == participant.id, EditionCheckIn.item_id == item_id
        )
    )
    return {action_id: CheckIn(action_id, index, at) for action_id, index, at in rows}


def completion_of(
    plan: rules.Plan, done: dict[str, CheckIn], participant_id: int, item_id: int, slug: str
) -> Completion | None:
    moment = rules.completion_moment(plan, [(c.day_index, c.created_at) for c in done.values()])
    return Completion(participant_id, item_id, slug, moment) if moment else None


def completion(participant, entry: Edition) -> Completion | None:
    """When (and whether) the participant finished the edition."""
    if participant is None:
        return None
    done = check_ins(participant, entry.item_id)
    return completion_of(entry.plan, done, participant.id, entry.item_id, entry.slug)


@dataclass(frozen=True)
class Progress:
    edition: Edition
    window: rules.Window
    today: dt.date  # the participant's local date in their window
    phase: str
    today_index: int  # rules.day_index: may lie before or after the days
    open_days: range
    done: dict[str, CheckIn]
    completed_days: set[int]
    streak: int
    points: int
    completion: Completion | None

    @property
    def actions_done(self) -> int:
        return len(self.done)

    @property
    def actions_total(self) -> int:
        return sum(self.edition.plan.actions_per_day)

    @property
    def percent(self) -> int:
        return round(100 * self.actions_done / self.actions_total) if self.actions_total else 0

    @property
    def days_left_to_finish(self) -> int:
        return max(0, self.edition.plan.complete_after - len(self.completed_days))

    @property
    def is_running(self) -> bool:
        return self.phase == rules.RUNNING

    def date_of(self, index: int) -> dt.date:
        return self.window.starts + dt.timedelta(days=index)

    def is_done(self, action: Action) -> bool:
        return action.id in self.done

    def is_open(self, index: int) -> bool:
        return index in self.open_days

    def next_action(self) -> Action | None:
        """The first open action not done yet: today's first, then any missed day's."""
        ordered = sorted(self.open_days, key=lambda index: (index != self.today_index, index))
        for index in ordered:
            for action in self.edition.days[index].actions:
                if action.id not in self.done:
                    return action
        return None


def progress(
    participant, entry: Edition, now: dt.datetime | None = None, *, country: str | None = None
) -> Progress:
    """Where the participant (None for a visitor yet to act) stands in the edition; `country`
    stands in for theirs until they have given one (the country on the form being sent)."""
    now = now or utcnow()
    window = rules.window_for(entry.plan, participant_country(participant) or country)
    today = rules.local_date(window, now)
    done = check_ins(participant, entry.item_id)
    per_day: dict[int, int] = {}
    for check_in in done.values():
        per_day[check_in.day_index] = per_day.get(check_in.day_index, 0) + 1
    completed = rules.completed_days(entry.plan, per_day)
    return Progress(
        edition=entry,
        window=window,
        today=today,
        phase=rules.phase(window, today),
        today_index=rules.day_index(window, today),
        open_days=rules.open_days(window, today),
        done=done,
        completed_days=completed,
        streak=rules.streak(entry.plan, window, today, completed),
        points=rules.points(entry.plan, per_day),
        completion=(
            completion_of(entry.plan, done, participant.id, entry.item_id, entry.slug)
            if participant is not None
            else None
        ),
    )


def participant_editions(
    participant, locale: str, now: dt.datetime | None = None
) -> list[Progress]:
    """The participant's progress in every running edition and every other one they took part in."""
    if participant is None:
        return []
    taken = set(
        db.session.scalars(
            select(EditionCheckIn.item_id)
            .where(EditionCheckIn.participant_id == participant.id)
            .distinct()
        )
    )
    found = []
    for entry in editions(locale, now):
        standing = progress(participant, entry, now)
        if standing.is_running or entry.item_id in taken:
            found.append(standing)
    return found
