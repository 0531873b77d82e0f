"""Shared helpers for the editions tests: the fixture tree and its edition."""

from pathlib import Path

from sqlalchemy import func, select

from challenge.content.loader import load_tree
from challenge.content.operations import sync_tree
from challenge.editions.models import EditionCheckIn
from challenge.extensions import db

FIXTURE = Path(__file__).parents[1] / "fixtures" / "edition-content"
EDITION = "/en/editions/test-week"
# Asia/Tokyo is the default window (4-6 March 2024); the us window is 11-13 March in New York.
DAY_1 = "2024-03-04 03:00Z"  # noon in Tokyo
DAY_2 = "2024-03-05 03:00Z"
DAY_3 = "2024-03-06 03:00Z"
AFTER = "2024-03-07 03:00Z"
BEFORE = "2024-03-03 03:00Z"


def sync_fixture(app) -> None:
    with app.app_context():
        tree = load_tree(FIXTURE, ("en", "hi", "ja"), "en")
        assert not tree.errors, tree.errors
        sync_tree(tree, "en")


def action_url(action_id: str, locale: str = "en") -> str:
    return f"/{locale}/editions/test-week/actions/{action_id}"


def check_ins(app, **filters) -> list[tuple]:
    with app.app_context():
        query = select(
            EditionCheckIn.participant_id, EditionCheckIn.action_id, EditionCheckIn.day_index
        ).order_by(EditionCheckIn.id)
        for name, value in filters.items():
            query = query.where(getattr(EditionCheckIn, name) == value)
        return list(db.session.execute(query))


def check_in_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(EditionCheckIn))
