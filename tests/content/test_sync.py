"""Importing content: idempotent, all or nothing, and never deleting what participation points at."""

import datetime as dt

import pytest
from sqlalchemy import func, select

from challenge.content.loader import load_tree
from challenge.content.models import ContentItem, ContentTranslation
from challenge.content.operations import sync_tree
from challenge.content.problems import ContentError
from challenge.extensions import db


def sync(content):
    return sync_tree(load_tree(content.root, ("en", "hi", "ja"), "en"), "en")


def snapshot():
    rows = db.session.execute(
        select(
            ContentItem.slug,
            ContentItem.updated_at,
            ContentTranslation.locale,
            ContentTranslation.checksum,
        )
        .join(ContentTranslation)
        .order_by(ContentItem.slug, ContentTranslation.locale)
    )
    return list(rows)


def test_sync_imports_and_is_idempotent(app, content):
    content.lesson("a", body="First.")
    content.lesson("a", "hi")
    content.lesson("b", order=2)
    with app.app_context():
        first = sync(content)
        assert sorted(first.created) == ["lessons/a", "lessons/b"]
        before = snapshot()
        second = sync(content)
        assert not second.changed and second.unchanged == 2
        assert snapshot() == before
        assert db.session.scalar(select(func.count(ContentTranslation.id))) == 3


def test_sync_updates_changed_files_only(app, content):
    content.lesson("a")
    content.lesson("b", order=2)
    with app.app_context():
        sync(content)
        content.lesson("a", body="Rewritten.", version=2)
        report = sync(content)
        assert report.updated == ["lessons/a"] and report.unchanged == 1
        translation = db.session.scalar(
            select(ContentTranslation)
            .join(ContentItem)
            .where(ContentItem.slug == "a", ContentTranslation.locale == "en")
        )
        assert "Rewritten." in translation.html


def test_an_invalid_tree_changes_nothing(app, content):
    content.lesson("a")
    with app.app_context():
        sync(content)
        before = snapshot()
        content.lesson("a", body="Changed.")
        content.lesson("b", minutes=0)
        with pytest.raises(ContentError) as error:
            sync(content)
        assert "content/lessons/b/en.md:" in str(error.value)
        assert snapshot() == before
        assert db.session.scalar(select(func.count(ContentItem.id))) == 1


def test_items_removed_from_the_tree_are_archived_not_deleted(app, content):
    content.lesson("a")
    content.lesson("b", order=2)
    with app.app_context():
        sync(content)
        for path in (content.root / "lessons" / "b").iterdir():
            path.unlink()
        (content.root / "lessons" / "b").rmdir()
        report = sync(content)
        assert report.archived == ["lesson/b"]
        assert (
            db.session.scalar(select(ContentItem.archived).where(ContentItem.slug == "b")) is True
        )
        content.lesson("b", order=2)
        assert sync(content).updated == ["lessons/b"]
        assert (
            db.session.scalar(select(ContentItem.archived).where(ContentItem.slug == "b")) is False
        )


def test_removed_translations_are_removed(app, content):
    content.lesson("a")
    hindi = content.lesson("a", "hi")
    with app.app_context():
        sync(content)
        hindi.unlink()
        assert sync(content).updated == ["lessons/a"]
        assert db.session.scalars(select(ContentTranslation.locale)).all() == ["en"]


def test_item_settings_are_stored(app, content):
    content.lesson("a", order=7, minutes=9, tags=["phishing"], publish_date=dt.date(2026, 4, 10))
    with app.app_context():
        sync(content)
        item = db.session.scalar(select(ContentItem))
        assert (item.kind, item.position, item.minutes, item.tags) == ("lesson", 7, 9, ["phishing"])
        assert item.publish_at == dt.datetime(2026, 4, 10)


def test_cli_check_reports_and_fails_on_errors(runner, content):
    content.lesson("good")
    result = runner.invoke(args=["content", "check", "--dir", str(content.root)])
    assert result.exit_code == 0, result.output
    assert "1 items, 1 files: 0 errors, 0 warnings." in result.output
    content.lesson("bad", minutes=500)
    result = runner.invoke(args=["content", "check", "--dir", str(content.root)])
    assert result.exit_code == 1
    assert "content/lessons/bad/en.md:4: 'minutes' must be from 1 to 120" in result.output


def test_cli_check_strict_fails_on_outdated_translations(runner, content):
    content.lesson("a", version=2)
    content.lesson("a", "hi")
    assert runner.invoke(args=["content", "check", "--dir", str(content.root)]).exit_code == 0
    assert (
        runner.invoke(args=["content", "check", "--strict", "--dir", str(content.root)]).exit_code
        == 1
    )


def test_cli_sync_imports_and_refuses_invalid_trees(app, runner, content):
    content.lesson("a")
    result = runner.invoke(args=["content", "sync", "--dir", str(content.root)])
    assert result.exit_code == 0 and "1 created" in result.output
    result = runner.invoke(args=["content", "sync", "--dir", str(content.root)])
    assert "0 created, 0 updated, 0 archived, 1 unchanged." in result.output
    content.lesson("b", status="maybe")
    result = runner.invoke(args=["content", "sync", "--dir", str(content.root)])
    assert result.exit_code == 1 and "Nothing imported: 1 errors." in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count(ContentItem.id))) == 1


def test_the_real_content_syncs_twice_without_changes(synced, real_content_tree):
    with synced.app_context():
        assert not sync_tree(real_content_tree, "en").changed
