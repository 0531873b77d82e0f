"""Reads for the content section: every item's state in every locale, in a few queries."""

import datetime as dt
import re
from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import defer

from challenge.clock import utcnow
from challenge.config import translation_locales
from challenge.content.kinds import KINDS, KINDS_BY_NAME, Kind
from challenge.content.models import ContentItem, ContentTranslation
from challenge.extensions import db
from challenge.staff.content import revisions
from challenge.staff.content.models import ARCHIVED, DRAFT, PUBLISHED, SCHEDULED, ContentRevision
from challenge.staff.content.targets import Target, source_locale

MISSING = "missing"
OUTDATED = "outdated"
CURRENT = "current"
# The list needs neither texts nor rendered pages.
LIGHT_TRANSLATION = (
    defer(ContentTranslation.markdown),
    defer(ContentTranslation.html),
    defer(ContentTranslation.data),
)
TITLE_LINE = re.compile(r"^title:\s*(.+?)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Cell:
    """One locale of one item, as the staff see it."""

    target: Target
    state: str  # MISSING, DRAFT, SCHEDULED, PUBLISHED or ARCHIVED
    live: bool = False  # the public site shows this text now
    coverage: str | None = None  # translations only: MISSING, OUTDATED or CURRENT
    draft_pending: bool = False  # a draft newer than what is served
    scheduled_for: dt.datetime | None = None
    source_version: int | None = None
    revision: int | None = None  # the latest revision's number
    # When this locale's live text was last looked at: a translation's last change (a
    # translator publishing it, or a sync that changed it); a lesson source's `reviewed` date.
    reviewed: dt.date | None = None


@dataclass
class Row:
    kind: Kind
    slug: str
    title: str
    archived: bool = False
    version: int | None = None
    cells: dict[str, Cell] = field(default_factory=dict)


def draft_newer(latest, served) -> bool:
    if latest is None or latest.state != DRAFT:
        return False
    if served is None:
        return True
    return latest.created_at >= served.updated_at and latest.checksum != served.checksum


def cell_for(target: Target, item, served, latest, pending, now: dt.datetime) -> Cell:
    """The state of one locale: served is its content_translation row, latest its newest
    revision, pending its schedule still to come."""
    archived = item is not None and item.archived
    released = item is not None and (item.publish_at is None or item.publish_at <= now)
    if archived:
        state = ARCHIVED
    elif pending is not None:
        state = SCHEDULED
    elif served is None:
        state = ARCHIVED if latest and latest.state == ARCHIVED else DRAFT if latest else MISSING
    elif served.status != PUBLISHED:
        state = DRAFT
    else:
        state = PUBLISHED if released else SCHEDULED
    live = bool(served and not archived and served.status == PUBLISHED and released)
    coverage = None
    if not target.is_source:
        if served is None:
            coverage = MISSING
        elif item is not None and served.source_version < item.version:
            coverage = OUTDATED
        else:
            coverage = CURRENT
    scheduled_for = pending.publish_at if pending is not None else None
    if scheduled_for is None and state == SCHEDULED and item is not None:
        scheduled_for = item.publish_at  # a publish_date in the source's front matter
    return Cell(
        target=target,
        state=state,
        live=live,
        coverage=coverage,
        draft_pending=draft_newer(latest, served),
        scheduled_for=scheduled_for,
        source_version=served.source_version if served is not None else None,
        revision=latest.number if latest is not None else None,
        reviewed=reviewed_date(target, item, served),
    )


def reviewed_date(target: Target, item, served) -> dt.date | None:
    if served is None:
        return None
    if target.is_source and item is not None and (item.data or {}).get("reviewed"):
        try:
            return dt.date.fromisoformat(str(item.data["reviewed"]))
        except ValueError:
            pass
    return served.updated_at.date()


def latest_revisions(kind_name: str | None = None) -> dict[tuple[str, str, str], ContentRevision]:
    newest = (
        select(
            ContentRevision.kind,
            ContentRevision.slug,
            ContentRevision.locale,
            func.max(ContentRevision.number).label("number"),
        )
        .group_by(ContentRevision.kind, ContentRevision.slug, ContentRevision.locale)
        .subquery()
    )
    query = (
        select(ContentRevision)
        .options(defer(ContentRevision.markdown))
        .join(
            newest,
            (ContentRevision.kind == newest.c.kind)
            & (ContentRevision.slug == newest.c.slug)
            & (ContentRevision.locale == newest.c.locale)
            & (ContentRevision.number == newest.c.number),
        )
    )
    if kind_name:
        query = query.where(ContentRevision.kind == kind_name)
    return {(row.kind, row.slug, row.locale): row for row in db.session.scalars(query)}


def pending_revisions(kind_name: str | None = None) -> dict[tuple[str, str, str], ContentRevision]:
    query = select(ContentRevision).where(ContentRevision.pending.is_(True))
    if kind_name:
        query = query.where(ContentRevision.kind == kind_name)
    return {(row.kind, row.slug, row.locale): row for row in db.session.scalars(query)}


def title_of(markdown: str) -> str:
    match = TITLE_LINE.search(markdown.split("\n---", 1)[0])
    return match.group(1).strip("'\"") if match else ""


def rows(kind: Kind | None = None, *, include_archived: bool = True) -> list[Row]:
    """Every item (and every item so far only drafted here), with a cell per locale."""
    now = utcnow()
    locales = translation_locales(current_app.config)
    kind_name = kind.name if kind else None
    item_query = select(ContentItem)
    if kind_name:
        item_query = item_query.where(ContentItem.kind == kind_name)
    items = {(row.kind, row.slug): row for row in db.session.scalars(item_query)}
    served = {}
    if items:
        for translation in db.session.scalars(
            select(ContentTranslation)
            .where(ContentTranslation.item_id.in_([row.id for row in items.values()]))
            .options(*LIGHT_TRANSLATION)
        ):
            served[(translation.item_id, translation.locale)] = translation
    latest = latest_revisions(kind_name)
    pending = pending_revisions(kind_name)
    keys = set(items) | {(name, slug) for name, slug, _locale in latest}
    result = []
    for name, slug in keys:
        item = items.get((name, slug))
        if item is not None and item.archived and not include_archived:
            continue
        source = served.get((item.id, source_locale())) if item else None
        newest_source = latest.get((name, slug, source_locale()))
        if source is not None:
            title = source.title
        else:
            title = title_of(newest_source.markdown) if newest_source else ""
        row = Row(
            kind=KINDS_BY_NAME[name],
            slug=slug,
            title=title or slug,
            archived=bool(item and item.archived),
            version=item.version if item else None,
        )
        for locale in locales:
            target = Target(row.kind, slug, locale)
            row.cells[locale] = cell_for(
                target,
                item,
                served.get((item.id, locale)) if item else None,
                latest.get((name, slug, locale)),
                pending.get((name, slug, locale)),
                now,
            )
        result.append(row)
    order = list(KINDS)
    result.sort(key=lambda row: (order.index(row.kind.folder), row.archived, row.title.casefold()))
    return result


def cell(target: Target) -> Cell:
    item = target.item()
    return cell_for(
        target,
        item,
        target.served() if item else None,
        revisions.latest(target),
        revisions.pending(target),
        utcnow(),
    )


def exists(target: Target) -> bool:
    """Whether the item is known: in the database, or drafted here."""
    if target.item() is not None:
        return True
    return revisions.latest(target.source) is not None


def working_text(target: Target) -> tuple[str | None, ContentRevision | None]:
    """The text to edit: the newest revision if it is newer than what is served, else the
    served text; None when there is neither."""
    latest = revisions.latest(target)
    served = target.served()
    if latest is not None and (served is None or latest.created_at >= served.updated_at):
        return latest.markdown, latest
    if served is not None:
        return served.markdown, None
    return None, None


def base_token(target: Target) -> str:
    """What an edit started from; a save from an older token would overwrite someone's work."""
    latest = revisions.latest(target)
    served = target.served()
    return f"{latest.number if latest else 0}:{served.checksum[:16] if served else ''}"


def counts(rows_: list[Row]) -> dict[str, dict[str, int]]:
    """Per locale: how many translations are current, outdated and missing."""
    totals = {
        locale: {CURRENT: 0, OUTDATED: 0, MISSING: 0}
        for locale in translation_locales(current_app.config)
        if locale != source_locale()
    }
    for row in rows_:
        for locale, found in row.cells.items():
            if found.coverage:
                totals[locale][found.coverage] += 1
    return totals


__all__ = ["ARCHIVED", "DRAFT", "PUBLISHED", "SCHEDULED", "Cell", "Row", "rows"]
