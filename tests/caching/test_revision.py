"""The data revision: moved forward once by every commit that changes what public figures read."""

import time

from sqlalchemy import event, select, update

from challenge.caching import revision
from challenge.caching.models import DataRevision
from challenge.content.models import ContentItem
from challenge.extensions import db
from challenge.participation import reconcile, tallies
from challenge.participation.organisations import Organisation
from tests.support.leaderboards import TODAY, organisation


def test_a_tally_write_moves_the_revision_forward_at_commit(app):
    with app.app_context():
        before = revision.current()
        content_before = revision.current(revision.CONTENT)
        tallies.count_participant("IN", TODAY)
        assert revision.current() == before  # not before the commit
        db.session.commit()
        after = revision.current()
        assert after > before
        assert after >= (time.time_ns() // 1000) - 60_000_000  # microseconds, close to now
        tallies.count_action("pledge", "IN", "pledge:1", TODAY)
        tallies.count_action("lesson", "IN", "lesson:1", TODAY)
        db.session.commit()
        assert revision.current() > after
        assert revision.current(revision.CONTENT) == content_before  # figures only


def test_reads_rollbacks_and_other_tables_leave_it_alone(app):
    with app.app_context():
        tallies.count_participant("IN", TODAY)
        db.session.commit()
        before = revision.current()
        tallies.read_one("participants")
        db.session.commit()
        tallies.count_participant("JP", TODAY)
        db.session.rollback()
        db.session.commit()
        assert revision.current() == before
        assert tallies.read_one("participants", "country:JP") == 0


def test_organisation_changes_move_it_forward(make_app):
    app = make_app(PRIVACY_MIN_GROUP=3)
    with app.app_context():
        org = organisation("small-school", headcount=20, members=10)
        before = revision.current()
        org.name = "Renamed School"  # through the ORM
        db.session.commit()
        renamed = revision.current()
        assert renamed > before
        db.session.execute(  # and as a statement
            update(Organisation).where(Organisation.id == org.id).values(verified_at=None)
        )
        db.session.commit()
        assert revision.current() > renamed


def test_rebuild_moves_it_forward_and_verify_ignores_it(app):
    with app.app_context():
        tallies.count_participant("IN", TODAY)  # a tally with no rows behind it: drift
        db.session.commit()
        assert reconcile.drift() != []
        before = revision.current()
        reconcile.rebuild()
        assert revision.current() > before
        assert reconcile.drift() == []


def test_it_never_goes_back_even_if_the_clock_does(app):
    with app.app_context():
        far_future = (time.time_ns() // 1000) + 10**12
        db.session.merge(DataRevision(name=revision.FIGURES, value=far_future))
        db.session.commit()
        tallies.count_participant("IN", TODAY)
        db.session.commit()
        assert revision.current() == far_future + 1


def test_content_changes_move_the_content_revision_only(synced):
    with synced.app_context():
        figures, content = revision.current(), revision.current(revision.CONTENT)
        item = db.session.scalar(select(ContentItem).where(ContentItem.slug == "turn-on-mfa"))
        item.position += 1
        db.session.commit()
        assert revision.current(revision.CONTENT) > content
        assert revision.current() == figures


def content_revision_reads(app):
    """A counter of the statements that read a revision from the database."""
    reads = []

    def count(_conn, _cursor, statement, *_args):
        if statement.lstrip().startswith("SELECT data_revision.value"):
            reads.append(statement)

    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", count)
    return reads


def advance_content_elsewhere() -> None:
    """What another process's commit does: the row moves; this process is not told."""
    db.session.execute(
        update(DataRevision)
        .where(DataRevision.name == revision.CONTENT)
        .values(value=DataRevision.value + 1)
    )
    db.session.commit()


def test_the_content_revision_is_read_once_a_page_cache_period_per_process(make_app, monkeypatch):
    app = make_app(PAGE_CACHE_SECONDS=1)
    now = [1000.0]
    monkeypatch.setattr(revision, "clock", lambda: now[0])
    reads = content_revision_reads(app)
    with app.test_request_context():
        first = revision.content_seen()
    with app.test_request_context():
        advance_content_elsewhere()
        reads.clear()
    with app.test_request_context():
        assert revision.content_seen() == first  # within the second: as this process read it
    assert reads == []
    now[0] += 1.0
    with app.test_request_context():
        assert revision.content_seen() == first + 1
    assert len(reads) == 1


def test_a_content_commit_in_this_process_is_seen_at_once(synced, monkeypatch):
    synced.config["PAGE_CACHE_SECONDS"] = 60
    monkeypatch.setattr(revision, "clock", lambda: 1000.0)
    with synced.test_request_context():
        before = revision.content_seen()
    with synced.test_request_context():
        item = db.session.scalar(select(ContentItem).where(ContentItem.slug == "turn-on-mfa"))
        item.position += 1
        db.session.commit()
    with synced.test_request_context():
        assert revision.content_seen() > before


def test_without_a_page_cache_the_content_revision_is_read_on_every_request(app):
    assert app.config["PAGE_CACHE_SECONDS"] == 0
    with app.test_request_context():
        first = revision.content_seen()
    with app.test_request_context():
        advance_content_elsewhere()
    with app.test_request_context():
        assert revision.content_seen() == first + 1
