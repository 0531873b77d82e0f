"""Writes of reminder subscriptions; the caller commits. Messages go through the job queue."""

import datetime as dt

from sqlalchemy import delete, select

from challenge import jobs
from challenge.accounts import consents
from challenge.clock import utcnow
from challenge.editions.reminders.models import EditionReminder, new_nonce
from challenge.extensions import db

CONFIRM_JOB = "editions.reminder-confirm"
REMINDER_JOB = "editions.reminder"


def subscribe(item_id: int, email: str, locale: str, country: str | None) -> None:
    """Store the address unconfirmed and queue its confirmation message. An address already
    confirmed is left as it is and sent nothing: the visitor is told the same either way."""
    reminder = db.session.scalar(
        select(EditionReminder).where(
            EditionReminder.item_id == item_id, EditionReminder.email == email
        )
    )
    if reminder is not None and reminder.confirmed_at is not None:
        return
    if reminder is None:
        reminder = EditionReminder(item_id=item_id, email=email, locale=locale, country=country)
        db.session.add(reminder)
    else:
        reminder.locale, reminder.country, reminder.nonce = locale, country, new_nonce()
    db.session.flush()
    jobs.enqueue(CONFIRM_JOB, f"{CONFIRM_JOB}:{reminder.id}:{reminder.nonce}", {"id": reminder.id})


def confirm(reminder_id: int, nonce: str) -> bool:
    reminder = db.session.get(EditionReminder, reminder_id)
    if reminder is None or reminder.nonce != nonce:
        return False
    if reminder.confirmed_at is None:
        reminder.confirmed_at = utcnow()
    return True


def unsubscribe(reminder_id: int) -> None:
    """Delete the subscription: queued reminders find no row and send nothing."""
    reminder = db.session.get(EditionReminder, reminder_id)
    if reminder is not None:
        db.session.delete(reminder)


def queue_reminder(reminder: EditionReminder, day_index: int) -> bool:
    """One job per subscriber and day, whatever how often this runs."""
    key = f"{REMINDER_JOB}:{reminder.id}:{day_index}"
    return jobs.enqueue(REMINDER_JOB, key, {"id": reminder.id, "day": day_index}) is not None


def unconfirmed_before(moment: dt.datetime):
    return select(EditionReminder).where(
        EditionReminder.confirmed_at.is_(None), EditionReminder.created_at < moment
    )


@consents.on_withdrawal(consents.REMINDERS)
def stop_reminders(account) -> None:
    """Withdrawn on the account page: every subscription of the account's address goes, so
    reminders already queued find no row and send nothing."""
    db.session.execute(delete(EditionReminder).where(EditionReminder.email == account.email))
