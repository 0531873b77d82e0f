"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from challenge.extensions import db


def test_models_match_the_migrations(app):
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, db.metadata) == []


def test_constraint_names_follow_the_convention(app):
    with app.app_context():
        inspector = inspect(db.engine)
        unique = inspector.get_unique_constraints("content_item")
        assert [constraint["name"] for constraint in unique] == ["uq_content_item_kind_slug"]
        foreign = inspector.get_foreign_keys("content_translation")
        assert foreign[0]["name"] == "fk_content_translation_item_id_content_item"
