"""The retention schedule: unconfirmed accounts are deleted by the worker after
RETENTION_UNCONFIRMED_ACCOUNT_DAYS (7), and nothing else is."""

import datetime as dt

import time_machine
from sqlalchemy import select

from challenge.accounts.models import Account, Consent
from challenge.extensions import db
from challenge.jobs.models import PeriodicRun
from challenge.mail import outbox, text_of
from tests.factories import submit
from tests.support.accounts import sign_up
from tests.support.jobs import periodic_names, run_periodic

PASSWORD = "a long enough passphrase"
START = dt.datetime(2031, 3, 1, 12, 0, tzinfo=dt.UTC)


def signed_up_at(app, when: dt.datetime, email: str, *, confirm: bool) -> None:
    with time_machine.travel(when, tick=False):
        sign_up(app.test_client(), email, PASSWORD, confirm=confirm)


def emails(app) -> set[str]:
    with app.app_context():
        return set(db.session.scalars(select(Account.email)))


def test_the_purge_is_a_nightly_periodic_job(app):
    night = set()
    for minute in range(60):
        night |= periodic_names(app, dt.datetime(2031, 4, 10, 3, minute))
    assert "purge-unconfirmed-accounts" in night


def test_the_purge_deletes_exactly_the_unconfirmed_accounts_older_than_7_days(synced):
    signed_up_at(synced, START, "old-unconfirmed@example.org", confirm=False)
    signed_up_at(synced, START, "old-confirmed@example.org", confirm=True)
    signed_up_at(
        synced, START + dt.timedelta(days=2), "young-unconfirmed@example.org", confirm=False
    )
    with synced.app_context():
        staff = Account(
            email="staff@example.org", password_hash="x", locale="en", staff_role="admin"
        )
        staff.created_at = START.replace(tzinfo=None)
        db.session.add(staff)
        db.session.commit()
        assert len(db.session.scalars(select(Consent)).all()) == 3

    # 6 days and 15.5 hours after the first sign-ups: nothing is old enough yet.
    assert run_periodic(synced, "purge-unconfirmed-accounts", dt.datetime(2031, 3, 8, 3, 35)) == (
        "0 deleted"
    )
    assert len(emails(synced)) == 4
    night = dt.datetime(2031, 3, 9, 3, 35)  # 7 days and 15.5 hours after START
    assert run_periodic(synced, "purge-unconfirmed-accounts", night) == "1 deleted"
    assert emails(synced) == {
        "old-confirmed@example.org",
        "young-unconfirmed@example.org",
        "staff@example.org",
    }
    with synced.app_context():
        owners = set(db.session.scalars(select(Consent.account_id)))
        ids = set(db.session.scalars(select(Account.id).where(Account.staff_role.is_(None))))
        assert owners == ids  # the purged account's consent went with it
        run = db.session.get(PeriodicRun, "purge-unconfirmed-accounts")
        assert run.succeeded and run.outcome == "1 deleted"  # the run is recorded

    # Safe to run twice (the next night, the young one is 6 days 15.5 hours old: kept)...
    assert run_periodic(synced, "purge-unconfirmed-accounts", night + dt.timedelta(days=1)) == (
        "0 deleted"
    )
    assert len(emails(synced)) == 3
    # ...and the young one goes once it is 7 days old.
    assert run_periodic(synced, "purge-unconfirmed-accounts", night + dt.timedelta(days=2)) == (
        "1 deleted"
    )
    assert emails(synced) == {"old-confirmed@example.org", "staff@example.org"}


def at(days: float) -> dt.datetime:
    """The worker's time (naive UTC), `days` after START, at the inactive purge's minute."""
    return (START + dt.timedelta(days=days)).replace(tzinfo=None, hour=3, minute=50)


def warnings_to(app, address: str) -> list:
    with app.app_context():
        return [
            message
            for message in outbox()
            if message["To"] == address and "deleted" in message["Subject"]
        ]


def test_inactive_accounts_are_warned_then_deleted_unless_signed_in_to(synced):
    assert "purge-inactive-accounts" in periodic_names(synced, dt.datetime(2031, 4, 10, 3, 50))
    signed_up_at(synced, START, "idle@example.org", confirm=True)
    signed_up_at(synced, START, "returning@example.org", confirm=True)
    with synced.app_context():
        staff = Account(
            email="staff@example.org", password_hash="x", locale="en", staff_role="admin"
        )
        staff.created_at = START.replace(tzinfo=None)
        staff.email_verified_at = START.replace(tzinfo=None)
        db.session.add(staff)
        db.session.commit()
        idle_id = db.session.scalar(select(Account.id).where(Account.email == "idle@example.org"))

    # 730 days unused, warned 30 days before: nothing until day 700.
    assert run_periodic(synced, "purge-inactive-accounts", at(699)) == "0 warned, 0 deleted"
    assert run_periodic(synced, "purge-inactive-accounts", at(701)) == "2 warned, 0 deleted"
    (warning,) = warnings_to(synced, "idle@example.org")
    assert "will be deleted unless you sign in" in warning["Subject"]
    body = text_of(warning)
    assert "sign in within 30 days" in body and "/en/account/sign-in" in body
    assert warnings_to(synced, "staff@example.org") == []
    # Warned once, not every night.
    assert run_periodic(synced, "purge-inactive-accounts", at(702)) == "0 warned, 0 deleted"
    assert len(warnings_to(synced, "idle@example.org")) == 1

    with time_machine.travel(START + dt.timedelta(days=710), tick=False):
        client = synced.test_client()
        login = submit(
            client, "/en/account/login", {"email": "returning@example.org", "password": PASSWORD}
        )
        assert login.status_code == 302  # signing in keeps the account

    assert run_periodic(synced, "purge-inactive-accounts", at(730)) == "0 warned, 0 deleted"
    assert run_periodic(synced, "purge-inactive-accounts", at(731)) == "0 warned, 1 deleted"
    assert emails(synced) == {"returning@example.org", "staff@example.org"}
    with synced.app_context():
        assert db.session.scalars(select(Consent).where(Consent.account_id == idle_id)).all() == []
        run = db.session.get(PeriodicRun, "purge-inactive-accounts")
        assert run.succeeded and run.outcome == "0 warned, 1 deleted"


def test_an_account_idle_for_longer_still_gets_its_30_days_of_warning(synced):
    signed_up_at(synced, START, "long-gone@example.org", confirm=True)
    # The first run comes long after 730 days (the schedule was new, or the worker was down).
    assert run_periodic(synced, "purge-inactive-accounts", at(900)) == "1 warned, 0 deleted"
    assert run_periodic(synced, "purge-inactive-accounts", at(929)) == "0 warned, 0 deleted"
    assert emails(synced) == {"long-gone@example.org"}
    assert run_periodic(synced, "purge-inactive-accounts", at(930)) == "0 warned, 1 deleted"
    assert emails(synced) == set()
