"""Writes to content: importing a validated content tree into the database."""

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from challenge import audit
from challenge.clock import utcnow
from challenge.content.fields import BOTH, SOURCE
from challenge.content.loader import ContentFile, ContentTree
from challenge.content.loader import ContentItem as TreeItem
from challenge.content.models import ContentItem, ContentTranslation
from challenge.content.problems import ContentError
from challenge.extensions import db


@dataclass
class SyncReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    archived: list[str] = field(default_factory=list)
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.archived)


# Front-matter fields that have columns of their own; the rest go into the JSON `data`.
COLUMN_FIELDS = {
    "title",
    "summary",
    "status",
    "version",
    "source_version",
    "tags",
    "publish_date",
    "order",
    "minutes",
}


def extra_fields(tree_item: TreeItem, where: str) -> list[str]:
    return [
        f.name for f in tree_item.kind.fields if f.where == where and f.name not in COLUMN_FIELDS
    ]


def item_values(tree_item: TreeItem, source: ContentFile) -> dict:
    meta = source.meta
    return {
        "position": meta.get("order", 0),
        "minutes": meta.get("minutes"),
        "tags": meta.get("tags", []),
        "version": meta["version"],
        "publish_at": meta.get("publish_date"),
        "archived": False,
        "data": {name: meta[name] for name in extra_fields(tree_item, SOURCE) if name in meta},
    }


def translation_values(tree_item: TreeItem, content_file: ContentFile, version: int) -> dict:
    meta = content_file.meta
    translated = {name: meta[name] for name in extra_fields(tree_item, BOTH) if name in meta}
    return {
        "title": meta["title"],
        "summary": meta["summary"],
        "status": meta["status"],
        "source_version": meta.get("source_version", version),
        "markdown": content_file.text,
        "html": content_file.html,
        "data": {**content_file.data, **translated},
        "checksum": content_file.checksum,
    }


def assign(row, values: dict) -> bool:
    """Set the values that differ; true when anything changed."""
    changed = False
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed


def sync_tree(tree: ContentTree, source_locale: str, *, audit_as: str | None = None) -> SyncReport:
    """Make the database match the tree, in one transaction; refuse a tree with errors.

    With `audit_as` (`flask content sync` names the folder), a sync that changes anything is in
    the audit log, in the same transaction."""
    if tree.errors:
        raise ContentError(tree.errors)
    report = SyncReport()
    existing = {
        (row.kind, row.slug): row
        for row in db.session.scalars(
            select(ContentItem).options(selectinload(ContentItem.translations))
        )
    }
    try:
        for tree_item in tree.items.values():
            name = f"{tree_item.kind.folder}/{tree_item.slug}"
            source = tree_item.files[source_locale]
            row = existing.pop((tree_item.kind.name, tree_item.slug), None)
            created = row is None
            if created:
                row = ContentItem(kind=tree_item.kind.name, slug=tree_item.slug)
                db.session.add(row)
            changed = assign(row, item_values(tree_item, source))
            translations = {translation.locale: translation for translation in row.translations}
            for locale, content_file in tree_item.files.items():
                translation = translations.pop(locale, None)
                if translation is None:
                    translation = ContentTranslation(locale=locale)
                    row.translations.append(translation)
                if assign(
                    translation, translation_values(tree_item, content_file, source.meta["version"])
                ):
                    translation.updated_at = utcnow()
                    changed = True
            for leftover in translations.values():
                row.translations.remove(leftover)
                changed = True
            if created:
                report.created.append(name)
            elif changed:
                row.updated_at = utcnow()
                report.updated.append(name)
            else:
                report.unchanged += 1
        for row in existing.values():
            if not row.archived:
                row.archived = True
                row.updated_at = utcnow()
                report.archived.append(f"{row.kind}/{row.slug}")
        if audit_as is not None and report.changed:
            audit.record(
                "content.sync",
                audit_as,
                after={
                    "created": report.created,
                    "updated": report.updated,
                    "archived": report.archived,
                    "unchanged": report.unchanged,
                },
            )
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return report
