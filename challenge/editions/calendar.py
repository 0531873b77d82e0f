"""An edition's days as an iCalendar file (RFC 5545, built by the `icalendar` library): one
all-day event per day on the local dates of the visitor's window, with the day's actions and a
link back to the edition page, in the reader's language (docs/editions.md).

All-day events (DATE values) fall on the window's own local dates wherever the calendar is
shown, so they need no VTIMEZONE; the window's zone is named in X-WR-TIMEZONE and in each
description. A UID names the edition and the day only, so importing the file again, in another
language or for another country, updates the events instead of adding copies.
"""

import datetime as dt
import re
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import format_number
from flask_babel import gettext as _
from icalendar import Calendar, Event

from challenge.clock import utcnow
from challenge.content.queries import published_item
from challenge.editions import rules
from challenge.editions.queries import Action, Edition
from challenge.urls import public_url

PRODID = "-//Quad Cyber Challenge//Editions//EN"
COUNTRY = re.compile(r"^[A-Za-z]{2}$")


class BadCountry(ValueError):
    """A ?country= that is not a two-letter country code."""


def chosen_country(asked: str | None, saved: str | None) -> str | None:
    """The country whose window the file follows: the one asked for, or the participant's own.
    A code with no window of its own gets the default window (rules.window_for)."""
    if asked is None or asked == "":
        return saved
    if not COUNTRY.match(asked):
        raise BadCountry(asked)
    return asked.lower()


def action_title(action: Action, locale: str) -> str:
    if action.is_task:
        return action.title or action.id
    item = published_item(action.kind, action.ref, locale)
    return item.title if item is not None else (action.ref or action.id)


def day_description(entry: Edition, day, window: rules.Window, locale: str, link: str) -> str:
    lines = []
    for action in day.actions:
        lines.append(f"• {action_title(action, locale)}")
        if action.is_task and action.how:
            lines.append(f"  {_('How:')} {action.how}")
    lines += [
        "",
        _("Dates in %(zone)s time.", zone=window.time_zone),
        _("Check in on the edition page: %(url)s", url=link),
    ]
    return "\n".join(lines)


def edition_calendar(entry: Edition, country: str | None, locale: str) -> bytes:
    """The .ics file of the edition in the window of `country` (None: the default window)."""
    window = rules.window_for(entry.plan, country)
    host = urlsplit(current_app.config["PUBLIC_URL"]).hostname or "localhost"
    stamp = utcnow().replace(tzinfo=dt.UTC, microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", entry.title)
    calendar.add("x-wr-timezone", window.time_zone)
    total = len(entry.days)
    for day in entry.days:
        date = window.starts + dt.timedelta(days=day.index)
        link = public_url(
            "editions.edition", slug=entry.slug, locale=locale, _anchor=f"day-{day.number}"
        )
        event = Event()
        event.add("uid", f"{entry.slug}-day-{day.number}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", date)
        event.add("dtend", date + dt.timedelta(days=1))
        event.add("transp", "TRANSPARENT")  # a reminder, not a busy day
        event.add(
            "summary",
            _(
                "%(edition)s, day %(number)s of %(total)s: %(title)s",
                edition=entry.title,
                number=format_number(day.number),
                total=format_number(total),
                title=day.title,
            ),
        )
        event.add("description", day_description(entry, day, window, locale, link))
        event.add("url", link)
        calendar.add_component(event)
    return calendar.to_ical()


def file_name(entry: Edition, country: str | None) -> str:
    return f"{entry.slug}-{country}.ics" if country in entry.plan.windows else f"{entry.slug}.ics"
