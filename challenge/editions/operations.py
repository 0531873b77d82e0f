"""Checking in: one row per participant and action, ticked by a form (tasks) or by itself when
the participant reads the lesson, passes the quiz or takes the pledge of an open day."""

from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from challenge.conflicts import insert_unless_present
from challenge.content.models import ContentItem, utcnow
from challenge.content.queries import source_locale
from challenge.editions import hooks, queries, rules, standing, tallies
from challenge.editions.models import EditionCheckIn
from challenge.extensions import db
from challenge.participation.models import Participant
from challenge.participation.operations import created_now, noted, participant_for_action
from challenge.participation.registry import activity_listener, has_done, merger


class CheckInRefused(Exception):
    """Why a check-in was not taken, for the visitor, with the answer's status."""

    def __init__(self, message, status: int, action: queries.Action | None = None):
        super().__init__(str(message))
        self.message = message
        self.status = status
        self.action = action


UNKNOWN_ACTION = _l("This edition has no such action. Choose one from the edition's page.")
CLOSED = _l("This edition has ended, so it no longer takes check-ins. What you did is kept.")
DO_IT_FIRST = _l("This action ticks itself when you do it. Open it, and come back afterwards.")


def refusal(progress: standing.Progress, action: queries.Action | None) -> CheckInRefused | None:
    """Why this participant may not check in on the action now, or None when they may."""
    if action is None:
        return CheckInRefused(UNKNOWN_ACTION, 404)
    if progress.phase == rules.ENDED:
        return CheckInRefused(CLOSED, 409, action)
    if progress.phase == rules.UPCOMING:
        starts = format_date(progress.window.starts, "long")
        return CheckInRefused(
            _("This edition has not started yet. It starts on %(date)s.", date=starts), 409, action
        )
    if not progress.is_open(action.day_index):
        opens = format_date(progress.date_of(action.day_index), "long")
        return CheckInRefused(
            _("This day has not started yet where you are. Come back on %(date)s.", date=opens),
            409,
            action,
        )
    return None


TICKED = "edition_check_ins"  # (participant id, edition item id) ticked in this transaction


def _has_none_yet(participant: Participant, entry: queries.Edition) -> bool:
    """Known without a query to have no check-in in the edition: made by this transaction, which
    has ticked nothing of theirs in it yet (a brand-new visitor's first pledge, lesson or quiz)."""
    return created_now(participant) and (participant.id, entry.item_id) not in noted(TICKED)


def _record(participant: Participant, entry: queries.Edition, action: queries.Action) -> bool:
    """Insert the check-in unless there is one; tell the completion listeners if it finished the
    edition. False when it was there already (a replay, a double click, another tab)."""
    fresh = _has_none_yet(participant, entry)
    if fresh:
        before, rows = None, []
    else:
        before = standing.completion(participant, entry)
        rows = tallies.rows_of(participant.id, entry.item_id)
    now = utcnow()
    inserted = insert_unless_present(
        EditionCheckIn.__table__,
        {
            "participant_id": participant.id,
            "item_id": entry.item_id,
            "action_id": action.id,
            "day_index": action.day_index,
            "via": action.kind,
            "country": participant.country,
            "created_at": now,
        },
        ["participant_id", "item_id", "action_id"],
    )
    if inserted is None:
        return False
    noted(TICKED).add((participant.id, entry.item_id))
    organisation_id = participant.organisation_id
    tallies.bump_difference(
        tallies.share(entry.plan, entry.item_id, rows, organisation_id),
        tallies.share(
            entry.plan,
            entry.item_id,
            [*rows, tallies.Row(action.day_index, now, participant.country)],
            organisation_id,
        ),
    )
    if before is None:
        finished = (
            standing.completion_of(
                entry.plan,
                {action.id: standing.CheckIn(action.id, action.day_index, now)},
                participant.id,
                entry.item_id,
                entry.slug,
            )
            if fresh  # this check-in is their only one
            else standing.completion(participant, entry)
        )
        if finished is not None:
            hooks.completed(participant, finished)
    return True


def check_in(
    entry: queries.Edition, action_id: str, *, country: str | None, locale: str, participant
) -> bool:
    """Tick the action for the acting participant (made on their first action) and commit;
    False when it was ticked already. Raises CheckInRefused, having written nothing, when it may
    not be ticked: an unknown action, a day not open yet, an edition not running, or a lesson,
    quiz or pledge the participant has not done yet (those tick by themselves when done)."""
    action = entry.action(action_id)
    # The window is that of the country the participant has, or gives with this action.
    progress = standing.progress(participant, entry, country=country)
    refused = refusal(progress, action)
    # A lesson, quiz or pledge done before its day opened is ticked now, on request.
    if (
        refused is None
        and not action.is_task
        and not has_done(action.kind, action.ref, participant, action.min_score)
    ):
        refused = CheckInRefused(DO_IT_FIRST, 409, action)
    if refused is not None:
        raise refused
    participant = participant_for_action(country, locale)
    ticked = _record(participant, entry, action)
    db.session.commit()
    return ticked


def _quiz_pass_mark(slug: str) -> int:
    data = db.session.scalar(
        select(ContentItem.data).where(ContentItem.kind == "quiz", ContentItem.slug == slug)
    )
    return (data or {}).get("pass_mark", 70)


@activity_listener
def tick_matching_actions(
    kind: str, slug: str, participant: Participant, score: int | None
) -> None:
    """Reading a lesson, passing a quiz or taking a pledge ticks every matching action of a
    running edition whose day is open for the participant; in the caller's transaction."""
    for entry in queries.editions(source_locale()):
        for day in entry.days:
            for action in day.actions:
                if action.kind != kind or action.ref != slug:
                    continue
                if kind == "quiz":
                    needed = action.min_score or _quiz_pass_mark(slug)
                    if score is None or score < needed:
                        continue
                known = {} if _has_none_yet(participant, entry) else None
                progress = standing.progress(participant, entry, done=known)
                if refusal(progress, action) is None:
                    _record(participant, entry, action)


@merger
def merge_check_ins(anonymous: Participant, into: Participant) -> None:
    """Move the browser's check-ins to the account; where both did an action, the earlier stays.
    An edition the merge finishes is announced to the completion listeners."""
    rows = db.session.scalars(
        select(EditionCheckIn).where(EditionCheckIn.participant_id.in_([anonymous.id, into.id]))
    ).all()
    if not rows:
        return
    entries = {entry.item_id: entry for entry in queries.editions(source_locale())}
    touched = {row.item_id for row in rows if row.item_id in entries}
    # Both have left their organisations by now (participation.operations.merge).
    shares_before = [
        part
        for item_id in sorted(touched)
        for who in (anonymous, into)
        for part in tallies.share(
            entries[item_id].plan, item_id, tallies.rows_of(who.id, item_id), None
        )
    ]
    before = {
        item_id: standing.completion(into, entry)
        for item_id, entry in entries.items()
        if any(row.item_id == item_id for row in rows)
    }
    kept: dict[tuple[int, str], EditionCheckIn] = {}
    for row in sorted(rows, key=lambda row: (row.created_at, row.participant_id != into.id)):
        key = (row.item_id, row.action_id)
        if key not in kept:
            kept[key] = row
    for row in rows:
        if kept[(row.item_id, row.action_id)] is not row:
            db.session.delete(row)
    db.session.flush()  # the duplicates go before the rows move, or the unique index objects
    for row in kept.values():
        row.participant_id = into.id
    db.session.flush()
    tallies.bump_difference(
        shares_before,
        [
            part
            for item_id in sorted(touched)
            for part in tallies.share(
                entries[item_id].plan, item_id, tallies.rows_of(into.id, item_id), None
            )
        ],
    )
    for item_id, was in before.items():
        if was is None:
            finished = standing.completion(into, entries[item_id])
            if finished is not None:
                hooks.completed(into, finished)
