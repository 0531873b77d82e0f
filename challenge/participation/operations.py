"""Writes to participants: creating one on the first action, choosing a country, merging two."""

from flask_login import current_user
from sqlalchemy import delete, select, update

from challenge.content.models import utcnow
from challenge.extensions import db
from challenge.participation import tallies
from challenge.participation.identity import (
    bind_to_browser,
    browser_participant,
    current_participant,
)
from challenge.participation.models import Participant


def participant_for_action(country: str | None, locale: str) -> Participant:
    """The acting participant, created (and counted) on the first action; the caller commits."""
    participant = current_participant()
    if participant is None:
        participant = Participant(
            country=country,
            locale=locale,
            account_id=current_user.id if current_user.is_authenticated else None,
            created_at=utcnow(),
        )
        db.session.add(participant)
        db.session.flush()
        tallies.count_participant(country, participant.created_at.date())
        bind_to_browser(participant)
    else:
        participant.locale = locale
        if country and country != participant.country:
            change_country(participant, country)
    return participant


def change_country(participant: Participant, country: str) -> None:
    """Move the participant's count to the new country; past actions stay where they happened."""
    day = participant.created_at.date()
    tallies.count_participant(participant.country, day, sign=-1)
    participant.country = country
    tallies.count_participant(country, day)


def merge(anonymous: Participant, into: Participant) -> None:
    """Fold an anonymous browser's participation into an account's, counting nothing twice."""
    from challenge.participation.registry import MERGERS

    for merge_rows in MERGERS:
        merge_rows(anonymous, into)
    tallies.count_participant(anonymous.country, anonymous.created_at.date(), sign=-1)
    if into.country is None and anonymous.country:
        into.country = anonymous.country
        tallies.count_participant(into.country, into.created_at.date())
    db.session.delete(anonymous)


def claim_for_account(account_id: int) -> Participant | None:
    """At sign-up or log-in: link or merge this browser's anonymous participation into the account."""
    browser = browser_participant()
    owned = db.session.scalar(select(Participant).where(Participant.account_id == account_id))
    if browser is not None and browser.account_id is None:
        if owned is None:
            browser.account_id = account_id
            owned = browser
        elif browser.id != owned.id:
            merge(browser, owned)
    db.session.flush()
    bind_to_browser(owned)
    return owned


def forget_account(account_id: int) -> None:
    """Keep the anonymous counts of a deleted account, but nothing that identifies the person."""
    db.session.execute(
        update(Participant)
        .where(Participant.account_id == account_id)
        .values(
            account_id=None,
            display_name=None,
            show_name=False,
            token=Participant.token + "-deleted",
        )
    )


def merge_once_per_item(
    model, action: str, scope_of, anonymous: Participant, into: Participant
) -> None:
    """Move `model` rows to `into`; rows for items it already has are dropped and uncounted."""
    kept = set(db.session.scalars(select(model.item_id).where(model.participant_id == into.id)))
    for row in db.session.scalars(select(model).where(model.participant_id == anonymous.id)).all():
        if row.item_id in kept:
            tallies.count_action(
                action, row.country, scope_of(row.item_id), row.created_at.date(), sign=-1
            )
            db.session.execute(delete(model).where(model.id == row.id))
        else:
            row.participant_id = into.id
    db.session.flush()
