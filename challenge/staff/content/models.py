"""Every saved version of every (item, locale): the content's history, drafts and schedules."""

import datetime as dt

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from challenge.clock import utcnow
from challenge.extensions import db

DRAFT = "draft"
SCHEDULED = "scheduled"
PUBLISHED = "published"
ARCHIVED = "archived"
STATES = (DRAFT, SCHEDULED, PUBLISHED, ARCHIVED)


class ContentRevision(db.Model):
    """One saved text. Rows are never rewritten: a revert adds a new revision with the old text.

    Keyed by (kind, slug, locale), not by content_item, so an item written in the browser has a
    history before it is first published. The public site never reads this table: publishing
    copies a revision into content_item/content_translation, as `flask content sync` does.
    """

    __tablename__ = "content_revision"
    __table_args__ = (
        UniqueConstraint("kind", "slug", "locale", "number"),
        Index("ix_content_revision_due", "pending", "publish_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # as content_item.kind: "lesson"
    slug: Mapped[str] = mapped_column(String(80))
    locale: Mapped[str] = mapped_column(String(16))
    number: Mapped[int]  # 1, 2, 3... per (kind, slug, locale)
    state: Mapped[str] = mapped_column(String(16))  # what it was saved as: one of STATES
    markdown: Mapped[str] = mapped_column(Text)  # the whole file, as in content/
    checksum: Mapped[str] = mapped_column(String(64))
    valid: Mapped[bool] = mapped_column(default=True)  # passed the checks of `content check`
    note: Mapped[str] = mapped_column(String(200), default="")
    # Who saved it; the address is kept as it was, even if the account is deleted later.
    author_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"))
    author: Mapped[str] = mapped_column(String(254))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    # Scheduled revisions: when to go live (naive UTC), and whether that is still to happen.
    publish_at: Mapped[dt.datetime | None]
    pending: Mapped[bool] = mapped_column(default=False)
    # When this text went live (published now, or a schedule that came due).
    published_at: Mapped[dt.datetime | None]
    restored_from: Mapped[int | None]  # the number of the revision whose text this one restores

    @property
    def name(self) -> str:
        return f"{self.kind}/{self.slug}:{self.locale}"

    def __repr__(self) -> str:
        return f"<ContentRevision {self.name} #{self.number} {self.state}>"
