"""Scheduled content goes live on time with nobody present.

A schedule is a revision waiting (`pending`) for its `publish_at`. The job worker's periodic job
`publish-scheduled-content` puts live what has come due, every minute (`flask content publish-due`
does the same by hand); a visitor's request never does. It is idempotent: a schedule is claimed by
one conditional UPDATE, so two runs (or two workers) never publish it twice. Going live writes the
content tables, which moves the content revision, so every server's cached texts are dropped.
"""

import datetime as dt
import logging
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.dates import format_datetime, get_timezone_location
from flask import has_request_context, session
from flask_babel import gettext as _
from huey import crontab
from sqlalchemy import case, select, update

from challenge import audit, jobs
from challenge.clock import utcnow
from challenge.extensions import db
from challenge.i18n.locales import current_locale
from challenge.staff.content import publishing, revisions
from challenge.staff.content.models import ContentRevision
from challenge.staff.content.operations import summary
from challenge.staff.content.targets import source_locale, target
from challenge.staff.content.validation import check

log = logging.getLogger(__name__)

# Who the audit log names for what the schedule publishes; `after` names who scheduled it.
SCHEDULER = audit.SCHEDULER

# The time zones offered: UTC and the Quad's, east to west.
ZONES = (
    "UTC",
    "Pacific/Guam",
    "Australia/Sydney",
    "Australia/Brisbane",
    "Australia/Adelaide",
    "Australia/Darwin",
    "Asia/Tokyo",
    "Australia/Perth",
    "Asia/Kolkata",
    "Europe/London",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Phoenix",
    "America/Los_Angeles",
    "America/Anchorage",
    "Pacific/Honolulu",
)
LOCALE_ZONES = {"hi": "Asia/Kolkata", "ja": "Asia/Tokyo"}
SESSION_KEY = "staff_timezone"
LOCAL_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$")


class BadTime(ValueError):
    """A date and time that cannot be scheduled; the message says why, translated."""


def zone_label(zone: str) -> str:
    if zone == "UTC":
        return _("Coordinated Universal Time (UTC)")
    return f"{get_timezone_location(zone, locale=current_locale())} · {zone}"


def zone_choices() -> list[tuple[str, str]]:
    return [(zone, zone_label(zone)) for zone in ZONES]


def chosen_zone() -> str:
    """The staff member's time zone: the last one they scheduled in, else their language's."""
    zone = session.get(SESSION_KEY) if has_request_context() else None
    return zone if zone in ZONES else LOCALE_ZONES.get(current_locale(), "UTC")


def remember_zone(zone: str) -> None:
    if zone in ZONES:
        session[SESSION_KEY] = zone


def to_utc(local: str, zone: str) -> dt.datetime:
    """A datetime-local value ("2026-04-10T09:00") in `zone`, as naive UTC."""
    try:
        naive = dt.datetime.fromisoformat((local or "").strip())
        tz = ZoneInfo(zone)
    except (ValueError, ZoneInfoNotFoundError):
        raise BadTime(_("Enter a date and time like 2026-04-10 09:00.")) from None
    if naive.tzinfo is not None or not 2000 <= naive.year <= 9000:
        raise BadTime(_("Enter a date and time like 2026-04-10 09:00."))
    aware = naive.replace(tzinfo=tz)
    if aware.astimezone(dt.UTC).astimezone(tz).replace(tzinfo=None) != naive:
        raise BadTime(
            _("That time does not exist in this time zone: the clocks change then. Choose another.")
        )
    return aware.astimezone(dt.UTC).replace(tzinfo=None)


def local_value(moment: dt.datetime | None, zone: str) -> str:
    """Naive UTC as a datetime-local value in `zone`."""
    if moment is None:
        return ""
    return moment.replace(tzinfo=dt.UTC).astimezone(ZoneInfo(zone)).strftime("%Y-%m-%dT%H:%M")


def shown(moment: dt.datetime, zone: str | None = None) -> str:
    """Naive UTC, written for people in their language and time zone."""
    zone = zone or chosen_zone()
    aware = moment.replace(tzinfo=dt.UTC)
    text = format_datetime(aware, "medium", tzinfo=ZoneInfo(zone), locale=current_locale())
    return f"{text} ({zone_label(zone)})"


def due(now: dt.datetime):
    """Schedules whose time has come: the earliest first, and a source before its translations."""
    return (
        select(ContentRevision.id)
        .where(ContentRevision.pending.is_(True), ContentRevision.publish_at <= now)
        .order_by(
            ContentRevision.publish_at,
            case((ContentRevision.locale == source_locale(), 0), else_=1),
            ContentRevision.id,
        )
    )


def promote(revision: ContentRevision, now: dt.datetime) -> bool:
    """Put one claimed schedule live, if its text may still go live; the audit log says which."""
    found = target(revision.kind, revision.slug, revision.locale)
    checked = check(found, revision.markdown)
    before = summary(found)
    if publishing.refusal(found, checked) is not None:
        audit.record(
            "content.schedule_failed",
            found.name,
            before=before,
            after={
                "revision": revision.number,
                "scheduled_by": revision.author,
                "errors": [str(problem) for problem in checked.errors][:5],
            },
            actor=SCHEDULER,
        )
        return False
    revisions.record_live(found, found.served())
    revision.published_at = now
    publishing.go_live(found, checked.file)
    audit.record(
        "content.publish",
        found.name,
        before=before,
        after={**summary(found), "scheduled_by": revision.author},
        actor=SCHEDULER,
    )
    return True


def publish_due(now: dt.datetime | None = None) -> list[tuple[str, int, bool]]:
    """Put every schedule that has come due live; (target, revision, went live) for each."""
    now = now or utcnow()
    done = []
    for revision_id in db.session.scalars(due(now)).all():
        claimed = db.session.execute(
            update(ContentRevision)
            .where(ContentRevision.id == revision_id, ContentRevision.pending.is_(True))
            .values(pending=False)
            .execution_options(synchronize_session=False)
        ).rowcount
        if claimed != 1:  # another server got there first
            db.session.rollback()
            continue
        revision = db.session.get(ContentRevision, revision_id)
        db.session.refresh(revision)
        name, number = revision.name, revision.number
        try:
            went_live = promote(revision, now)
            db.session.commit()
        except Exception:
            # Never retried on every request: the claim is kept and the failure recorded.
            log.exception("Scheduled revision %s #%s could not go live", name, number)
            db.session.rollback()
            give_up(revision_id)
            went_live = False
        done.append((name, number, went_live))
    return done


@jobs.periodic("publish-scheduled-content", crontab(minute="*"))
def publish_due_job() -> str:
    """The worker's every-minute run of publish_due; the outcome counts, names stay in the log."""
    done = publish_due()
    published = sum(1 for *_, went_live in done if went_live)
    return f"{published} published, {len(done) - published} failed"


def give_up(revision_id: int) -> None:
    revision = db.session.get(ContentRevision, revision_id)
    revision.pending = False
    audit.record(
        "content.schedule_failed",
        target(revision.kind, revision.slug, revision.locale).name,
        after={"revision": revision.number, "scheduled_by": revision.author},
        actor=SCHEDULER,
    )
    db.session.commit()


def has_due(now: dt.datetime) -> bool:
    return db.session.scalar(due(now).limit(1)) is not None
