"""Writes to participants: creating one on the first action, choosing a country, joining an
organisation, merging two."""

import datetime as dt
from collections import Counter, defaultdict

from flask_login import current_user
from sqlalchemy import event, select, update
from sqlalchemy.orm import Session, make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value

from challenge.clock import utcnow
from challenge.conflicts import insert_unless_present
from challenge.extensions import db
from challenge.participation import tallies
from challenge.participation.identity import (
    bind_to_browser,
    browser_participant,
    current_participant,
)
from challenge.participation.models import Participant
from challenge.participation.origin import current_origin
from challenge.participation.registry import CONTRIBUTIONS, MERGERS

NOTES = "participation_notes"  # in Session.info: what this transaction did, by name
CREATED = "participants_created"


def noted(name: str) -> set:
    """A set kept for the current transaction alone (emptied when it commits or rolls back): what
    it has done, so later steps of the same transaction can skip looking it up."""
    return db.session.info.setdefault(NOTES, {}).setdefault(name, set())


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _forget_notes(session) -> None:
    session.info.pop(NOTES, None)


def created_now(participant: Participant) -> bool:
    """Whether this transaction made the participant: nothing of theirs predates it, so a feature
    need not look up what they did before (a brand-new visitor's first pledge)."""
    return participant.id in noted(CREATED)


def participant_for_action(country: str | None, locale: str) -> Participant:
    """The acting participant, created (and counted) on the first action; the caller commits."""
    participant = current_participant()
    if participant is None:
        now = utcnow()
        participant = _inserted_participant(
            country=country,
            locale=locale,
            account_id=current_user.id if current_user.is_authenticated else None,
            created_at=now,
            origin=current_origin(now.date()),
        )
        if participant is None:  # the account's other request (another tab) made it just now
            participant = db.session.scalar(
                select(Participant).where(Participant.account_id == current_user.id)
            )
            bind_to_browser(participant)
            return participant_for_action(country, locale)
        tallies.count_participant(country, now.date())
        noted(CREATED).add(participant.id)
        bind_to_browser(participant)
    else:
        participant.locale = locale
        if country and country != participant.country:
            change_country(participant, country)
    return participant


_PARTICIPANTS = Participant.__table__


def _column_defaults() -> dict:
    """Every column's default as the model declares it (a fresh token each time), so the object
    attached after the insert holds every value and never reads its row back."""
    values = {}
    for column in _PARTICIPANTS.columns:
        if column.primary_key:
            continue
        default = column.default
        if default is None:
            values[column.name] = None
        else:
            values[column.name] = default.arg(None) if default.is_callable else default.arg
    return values


def _inserted_participant(**values) -> Participant | None:
    """A new participant, inserted by one statement and then attached to the session as if it had
    been loaded: every new visitor's first action makes one, and the unit of work would cost
    three times as much. Later changes to it are written by the session as usual. None when the
    account already has one (a concurrent first action of the same account won)."""
    values = {**_column_defaults(), **values}
    inserted = insert_unless_present(_PARTICIPANTS, values, ["account_id"])
    if inserted is None:
        return None
    values["id"] = inserted
    participant = Participant(**values)
    make_transient_to_detached(participant)
    db.session.add(participant)
    return participant


def change_country(participant: Participant, country: str) -> None:
    """Move the participant's count to the new country; past actions stay where they happened."""
    day = participant.created_at.date()
    tallies.count_participant(participant.country, day, sign=-1)
    participant.country = country
    tallies.count_participant(country, day)


def set_country(participant: Participant, country: str) -> None:
    """The participant's own change of country, from their page."""
    if country != participant.country:
        change_country(participant, country)
        db.session.commit()


class MembershipChanged(Exception):
    """Another request changed the participant's organisation since it was read."""


def _membership_changes(
    participant: Participant, organisation_id: int, joined: dt.date
) -> dict[dt.date, Counter]:
    """Per day, what the participant adds to the organisation's tallies as a member."""

    by_day: dict[dt.date, Counter] = defaultdict(Counter)
    # Members are counted on the day they joined: the dashboard charts joins, not first visits.
    by_day[joined][("participants", tallies.organisation_scope(organisation_id))] += 1
    for contributions in CONTRIBUTIONS:
        for changes, day in contributions(participant, organisation_id):
            by_day[day].update(tallies.only_organisation(changes, organisation_id))
    return by_day


def _bump_membership(
    participant: Participant, organisation_id: int, joined: dt.date, sign: int
) -> None:
    for day, changes in sorted(_membership_changes(participant, organisation_id, joined).items()):
        tallies.bump({key: sign * delta for key, delta in changes.items()}, day)


def set_organisation(
    participant: Participant, organisation_id: int | None, joined_at: dt.datetime | None = None
) -> None:
    """Move the participant, with everything they did, out of their organisation and into another
    (or none); the caller commits. Raises MembershipChanged if a concurrent request got there first,
    and the caller rolls back.
    """
    old, old_joined = participant.organisation_id, participant.joined_at
    if old == organisation_id:
        return
    joined_at = (joined_at or utcnow()) if organisation_id is not None else None
    # Compare-and-set, so two concurrent joins (a double click) cannot both count the member.
    unchanged = (
        Participant.organisation_id.is_(None) if old is None else Participant.organisation_id == old
    )
    db.session.flush()
    result = db.session.execute(
        update(Participant)
        .where(Participant.id == participant.id, unchanged)
        .values(organisation_id=organisation_id, joined_at=joined_at)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise MembershipChanged(participant.id)
    set_committed_value(participant, "organisation_id", organisation_id)
    set_committed_value(participant, "joined_at", joined_at)
    if old is not None:
        _bump_membership(participant, old, old_joined.date(), -1)
        participant.share_name_with_org = False
    if organisation_id is not None:
        _bump_membership(participant, organisation_id, joined_at.date(), 1)


def merge(anonymous: Participant, into: Participant) -> None:
    """Fold an anonymous browser's participation into an account's, counting nothing twice.

    Both leave their organisations while rows move; the account then rejoins its own (or, having
    none, the browser's), so the organisation counts the merged rows once.
    """

    keep = into if into.organisation_id is not None else anonymous
    organisation_id, joined_at = keep.organisation_id, keep.joined_at
    share_name = keep.share_name_with_org
    set_organisation(anonymous, None)
    set_organisation(into, None)
    for merge_rows in MERGERS:
        merge_rows(anonymous, into)
    tallies.count_participant(anonymous.country, anonymous.created_at.date(), sign=-1)
    if into.country is None and anonymous.country:
        into.country = anonymous.country
        tallies.count_participant(into.country, into.created_at.date())
    db.session.delete(anonymous)
    db.session.flush()
    if organisation_id is not None:
        set_organisation(into, organisation_id, joined_at)
        into.share_name_with_org = share_name


def claim_for_account(account_id: int) -> Participant | None:
    """At sign-up or log-in: link or merge this browser's anonymous participation into the account."""
    browser = browser_participant()
    owned = db.session.scalar(select(Participant).where(Participant.account_id == account_id))
    if browser is not None and browser.account_id is None and browser.discount_batch is None:
        if owned is None:
            browser.account_id = account_id
            owned = browser
        elif browser.id != owned.id:
            merge(browser, owned)
    db.session.flush()
    bind_to_browser(owned)
    return owned


def forget_account(account_id: int) -> None:
    """Keep the anonymous counts of a deleted account, but nothing that identifies the person.

    The participant stays a member of its organisation, so the organisation's totals do not drop.
    """
    from challenge.participation.registry import FORGETTERS

    participant_id = db.session.scalar(
        select(Participant.id).where(Participant.account_id == account_id)
    )
    if participant_id is not None:
        for forget in FORGETTERS:
            forget(participant_id)
    db.session.execute(
        update(Participant)
        .where(Participant.account_id == account_id)
        .values(
            account_id=None,
            display_name=None,
            show_name=False,
            share_name_with_org=False,
            token=Participant.token + "-deleted",
        )
    )
