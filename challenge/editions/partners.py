"""Organisations in an edition: their admins sign them on (audited), those that agree appear on the
edition's partner list, and each signed-on organisation's admins see its members' funnel: how many
started, checked in on each day (with the drop from the day before) and finished. Every figure under
the privacy threshold is held back, and all of them while fewer than that many members started, like
the organisation dashboard's; so is any figure within the threshold of another shown, so that no
subtraction (a drop between days, say) singles out a few people (suppressed_steps)."""

import csv
import io
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import func, select

from challenge import audit
from challenge.clock import utcnow
from challenge.editions import queries
from challenge.editions.models import EditionCheckIn, EditionPartner
from challenge.editions.tallies import COMPLETIONS, organisation_scope
from challenge.extensions import db
from challenge.moderation.names import public_organisation_columns
from challenge.participation import tallies
from challenge.participation.models import Participant
from challenge.participation.organisations import Organisation
from challenge.participation.public import suppress
from challenge.spreadsheets import safe_cell


def partner(item_id: int, organisation_id: int) -> EditionPartner | None:
    return db.session.scalar(
        select(EditionPartner).where(
            EditionPartner.item_id == item_id, EditionPartner.organisation_id == organisation_id
        )
    )


def sign_on(entry: queries.Edition, organisation: Organisation, *, listed: bool, actor) -> bool:
    """Sign the organisation on (or change whether it is listed), audited, and commit; False when
    nothing changed (a replay)."""
    row = partner(entry.item_id, organisation.id)
    before = None if row is None else {"listed": row.listed}
    if row is None:
        row = EditionPartner(
            item_id=entry.item_id,
            organisation_id=organisation.id,
            listed=listed,
            signed_on_at=utcnow(),
            signed_on_by_id=actor.id,
        )
        db.session.add(row)
    elif row.listed == listed:
        return False
    row.listed = listed
    audit.record(
        "editions.sign_on",
        f"edition:{entry.slug} organisation:{organisation.slug}",
        before=before,
        after={"listed": listed},
        actor=actor,
    )
    db.session.commit()
    return True


def listed_partners(item_id: int) -> list[str]:
    """The names of the signed-on organisations that agreed to be listed: verified, with names
    moderators approved, in alphabetical order."""
    name, _slug = public_organisation_columns()
    names = db.session.scalars(
        select(name)
        .join(EditionPartner, EditionPartner.organisation_id == Organisation.id)
        .where(
            EditionPartner.item_id == item_id,
            EditionPartner.listed.is_(True),
            Organisation.verified_at.is_not(None),
        )
    )
    return sorted((each for each in names if each is not None), key=str.casefold)


@dataclass(frozen=True)
class Funnel:
    k: int
    started: int | None  # None: held back
    days: list[int | None]  # members who checked in on each day, in order
    completed: int | None
    # The drop into each day: the step before (day 1: those who started) minus this day; None
    # when either figure is held back. Negative when catching up brought more people to a day.
    drops: list[int | None] = field(default_factory=list)

    @property
    def rate(self) -> int | None:
        if self.started is None or self.completed is None:
            return None
        return round(100 * self.completed / self.started)


def safe_pair(shown: int, value: int, k: int) -> bool:
    """Whether `value` may be shown next to the figure `shown` already is: the smaller of the two
    as a group within the larger, under complementary suppression (participation.public.suppress),
    so that neither is under k and their difference, which anyone can work out, is 0 or at least
    k: no drop between days singles out a few people."""
    smaller, larger = sorted((shown, value))
    return bool(suppress([smaller], lambda figure: figure, larger, k).shown)


def suppressed_steps(started: int, per_day: list[int], completed: int, k: int) -> Funnel:
    """The funnel's figures, each held back when it is under k or within k of any figure shown
    before it (every day's members and the finishers are among those who started, so a small
    difference would be a small group of people); the drop into a day is shown when the day and
    the step before it both are."""
    if started < k:
        return Funnel(k, None, [None] * len(per_day), None, [None] * len(per_day))
    shown = [started]

    def kept(value: int) -> int | None:
        if all(safe_pair(figure, value, k) for figure in shown):
            shown.append(value)
            return value
        return None

    days = [kept(count) for count in per_day]
    previous = [started, *days[:-1]]
    drops = [
        None if before is None or after is None else before - after
        for before, after in zip(previous, days, strict=True)
    ]
    return Funnel(k, started, days, kept(completed), drops)


def funnel(entry: queries.Edition, organisation_id: int, k: int) -> Funnel:
    """The organisation's current members in the edition: one grouped query and one tally."""
    members = EditionCheckIn.participant_id.in_(
        select(Participant.id).where(Participant.organisation_id == organisation_id)
    )
    base = select(func.count(func.distinct(EditionCheckIn.participant_id))).where(
        EditionCheckIn.item_id == entry.item_id, members
    )
    started = db.session.scalar(base) or 0
    per_day = dict(
        db.session.execute(
            select(
                EditionCheckIn.day_index, func.count(func.distinct(EditionCheckIn.participant_id))
            )
            .where(EditionCheckIn.item_id == entry.item_id, members)
            .group_by(EditionCheckIn.day_index)
        ).all()
    )
    completed = tallies.read_one(COMPLETIONS, organisation_scope(entry.item_id, organisation_id))
    return suppressed_steps(
        started, [per_day.get(day.index, 0) for day in entry.days], completed or 0, k
    )


def funnel_csv(entry: queries.Edition, organisation: Organisation, figures: Funnel) -> str:
    """The funnel as CSV in the reader's language; held-back figures are empty cells."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [safe_cell(_("Step")), safe_cell(_("Members")), safe_cell(_("Drop from the step before"))]
    )
    writer.writerow([safe_cell(_("Started")), safe_cell(figures.started), ""])
    for day, count, drop in zip(entry.days, figures.days, figures.drops, strict=True):
        label = _("Day %(number)s", number=day.number) + ": " + day.title
        writer.writerow([safe_cell(label), safe_cell(count), safe_cell(drop)])
    writer.writerow([safe_cell(_("Finished")), safe_cell(figures.completed), ""])
    writer.writerow([safe_cell(_("Completion rate (%)")), safe_cell(figures.rate), ""])
    return out.getvalue()
