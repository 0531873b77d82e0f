"""In the worker: the confirmation message, the daily reminders and the purge."""

import datetime as dt
import zoneinfo

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from huey import crontab
from sqlalchemy import delete, select

from challenge import jobs, mail
from challenge.clock import utcnow
from challenge.content.models import ContentItem
from challenge.content.queries import published_item
from challenge.editions import rules
from challenge.editions.queries import edition as find_edition
from challenge.editions.reminders import tokens
from challenge.editions.reminders.models import EditionReminder
from challenge.editions.reminders.operations import (
    CONFIRM_JOB,
    REMINDER_JOB,
    queue_reminder,
    unconfirmed_before,
)
from challenge.extensions import db
from challenge.urls import public_url

REMINDER_HOUR = 9  # local time in the subscriber's window
CONFIRM_SUBJECT = _l("Confirm your daily reminders")
REMINDER_SUBJECT = _l("Day %(number)s of %(title)s")


def edition_of(reminder: EditionReminder):
    item = db.session.get(ContentItem, reminder.item_id)
    return find_edition(item.slug, reminder.locale) if item is not None else None


def window_of(reminder: EditionReminder, entry) -> rules.Window:
    return rules.window_for(entry.plan, reminder.country)


@jobs.handler(CONFIRM_JOB)
def send_confirmation(payload: dict, key: str) -> None:
    reminder = db.session.get(EditionReminder, payload["id"])
    entry = edition_of(reminder) if reminder is not None else None
    if entry is None or reminder.confirmed_at is not None:
        db.session.rollback()
        return
    link = public_url(
        "editions.confirm_reminders", token=tokens.confirm_token(reminder), locale=reminder.locale
    )
    with force_locale(reminder.locale):
        subject = str(CONFIRM_SUBJECT)
    text, html = mail.render(
        "editions/reminders/email/confirm", reminder.locale, edition=entry, link=link
    )
    mail.send_once(key, mail.compose(reminder.email, subject, text, html, key))


def action_titles(entry, day, locale: str) -> list[str]:
    titles = []
    for action in day.actions:
        if action.is_task:
            titles.append(action.title)
        else:
            item = published_item(action.kind, action.ref, locale)
            titles.append(item.title if item is not None else action.kind)
    return titles


@jobs.handler(REMINDER_JOB)
def send_reminder(payload: dict, key: str) -> None:
    reminder = db.session.get(EditionReminder, payload["id"])
    if reminder is None or reminder.confirmed_at is None:  # unsubscribed since it was queued
        db.session.rollback()
        return
    entry = edition_of(reminder)
    if entry is None or not 0 <= payload["day"] < len(entry.days):
        db.session.rollback()
        return
    day = entry.days[payload["day"]]
    locale = reminder.locale
    unsubscribe = public_url(
        "editions.unsubscribe_reminders", token=tokens.unsubscribe_token(reminder), locale=locale
    )
    link = public_url("editions.edition", slug=entry.slug, locale=locale)
    with force_locale(locale):
        subject = str(REMINDER_SUBJECT % {"number": day.number, "title": entry.title})
    text, html = mail.render(
        "editions/reminders/email/daily",
        locale,
        edition=entry,
        day=day,
        titles=action_titles(entry, day, locale),
        link=link,
        unsubscribe=unsubscribe,
    )
    headers = {
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",  # RFC 8058
    }
    mail.send_once(key, mail.compose(reminder.email, subject, text, html, key, headers))


def due_day(window: rules.Window, now: dt.datetime) -> int | None:
    """Today's day index once it is REMINDER_HOUR in the window's zone, while the edition runs."""
    local = now.replace(tzinfo=dt.UTC).astimezone(zoneinfo.ZoneInfo(window.time_zone))
    if rules.phase(window, local.date()) != rules.RUNNING or local.hour < REMINDER_HOUR:
        return None
    return rules.day_index(window, local.date())


@jobs.periodic("edition-reminders", crontab(minute="*/15"))
def queue_due_reminders() -> str:
    now, queued = utcnow(), 0
    reminders = db.session.scalars(
        select(EditionReminder).where(EditionReminder.confirmed_at.is_not(None))
    ).all()
    for reminder in reminders:
        entry = edition_of(reminder)
        if entry is None:
            continue
        index = due_day(window_of(reminder, entry), now)
        if index is not None and queue_reminder(reminder, index):
            queued += 1
    db.session.commit()
    return f"{queued} queued"


@jobs.periodic("purge-edition-reminders", crontab(minute="41", hour="*"))
def purge_reminders() -> str:
    """Addresses whose edition has ended (or is gone), and requests never confirmed in time."""
    now, ended = utcnow(), []
    for reminder in db.session.scalars(select(EditionReminder)).all():
        entry = edition_of(reminder)
        if entry is None:
            ended.append(reminder.id)
            continue
        window = window_of(reminder, entry)
        if rules.phase(window, rules.local_date(window, now)) == rules.ENDED:
            ended.append(reminder.id)
    stale = unconfirmed_before(now - dt.timedelta(seconds=tokens.CONFIRM_MAX_AGE))
    ended += [reminder.id for reminder in db.session.scalars(stale)]
    if ended:
        db.session.execute(delete(EditionReminder).where(EditionReminder.id.in_(set(ended))))
    db.session.commit()
    return f"{len(set(ended))} deleted"
