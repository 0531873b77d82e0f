"""Tally changes written behind: a pledge's request inserts its counts into tally_pending and
touches no shared row; the worker's fold moves them into the tallies exactly once."""

import datetime as dt
import threading

from sqlalchemy import func, select

from challenge.caching import revision
from challenge.extensions import db
from challenge.jobs import runner
from challenge.jobs.registry import FREQUENT
from challenge.participation import fold, reconcile, tallies
from challenge.participation.models import PendingTally, Tally
from tests.factories import submit
from tests.support.tallies import fold_pending, recount, stored

MFA = "/en/pledges/turn-on-mfa"
DAY = dt.date(2026, 12, 4)


def tally_rows() -> int:
    return db.session.scalar(select(func.count()).select_from(Tally))


def test_a_pledge_writes_no_tally_and_no_revision_in_its_request(synced):
    client = synced.test_client()
    with synced.app_context():
        figures = revision.current(revision.FIGURES)
    assert submit(client, MFA, {"country": "IN"}).status_code == 302
    with synced.app_context():
        assert tally_rows() == 0  # no shared counter row was written by the request
        assert revision.current(revision.FIGURES) == figures  # nor the data revision
        pending = dict(
            db.session.execute(
                select(PendingTally.metric, func.sum(PendingTally.delta))
                .where(PendingTally.scope == "all")
                .group_by(PendingTally.metric)
            ).all()
        )
        assert pending == {"participants": 1, "pledges": 1, "points": 10}
        assert reconcile.drift() == []  # verify counts what is pending
        assert fold.pending() > 0
    assert fold_pending(synced) > 0
    with synced.app_context():
        assert fold.pending() == 0
        assert revision.current(revision.FIGURES) > figures  # the fold moves it
        assert tallies.read_one("pledges") == 1
        assert recount() == stored()
        assert fold.fold() == 0  # nothing is folded twice


def test_the_thank_you_page_counts_the_pledger_while_the_count_lags(synced):
    first, second = synced.test_client(), synced.test_client()
    submit(first, MFA, {"country": "IN"})
    # Not folded yet: the counter says 0, but whoever has taken the pledge is one of them.
    assert "first person to take this pledge" in first.get(f"{MFA}/thanks").text
    fold_pending(synced)
    submit(second, MFA, {"country": "JP"})
    assert "first person" in second.get(f"{MFA}/thanks").text  # a second behind
    fold_pending(synced)
    assert "one of 2 people" in second.get(f"{MFA}/thanks").text


def test_a_fold_moves_every_change_once_in_batches(app):
    with app.app_context():
        for country in ("IN", "JP", "IN", "AU", "IN"):
            with tallies.batched(write_behind=True):
                tallies.count_participant(country, DAY)
                tallies.count_action("pledge", country, "pledge:7", DAY)
            db.session.commit()
        total = db.session.scalar(select(func.count()).select_from(PendingTally))
        assert fold.fold_once(limit=4) == 4  # the oldest four, in one transaction
        assert fold.pending() == total - 4
        assert fold.fold(limit=4) == total - 4
        assert fold.pending() == 0
        assert tallies.read(
            "pledges", ["all", "country:IN", "pledge:7", "pledge:7:country:JP"]
        ) == {"all": 5, "country:IN": 3, "pledge:7": 5, "pledge:7:country:JP": 1}
        assert tallies.read_one("points", "country:IN") == 30
        assert tallies.read_one("participants", "country:AU") == 1


def test_a_block_that_fails_leaves_nothing_pending(app):
    with app.app_context():
        try:
            with tallies.batched(write_behind=True):
                tallies.count_participant("IN", DAY)
                raise RuntimeError("the pledge failed")
        except RuntimeError:
            db.session.rollback()
        assert fold.pending() == 0


def test_rebuild_recounts_what_is_pending_and_clears_it(synced):
    client = synced.test_client()
    submit(client, MFA, {"country": "IN"})
    runner_ = synced.test_cli_runner()
    assert runner_.invoke(args=["stats", "rebuild"]).exit_code == 0
    with synced.app_context():
        assert fold.pending() == 0  # recounted from the rows instead
        assert tallies.read_one("pledges") == 1
        assert fold.fold() == 0
        assert reconcile.drift() == []


def test_stats_fold_folds_now(synced):
    submit(synced.test_client(), MFA, {"country": "JP"})
    result = synced.test_cli_runner().invoke(args=["stats", "fold"])
    assert result.exit_code == 0 and "0 pending" in result.output
    with synced.app_context():
        assert tallies.read_one("pledges", "country:JP") == 1


def test_the_worker_folds_every_few_moments(make_app, real_content_tree):
    from challenge.content.operations import sync_tree

    app = make_app(JOBS_FREQUENT_SECONDS=0.05)
    with app.app_context():
        sync_tree(real_content_tree, "en")
    assert "fold-tallies" in FREQUENT
    stop = threading.Event()
    worker = threading.Thread(
        target=runner.run_frequently, args=(app, "fold-tallies", FREQUENT["fold-tallies"], stop)
    )
    worker.start()
    try:
        submit(app.test_client(), MFA, {"country": "IN"})
        for _ in range(200):
            with app.app_context():
                if tallies.read_one("pledges") == 1:
                    break
            stop.wait(0.05)
        with app.app_context():
            assert tallies.read_one("pledges") == 1
            assert fold.pending() == 0
    finally:
        stop.set()
        worker.join(timeout=10)
    assert not worker.is_alive()
