"""Content as served: items (a lesson, quiz, pledge or page) and their translations."""

import datetime as dt

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from challenge.clock import utcnow
from challenge.extensions import db


class ContentItem(db.Model):
    __tablename__ = "content_item"
    __table_args__ = (UniqueConstraint("kind", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    slug: Mapped[str] = mapped_column(String(80))
    position: Mapped[int] = mapped_column(default=0)
    minutes: Mapped[int | None]
    tags: Mapped[list] = mapped_column(JSON, default=list)
    version: Mapped[int] = mapped_column(default=1)
    publish_at: Mapped[dt.datetime | None]
    archived: Mapped[bool] = mapped_column(default=False)  # no longer in the content tree
    data: Mapped[dict] = mapped_column(JSON, default=dict)  # kind-specific, item-wide settings
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    translations: Mapped[list["ContentTranslation"]] = relationship(
        back_populates="item", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"<ContentItem {self.kind}/{self.slug}>"


class ContentTranslation(db.Model):
    __tablename__ = "content_translation"
    __table_args__ = (UniqueConstraint("item_id", "locale"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("content_item.id", ondelete="CASCADE"))
    locale: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(16))
    source_version: Mapped[int] = mapped_column(default=1)  # for the source: its own version
    markdown: Mapped[str] = mapped_column(Text)  # the whole file as written
    html: Mapped[str] = mapped_column(Text)  # rendered and sanitised once, at sync
    data: Mapped[dict] = mapped_column(JSON, default=dict)  # kind-specific, translated parts
    checksum: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    item: Mapped[ContentItem] = relationship(back_populates="translations")

    def __repr__(self) -> str:
        return f"<ContentTranslation {self.item_id}:{self.locale}>"
