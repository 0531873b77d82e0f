"""Writes from the content section: save a draft, publish, schedule, archive, restore.

Each adds a revision and an audit entry in one transaction. A draft never changes what the
public sees; publishing copies the text into the served tables as `flask content sync` would.
"""

import datetime as dt
from dataclasses import dataclass, field

from flask import current_app
from flask_babel import gettext as _

from challenge import audit
from challenge.clock import utcnow
from challenge.config import translation_locales
from challenge.extensions import db
from challenge.staff.content import publishing, queries, revisions
from challenge.staff.content.models import ARCHIVED, DRAFT, PUBLISHED, SCHEDULED, ContentRevision
from challenge.staff.content.targets import Target
from challenge.staff.content.validation import Checked, check, normalise, with_status


@dataclass
class Outcome:
    ok: bool
    checked: Checked | None = None
    revision: ContentRevision | None = None
    reason: str | None = None  # why nothing was saved, for the page
    withdrawn: list[str] = field(default_factory=list)


def summary(target: Target) -> dict:
    """What the audit log keeps of a target's state: never the text itself."""
    cell = queries.cell(target)
    served = target.served()
    item = target.item()
    return {
        "state": cell.state,
        "revision": cell.revision,
        "version": item.version if item is not None and target.is_source else cell.source_version,
        "checksum": served.checksum[:12] if served is not None else None,
    }


def source_text(target: Target) -> str | None:
    """For a translation of an item not published yet: its source's newest text."""
    if target.is_source or target.source.served() is not None:
        return None
    pending = revisions.pending(target.source)
    latest = pending or revisions.latest(target.source)
    return latest.markdown if latest is not None else None


def save_draft(target: Target, text: str, *, author, note: str = "", restored_from=None) -> Outcome:
    checked = check(target, text, source_text=source_text(target))
    before = summary(target)
    revisions.record_live(target, target.served())
    revision = revisions.add(
        target,
        checked.text,
        DRAFT,
        author=author,
        valid=checked.valid,
        note=note,
        restored_from=restored_from,
    )
    audit.record(
        "content.save",
        target.name,
        before=before,
        after={**summary(target), "valid": checked.valid},
    )
    db.session.commit()
    return Outcome(True, checked, revision)


def publish(
    target: Target, text: str, *, author, note: str = "", withdraw: bool = False, restored_from=None
) -> Outcome:
    checked = check(target, with_status(normalise(text), PUBLISHED))
    reason = publishing.refusal(target, checked, withdraw=withdraw)
    if reason:
        return Outcome(False, checked, reason=publishing.explain(reason))
    before = summary(target)
    revisions.record_live(target, target.served())
    revisions.cancel_pending(target)
    revision = revisions.add(
        target,
        checked.text,
        PUBLISHED,
        author=author,
        note=note,
        published_at=utcnow(),
        restored_from=restored_from,
    )
    publishing.go_live(target, checked.file)
    withdrawn = []
    if withdraw:
        for locale in sorted(checked.breaks):
            translation = Target(target.kind, target.slug, locale)
            take_down(translation, author=author, reason="withdrawn: no longer matches the source")
            withdrawn.append(locale)
    audit.record("content.publish", target.name, before=before, after=summary(target))
    db.session.commit()
    return Outcome(True, checked, revision, withdrawn=withdrawn)


def schedule(target: Target, text: str, when: dt.datetime, *, author, note: str = "") -> Outcome:
    """Save a text to go live at `when` (naive UTC), without anyone present."""
    checked = check(
        target, with_status(normalise(text), PUBLISHED), source_text=source_text(target)
    )
    if when <= utcnow():
        return Outcome(False, checked, reason=_("Choose a time in the future."))
    source_due = None
    if not target.is_source and target.source.served() is None:
        pending = revisions.pending(target.source)
        if pending is not None and pending.publish_at <= when:
            source_due = pending.publish_at
    reason = publishing.refusal(target, checked, source_due=source_due)
    if reason:
        return Outcome(False, checked, reason=publishing.explain(reason))
    before = summary(target)
    revisions.record_live(target, target.served())
    revisions.cancel_pending(target)
    revision = revisions.add(
        target, checked.text, SCHEDULED, author=author, note=note, publish_at=when, pending=True
    )
    audit.record(
        "content.schedule",
        target.name,
        before=before,
        after={**summary(target), "publish_at": when.isoformat() + "Z"},
    )
    db.session.commit()
    return Outcome(True, checked, revision)


def take_down(target: Target, *, author, reason: str = "") -> ContentRevision | None:
    """Archive one target: keep its text as an archived revision, then stop serving it."""
    served = target.served()
    latest = revisions.latest(target)
    text = served.markdown if served is not None else latest.markdown if latest else None
    if text is None:
        return None
    before = summary(target)
    revisions.record_live(target, served)
    revisions.cancel_pending(target)
    revision = revisions.add(target, text, ARCHIVED, author=author, note=reason)
    publishing.take_down(target)
    audit.record("content.archive", target.name, before=before, after=summary(target))
    return revision


def archive(target: Target, *, author) -> Outcome:
    """Archive a translation, or a whole item (its source): nothing of it stays public."""
    cell = queries.cell(target)
    if cell.state in (ARCHIVED, queries.MISSING):
        return Outcome(False, reason=_("This is already archived."))
    if target.is_source:
        others = publishing.referencing(target)
        if others and target.item() is not None:
            return Outcome(
                False,
                reason=_(
                    "Other items link to this one: %(items)s. Change them first, so that nothing links to an archived page.",
                    items=", ".join(others),
                ),
            )
        for locale in translation_locales(current_app.config):
            if locale != target.locale:
                revisions.cancel_pending(Target(target.kind, target.slug, locale))
    revision = take_down(target, author=author)
    db.session.commit()
    return Outcome(revision is not None, revision=revision)


def restore(target: Target, number: int, *, author, live: bool = False) -> Outcome:
    """Bring back an old text as a new revision: a draft, or published (`live`)."""
    if number == revisions.LIVE:
        served = target.served()
        text = served.markdown if served is not None else None
    else:
        found = revisions.numbered(target, number)
        text = found.markdown if found is not None else None
    if text is None:
        return Outcome(False, reason=_("There is no such revision."))
    if live:
        return publish(target, text, author=author, restored_from=number)
    return save_draft(target, text, author=author, restored_from=number)
