"""What the content section edits: one locale of one item, named as in content/."""

from dataclasses import dataclass
from pathlib import Path

from flask import abort, current_app
from sqlalchemy import select

from challenge.config import translation_locales
from challenge.content.fields import SLUG
from challenge.content.kinds import KINDS, KINDS_BY_NAME, Kind
from challenge.content.models import ContentItem, ContentTranslation
from challenge.extensions import db


def source_locale() -> str:
    return current_app.config["DEFAULT_LOCALE"]


@dataclass(frozen=True)
class Target:
    kind: Kind
    slug: str
    locale: str

    @property
    def is_source(self) -> bool:
        return self.locale == source_locale()

    @property
    def source(self) -> "Target":
        return Target(self.kind, self.slug, source_locale())

    @property
    def name(self) -> str:
        """As the audit log names it: lessons/mfa:hi."""
        return f"{self.kind.folder}/{self.slug}:{self.locale}"

    @property
    def path(self) -> str:
        """The file it is in content/: lessons/mfa/hi.md."""
        return f"{self.kind.folder}/{self.slug}/{self.locale}.md"

    @property
    def folder(self) -> Path:
        """Where its images are, in the configured content tree."""
        return Path(current_app.config["CONTENT_DIR"]) / self.kind.folder / self.slug

    def item(self) -> ContentItem | None:
        return db.session.scalar(
            select(ContentItem).where(
                ContentItem.kind == self.kind.name, ContentItem.slug == self.slug
            )
        )

    def served(self) -> ContentTranslation | None:
        """The version the database serves (the last published), if any."""
        return db.session.scalar(
            select(ContentTranslation)
            .join(ContentItem)
            .where(
                ContentItem.kind == self.kind.name,
                ContentItem.slug == self.slug,
                ContentTranslation.locale == self.locale,
            )
        )

    def url_args(self) -> dict:
        return {"folder": self.kind.folder, "slug": self.slug, "lang": self.locale}


def target(kind_name: str, slug: str, locale: str) -> Target:
    return Target(KINDS_BY_NAME[kind_name], slug, locale)


def target_or_404(folder: str, slug: str, lang: str) -> Target:
    """The target a URL names; 404 for a kind, slug or locale that cannot exist. (The URL says
    `lang`: `locale` is taken by the public pages' prefix.)"""
    kind = KINDS.get(folder)
    if kind is None or not SLUG.match(slug) or lang not in translation_locales(current_app.config):
        abort(404)
    return Target(kind, slug, lang)
