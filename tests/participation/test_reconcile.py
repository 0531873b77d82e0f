"""`flask stats verify|rebuild` and `flask demo seed`: tallies always equal a recount of the rows."""

import threading

from sqlalchemy import update

from challenge.extensions import db
from challenge.participation import reconcile
from challenge.participation.models import Tally
from tests.factories import submit
from tests.support.tallies import fold_pending, recount, stored


def test_verify_passes_after_real_writes_and_catches_drift(synced):
    client = synced.test_client()
    submit(client, "/en/pledges/turn-on-mfa", {"country": "IN"})
    submit(client, "/en/lessons/software-updates/done", {}, page="/en/lessons/software-updates")
    runner = synced.test_cli_runner()
    # Before the worker folds the pledge's counts in, verify adds them from tally_pending.
    result = runner.invoke(args=["stats", "verify"])
    assert result.exit_code == 0, result.output
    assert "All counts match" in result.output
    assert fold_pending(synced) > 0
    result = runner.invoke(args=["stats", "verify"])
    assert result.exit_code == 0, result.output
    with synced.app_context():
        db.session.execute(
            update(Tally).where(Tally.metric == "pledges", Tally.scope == "all").values(value=7)
        )
        db.session.commit()
    drifted = runner.invoke(args=["stats", "verify"])
    assert drifted.exit_code != 0
    assert "pledges all: stored 7, recounted 1" in drifted.output
    assert runner.invoke(args=["stats", "rebuild"]).exit_code == 0
    assert runner.invoke(args=["stats", "verify"]).exit_code == 0


def test_demo_seed_writes_rows_and_consistent_counts(synced):
    runner = synced.test_cli_runner()
    result = runner.invoke(args=["demo", "seed", "--participants", "300", "--seed", "7"])
    assert result.exit_code == 0, result.output
    assert "300 participant" in result.output
    with synced.app_context():
        assert reconcile.drift() == []
        assert recount() == stored()  # the independent oracle agrees too
        # The 300 and the demo participant who finished an edition.
        assert stored()[("participants", "all")] == 300 + 1
    page = synced.test_client().get("/en/leaderboards/countries").text
    assert "India" in page  # about 38% of 300 participants: over the privacy threshold
    # Seeding twice adds more, without clashing ids.
    assert runner.invoke(args=["demo", "seed", "--participants", "50"]).exit_code == 0
    with synced.app_context():
        assert stored()[("participants", "all")] == 300 + 50 + 2
        assert reconcile.drift() == []


def test_seeding_without_content_is_a_clear_error(app):
    result = app.test_cli_runner().invoke(args=["demo", "seed", "--participants", "5"])
    assert result.exit_code != 0 and "content sync" in result.output


def test_a_pledge_made_during_the_nightly_repair_waits_for_it_and_is_counted(synced, monkeypatch):
    """The repair recounts and replaces the tallies under a lock: a write meanwhile waits, then
    adds its own count to the rebuilt tallies instead of being lost between the two."""
    first = synced.test_client()
    submit(first, "/en/pledges/turn-on-mfa", {"country": "IN"})
    fold_pending(synced)
    with synced.app_context():
        db.session.execute(
            update(Tally).where(Tally.metric == "pledges", Tally.scope == "all").values(value=7)
        )
        db.session.commit()
    second = synced.test_client()
    page = second.get("/en/pledges/turn-on-mfa")
    assert page.status_code == 200
    answers = []
    pledge = threading.Thread(
        target=lambda: answers.append(
            submit(second, "/en/pledges/turn-on-mfa", {"country": "JP"}).status_code
        )
    )
    real_rebuild = reconcile.rebuild

    def rebuild_with_a_pledge_arriving(**kwargs):
        pledge.start()
        pledge.join(timeout=1.5)
        assert pledge.is_alive(), "the pledge was not held off by the lock"
        return real_rebuild(**kwargs)

    monkeypatch.setattr(reconcile, "rebuild", rebuild_with_a_pledge_arriving)
    with synced.app_context():
        assert reconcile.reconcile_tallies() == "1 drifted, rebuilt"
    pledge.join(timeout=20)
    assert answers and answers[0] < 400
    with synced.app_context():
        assert reconcile.drift() == []
        assert stored()[("pledges", "all")] == 2
