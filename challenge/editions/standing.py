"""A participant's standing in an edition: their check-ins, progress, streak, points and
completion (the rules themselves are in rules.py)."""

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, case, func, select

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
    participant,
    entry: Edition,
    now: dt.datetime | None = None,
    *,
    country: str | None = None,
    done: dict[str, CheckIn] | None = None,
) -> Progress:
    """Where the participant (None for a visitor yet to act) stands in the edition; `country`
    stands in for theirs until they have given one (the country on the form being sent); `done`,
    their check-ins when the caller knows them already (none, for a participant just made)."""
    now = now or utcnow()
    window = rules.window_for(entry.plan, participant_country(participant) or country)
    today = rules.local_date(window, now)
    if done is None:
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


@dataclass(frozen=True)
class Totals:
    participants: int  # people with at least one check-in
    completions: int  # people who finished (rules.is_complete)


@dataclass(frozen=True)
class EditionTotals:
    everyone: Totals
    countries: dict[str, Totals]  # by the participant's country code, as stored (upper case)


def _count_case(column_day, column_item, needed: dict[tuple[int, int], int]):
    return case(
        *(
            (and_(column_item == item_id, column_day == index), count)
            for (item_id, index), count in needed.items()
        ),
        else_=None,
    )


def edition_totals(entries: list[Edition]) -> dict[int, EditionTotals]:
    """Participants and completions of each edition, in all and per country, by item id: one
    grouped query over the check-ins (participant-days, then participants, then countries)."""
    if not entries:
        return {}
    ids = [entry.item_id for entry in entries]
    needed = {
        (entry.item_id, index): count
        for entry in entries
        for index, count in enumerate(entry.plan.actions_per_day)
    }
    checks = EditionCheckIn
    per_day = (
        select(
            checks.item_id,
            checks.participant_id,
            checks.day_index,
            func.count().label("done"),
            func.max(checks.country).label("country"),
        )
        .where(checks.item_id.in_(ids))
        .group_by(checks.item_id, checks.participant_id, checks.day_index)
        .subquery()
    )
    needed_today = _count_case(per_day.c.day_index, per_day.c.item_id, needed)
    per_person = (
        select(
            per_day.c.item_id,
            func.max(per_day.c.country).label("country"),
            func.sum(case((per_day.c.done >= needed_today, 1), else_=0)).label("days"),
        )
        .group_by(per_day.c.item_id, per_day.c.participant_id)
        .subquery()
    )
    finish = case(
        *((per_person.c.item_id == entry.item_id, entry.plan.complete_after) for entry in entries),
        else_=None,
    )
    rows = db.session.execute(
        select(
            per_person.c.item_id,
            per_person.c.country,
            func.count().label("participants"),
            func.sum(case((per_person.c.days >= finish, 1), else_=0)).label("completions"),
        ).group_by(per_person.c.item_id, per_person.c.country)
    )
    everyone: dict[int, list[int]] = {item_id: [0, 0] for item_id in ids}
    countries: dict[int, dict[str, Totals]] = {item_id: {} for item_id in ids}
    for item_id, country, participants, completions in rows:
        everyone[item_id][0] += participants
        everyone[item_id][1] += int(completions or 0)
        if country:
            countries[item_id][country] = Totals(participants, int(completions or 0))
    return {
        item_id: EditionTotals(Totals(*everyone[item_id]), countries[item_id]) for item_id in ids
    }


@dataclass(frozen=True)
class DayStep:
    number: int  # 1 for the first day
    people: int  # participants who checked in on the day's actions
    drop: int  # the day before (day 1: everyone who checked in) minus this day; negative: catch-ups


def day_funnels(entries: list[Edition], totals: dict[int, EditionTotals]) -> dict[int, list]:
    """Each edition's day-by-day funnel, exact (for staff): one grouped query over the check-ins."""
    if not entries:
        return {}
    counts = dict(
        ((item_id, day_index), people)
        for item_id, day_index, people in db.session.execute(
            select(
                EditionCheckIn.item_id,
                EditionCheckIn.day_index,
                func.count(func.distinct(EditionCheckIn.participant_id)),
            )
            .where(EditionCheckIn.item_id.in_([entry.item_id for entry in entries]))
            .group_by(EditionCheckIn.item_id, EditionCheckIn.day_index)
        )
    )
    funnels = {}
    for entry in entries:
        before = totals[entry.item_id].everyone.participants if entry.item_id in totals else 0
        steps = []
        for day in entry.days:
            people = counts.get((entry.item_id, day.index), 0)
            steps.append(DayStep(day.number, people, before - people))
            before = people
        funnels[entry.item_id] = steps
    return funnels
