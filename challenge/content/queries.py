"""Reads of published content, in the reader's locale with a fallback to the source locale."""

import datetime as dt
from dataclasses import dataclass

from flask import current_app
from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import defer

from challenge.caching import revision
from challenge.clock import utcnow
from challenge.content.markdown import localise
from challenge.content.models import ContentItem, ContentTranslation
from challenge.extensions import db


@dataclass(frozen=True)
class ItemView:
    """What readers use of a content item: a plain copy, kept between requests."""

    id: int
    kind: str
    slug: str
    position: int
    minutes: int | None
    version: int
    publish_at: dt.datetime | None
    data: dict


@dataclass(frozen=True)
class TranslationView:
    locale: str
    title: str
    summary: str
    source_version: int
    html: str | None  # None when read without bodies
    data: dict
    updated_at: dt.datetime


@dataclass(frozen=True)
class Shown:
    """An item as one reader sees it: in their locale, or the source's when not translated, or
    when the translation is stale (made from an older version of the source than the live one)."""

    item: ItemView
    translation: TranslationView
    requested_locale: str
    # The reader's language has a translation, but of an older source version, so the source is
    # shown instead until a translator updates it.
    stale_translation: bool = False

    @property
    def slug(self) -> str:
        return self.item.slug

    @property
    def title(self) -> str:
        return self.translation.title

    @property
    def summary(self) -> str:
        return self.translation.summary

    @property
    def locale(self) -> str:
        """The language the text is in, for its `lang` attribute."""
        return self.translation.locale

    @property
    def is_fallback(self) -> bool:
        return self.translation.locale != self.requested_locale

    @property
    def is_outdated(self) -> bool:
        """Shown in the source language because the reader's translation is stale."""
        return self.stale_translation and self.is_fallback

    @property
    def updated_at(self) -> dt.datetime:
        return self.translation.updated_at

    @property
    def html(self) -> Markup:
        return localise(self.translation.html, self.requested_locale)

    @property
    def data(self) -> dict:
        return {**self.item.data, **self.translation.data}


def source_locale() -> str:
    return current_app.config["DEFAULT_LOCALE"]


# Published texts change only when the content revision moves (sync, the staff console), so each
# process keeps what it read, per revision: most pages then need one primary-key read for content.
CACHE_LIMIT = 2048  # entries per process; emptied when full (a crawl of unknown slugs, say)


def _views(kind: str, locales: frozenset, slug: str | None, with_body: bool) -> list[tuple]:
    """(item, translation) views of the published translations in `locales`, in order; items
    scheduled for later included (readers filter them by time)."""
    query = (
        select(ContentItem, ContentTranslation)
        .join(ContentTranslation)
        .where(
            ContentItem.kind == kind,
            ContentItem.archived.is_(False),
            ContentTranslation.locale.in_(locales),
            ContentTranslation.status == "published",
        )
        .order_by(ContentItem.position, ContentItem.slug)
    )
    if slug is not None:
        query = query.where(ContentItem.slug == slug)
    if not with_body:
        query = query.options(defer(ContentTranslation.html), defer(ContentTranslation.markdown))
    views = []
    for item, translation in db.session.execute(query):
        item_view = ItemView(
            item.id,
            item.kind,
            item.slug,
            item.position,
            item.minutes,
            item.version,
            item.publish_at,
            item.data or {},
        )
        translation_view = TranslationView(
            translation.locale,
            translation.title,
            translation.summary,
            translation.source_version,
            translation.html if with_body else None,
            translation.data or {},
            translation.updated_at,
        )
        views.append((item_view, translation_view))
    return views


def _cached_views(kind: str, locale: str, slug: str | None, with_body: bool) -> list[tuple]:
    locales = frozenset({locale, source_locale()})
    key = (kind, locales, slug, with_body)
    store = current_app.extensions.setdefault("published-content", {})
    now_revision = revision.content_seen()
    found = store.get(key)
    if found is not None and found[0] == now_revision:
        return found[1]
    views = _views(kind, locales, slug, with_body)
    if len(store) >= CACHE_LIMIT:
        store.clear()
    store[key] = (now_revision, views)
    return views


def _published(kind: str, locale: str, slug: str | None = None, *, with_body: bool):
    now = utcnow()
    shown: dict[int, Shown] = {}
    sources: dict[int, tuple[ItemView, TranslationView]] = {}
    stale: set[int] = set()
    for item, translation in _cached_views(kind, locale, slug, with_body):
        if item.publish_at is not None and item.publish_at > now:
            continue
        if translation.locale == source_locale():
            sources[item.id] = (item, translation)
        elif translation.source_version < item.version:
            stale.add(item.id)  # a stale translation falls back to the source, item by item
            continue
        if item.id not in shown or translation.locale == locale:
            shown[item.id] = Shown(item, translation, locale)
    for item_id in stale & sources.keys():
        shown[item_id] = Shown(*sources[item_id], locale, stale_translation=True)
    # An item is public only while its source is published.
    return [entry for item_id, entry in shown.items() if item_id in sources]


def published_items(kind: str, locale: str) -> list[Shown]:
    """Every published item of a kind, in order, without bodies."""
    return _published(kind, locale, with_body=False)


def published_item(kind: str, slug: str, locale: str) -> Shown | None:
    found = _published(kind, locale, slug, with_body=True)
    return found[0] if found else None


def translation_coverage() -> dict[str, int]:
    """Per locale, how many of the items published in the source locale it has a current,
    published translation of (the source locale counts them all); `translation_coverage()[""]`
    is that total."""
    now = utcnow()
    source = source_locale()
    items = dict(
        db.session.execute(
            select(ContentItem.id, ContentItem.version)
            .join(ContentTranslation, ContentTranslation.item_id == ContentItem.id)
            .where(
                ContentItem.archived.is_(False),
                (ContentItem.publish_at.is_(None)) | (ContentItem.publish_at <= now),
                ContentTranslation.locale == source,
                ContentTranslation.status == "published",
            )
        ).all()
    )
    counts = {"": len(items)}
    if not items:
        return counts
    for item_id, locale, source_version in db.session.execute(
        select(
            ContentTranslation.item_id, ContentTranslation.locale, ContentTranslation.source_version
        ).where(
            ContentTranslation.item_id.in_(list(items)),
            ContentTranslation.status == "published",
        )
    ):
        if locale == source or source_version >= items[item_id]:
            counts[locale] = counts.get(locale, 0) + 1
    return counts
