"""Shared test helpers (moved out of test modules, which never import each other)."""

from sqlalchemy import select, update

from challenge.content.models import ContentItem, ContentTranslation
from challenge.extensions import db


def retitle(app, slug: str, title: str) -> None:
    """Change an item's English title and commit, as another server would: the revision moves."""
    with app.app_context():
        item_id = db.session.scalar(select(ContentItem.id).where(ContentItem.slug == slug))
        db.session.execute(
            update(ContentTranslation)
            .where(ContentTranslation.item_id == item_id, ContentTranslation.locale == "en")
            .values(title=title)
        )
        db.session.commit()
