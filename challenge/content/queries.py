"""Reads of published content, in the reader's locale with a fallback to the source locale."""

import datetime as dt
from dataclasses import dataclass

from flask import current_app
from markupsafe import Markup
from sqlalchemy import or_, select
from sqlalchemy.orm import defer

from challenge.content.markdown import localise
from challenge.content.models import ContentItem, ContentTranslation, utcnow
from challenge.extensions import db


@dataclass(frozen=True)
class Shown:
    """An item as one reader sees it: in their locale, or the source's when not translated."""

    item: ContentItem
    translation: ContentTranslation
    requested_locale: str

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
        return not self.is_fallback and self.translation.source_version < self.item.version

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


def _published(kind: str, locale: str, slug: str | None = None, *, with_body: bool):
    now = utcnow()
    locales = {locale, source_locale()}
    query = (
        select(ContentItem, ContentTranslation)
        .join(ContentTranslation)
        .where(
            ContentItem.kind == kind,
            ContentItem.archived.is_(False),
            or_(ContentItem.publish_at.is_(None), ContentItem.publish_at <= now),
            ContentTranslation.locale.in_(locales),
            ContentTranslation.status == "published",
        )
        .order_by(ContentItem.position, ContentItem.slug)
    )
    if slug is not None:
        query = query.where(ContentItem.slug == slug)
    if not with_body:
        query = query.options(defer(ContentTranslation.html), defer(ContentTranslation.markdown))
    shown: dict[int, Shown] = {}
    sources: set[int] = set()
    for item, translation in db.session.execute(query):
        if translation.locale == source_locale():
            sources.add(item.id)
        if item.id not in shown or translation.locale == locale:
            shown[item.id] = Shown(item, translation, locale)
    # An item is public only while its source is published.
    return [entry for item_id, entry in shown.items() if item_id in sources]


def published_items(kind: str, locale: str) -> list[Shown]:
    """Every published item of a kind, in order, without bodies."""
    return _published(kind, locale, with_body=False)


def published_item(kind: str, slug: str, locale: str) -> Shown | None:
    found = _published(kind, locale, slug, with_body=True)
    return found[0] if found else None
