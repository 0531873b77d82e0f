"""Finding a burst of fake participants and discounting it: origins are daily salted hashes of the
network, never addresses; a discount takes away every count the burst added, with an audit entry,
and can be undone."""

import datetime as dt

import pytest
import time_machine
from sqlalchemy import func, select

from challenge.audit.models import AuditEntry
from challenge.clock import utcnow
from challenge.extensions import db
from challenge.participation import bursts, reconcile, tallies
from challenge.participation.models import Participant
from challenge.participation.origin import network_of, origin_hash
from tests.factories import submit
from tests.support.accounts import sign_up
from tests.support.tallies import fold_pending

BOT = "203.0.113.7"
NEIGHBOUR = "203.0.113.200"  # the same /24: the same origin
PERSON = "198.51.100.20"


def pledge(app, address, country="IN", slug="turn-on-mfa"):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    assert submit(client, f"/en/pledges/{slug}", {"country": country}).status_code == 302
    fold_pending(app)  # as the job worker does within a second
    return client


def origins(app) -> list[str | None]:
    with app.app_context():
        return list(db.session.scalars(select(Participant.origin).order_by(Participant.id)))


NOW = utcnow().replace(second=30, microsecond=0)  # every action in one minute


@pytest.fixture(autouse=True)
def one_minute():
    with time_machine.travel(NOW.replace(tzinfo=dt.UTC), tick=False):
        yield


def window() -> tuple[str, str]:
    return (
        (NOW - dt.timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M"),
        (NOW + dt.timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M"),
    )


@pytest.fixture
def burst(synced):
    """Four participants from one network pledging for India, one person elsewhere for Japan."""
    for _ in range(3):
        pledge(synced, BOT)
    pledge(synced, NEIGHBOUR)
    pledge(synced, PERSON, country="JP")
    return synced


def test_networks_not_addresses_and_hashes_that_change_daily(app):
    assert network_of("203.0.113.7") == network_of("203.0.113.200") == "203.0.113.0/24"
    assert network_of("2001:db8:1234:5678::1") == "2001:db8:1234::/48"
    assert network_of("::ffff:203.0.113.9") == "203.0.113.0/24"
    assert network_of("not an address") == network_of(None) == "unknown"
    today = dt.date(2026, 4, 10)
    with app.app_context():
        first = origin_hash(BOT, today)
        assert first == origin_hash(NEIGHBOUR, today) != origin_hash(PERSON, today)
        assert first != origin_hash(BOT, today + dt.timedelta(days=1))
        assert len(first) == 16 and "203" not in first


def test_participants_keep_only_the_hash(burst):
    kept = origins(burst)
    assert len(set(kept)) == 2 and all(len(origin) == 16 for origin in kept)
    with burst.app_context():
        columns = {column.name for column in Participant.__table__.columns}
    assert not any(name == "ip" or "address" in name for name in columns)


def test_bursts_are_listed_by_minute_country_and_origin(burst):
    runner = burst.test_cli_runner()
    since, until = window()
    result = runner.invoke(args=["stats", "bursts", "--since", since, "--min", "4"])
    assert result.exit_code == 0, result.output
    origin = origins(burst)[0]
    line = next(line for line in result.output.splitlines() if origin in line)
    assert line.split()[2:] == ["IN", origin, "4", "4", "0"]
    assert PERSON not in result.output and "JP" not in result.output
    quiet = runner.invoke(
        args=["stats", "bursts", "--since", since, "--until", until, "--min", "5"]
    )
    assert "No minute with 5 or more" in quiet.output
    japan = runner.invoke(
        args=["stats", "bursts", "--since", since, "--country", "jp", "--min", "1"]
    )
    assert [line.split()[2] for line in japan.output.splitlines()[1:-1]] == ["JP"]


def test_discounting_a_burst_takes_its_counts_away_and_is_audited(burst):
    runner = burst.test_cli_runner()
    since, until = window()
    origin = origins(burst)[0]
    with burst.app_context():
        assert tallies.read_one("pledges", "country:IN") == 4
    select_burst = ["stats", "discount", "--origin", origin, "--since", since, "--until", until]
    dry = runner.invoke(args=[*select_burst, "--reason", "script", "--dry-run"])
    assert "Would discount 4 participants and their 4 pledges" in dry.output
    with burst.app_context():
        assert tallies.read_one("participants") == 5  # a dry run changes nothing
    result = runner.invoke(
        args=[
            *select_burst,
            "--country",
            "IN",
            "--reason",
            "4 pledges in a minute from one network",
        ]
    )
    assert result.exit_code == 0, result.output
    assert "Discounted 4 participants and their 4 pledges" in result.output
    with burst.app_context():
        assert tallies.read_one("participants") == 1
        assert tallies.read_one("pledges", "country:IN") == 0
        assert tallies.read_one("pledges", "country:JP") == 1
        assert tallies.read_one("points") == 10
        assert reconcile.drift() == []  # verify and rebuild agree
        batch = db.session.scalar(
            select(Participant.discount_batch).where(Participant.origin == origin)
        )
        entry = db.session.scalar(
            select(AuditEntry).where(AuditEntry.action == "participation.discount")
        )
        assert entry.target == batch and entry.actor == "command line"
        assert entry.after["participants"] == 4 and entry.after["origin"] == origin
        assert entry.after["reason"] == "4 pledges in a minute from one network"
    again = runner.invoke(args=["stats", "bursts", "--since", since, "--min", "1"])
    assert origin not in again.output  # discounted participants are not listed again
    assert runner.invoke(args=["stats", "verify"]).exit_code == 0
    rebuilt = runner.invoke(args=["stats", "rebuild"])
    assert rebuilt.exit_code == 0
    with burst.app_context():
        assert tallies.read_one("participants") == 1


def test_a_discount_can_be_undone(burst):
    since, until = window()
    with burst.app_context():
        before = reconcile.stored_all_time()
        origin = origins(burst)[0]
        outcome = bursts.discount(
            bursts.Criteria(
                origin, dt.datetime.fromisoformat(since), dt.datetime.fromisoformat(until)
            ),
            reason="test",
        )
        assert outcome.participants == 4
    result = burst.test_cli_runner().invoke(
        args=["stats", "restore", outcome.batch, "--reason", "a school class, not a script"]
    )
    assert result.exit_code == 0 and "Restored 4 participants" in result.output
    with burst.app_context():
        assert reconcile.stored_all_time() == before
        assert reconcile.drift() == []
        assert (
            db.session.scalar(
                select(func.count())
                .select_from(AuditEntry)
                .where(AuditEntry.action.startswith("participation."))
            )
            == 2
        )
    missing = burst.test_cli_runner().invoke(args=["stats", "restore", "nope", "--reason", "x"])
    assert missing.exit_code != 0


def test_a_discounted_browser_starts_afresh_and_accounts_are_left_alone(synced):
    bot = pledge(synced, BOT)
    member = synced.test_client()
    member.environ_base["REMOTE_ADDR"] = BOT
    submit(member, "/en/pledges/turn-on-mfa", {"country": "IN"})
    fold_pending(synced)
    sign_up(member, "asha@example.org", "correct horse battery staple")  # and confirm it
    since, until = window()
    with synced.app_context():
        outcome = bursts.discount(
            bursts.Criteria(
                origins(synced)[0],
                dt.datetime.fromisoformat(since),
                dt.datetime.fromisoformat(until),
            ),
            reason="test",
        )
        assert (outcome.participants, outcome.skipped_accounts) == (1, 1)
        assert tallies.read_one("participants") == 1  # the account's participant still counts
    # The bot's cookie no longer names a counted participant: its next pledge is a new one.
    assert submit(bot, "/en/pledges/turn-on-mfa", {"country": "IN"}).status_code == 302
    with synced.app_context():
        assert reconcile.drift() == []  # its counts pending, verify adds them
        fold_pending()
        assert tallies.read_one("participants") == 2
        assert reconcile.drift() == []
    # Logging in from the discounted browser does not merge the discounted participant back.
    submit(
        bot,
        "/en/account/login",
        {"email": "asha@example.org", "password": "correct horse battery staple"},
    )
    with synced.app_context():
        assert reconcile.drift() == []


def test_old_origins_are_forgotten(burst):
    with burst.app_context():
        db.session.execute(
            Participant.__table__.update().values(created_at=NOW - dt.timedelta(days=40))
        )
        db.session.commit()
    result = burst.test_cli_runner().invoke(args=["stats", "forget-origins", "--days", "30"])
    assert "Erased the origin of 5 participants" in result.output
    assert origins(burst) == [None] * 5
