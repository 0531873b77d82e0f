"""The data revision: moved forward once by every commit that changes what public figures read."""

import time

from sqlalchemy import select, update

from challenge.caching import revision
from challenge.caching.models import DataRevision
from challenge.content.models import ContentItem
from challenge.extensions import db
from challenge.organisations.models import Organisation
from challenge.participation import reconcile, tallies
from tests.leaderboards.test_countries import TODAY
from tests.leaderboards.test_organisations import organisation


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
