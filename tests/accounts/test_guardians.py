"""The parental-consent path end to end, through the real job queue and a real SMTP server:
below the country's threshold nothing is made until the guardian confirms by their own mailbox
(double opt-in), and requests nobody confirms are purged."""

import datetime as dt
import re
from urllib.parse import urlsplit

import pytest
import time_machine
from sqlalchemy import func, inspect, select

from challenge.accounts import consents
from challenge.accounts.models import Account, Consent, GuardianRequest
from challenge.audit.models import AuditEntry
from challenge.content.operations import sync_tree
from challenge.extensions import db
from tests.factories import form_token, submit
from tests.support.accounts import NOTICE_VERSION
from tests.support.jobs import queued_settings, run_periodic, work
from tests.support.visitors import log_in

ASK = "/en/account/signup/guardian"
CHILD = "pupil@example.org"
GUARDIAN = "parent@example.net"
PASSWORD = "a long enough passphrase"
UNDER = {"age_band": "under-13", "country": "US"}


@pytest.fixture
def mail_app(make_app, mail_server, tmp_path, real_content_tree):
    app = make_app(**mail_server.settings, **queued_settings(tmp_path))
    with app.app_context():
        sync_tree(real_content_tree, "en")
    return app


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def ask(app, **fields):
    data = {**UNDER, "email": CHILD, "password": PASSWORD, "guardian_email": GUARDIAN, **fields}
    return submit(app.test_client(), ASK, data)


def link_in(message, path: str) -> str:
    text = message.get_body(("plain",)).get_content()
    (link,) = re.findall(rf"https?://\S*{re.escape(path)}\S*", text)
    return urlsplit(link).path


def test_the_refusal_offers_the_guardian_path(mail_app):
    answer = submit(
        mail_app.test_client(),
        "/en/account/signup",
        {**UNDER, "email": CHILD, "password": PASSWORD},
    )
    assert f'href="{ASK}"' in answer.text
    page = mail_app.test_client().get(ASK).text
    assert page.count('type="radio"') == 4 and "checked" not in page  # the same neutral question


def test_nothing_is_made_until_the_guardian_confirms(mail_app, mail_server):
    mailbox = mail_server.mailbox
    answer = ask(mail_app)
    assert answer.status_code == 200 and "We have asked your parent or guardian" in answer.text
    assert CHILD not in answer.text and GUARDIAN not in answer.text
    assert count(mail_app, Account) == 0 and count(mail_app, Consent) == 0
    with mail_app.app_context():
        (request,) = db.session.scalars(select(GuardianRequest)).all()
        stored = [getattr(request, column.key) for column in inspect(GuardianRequest).column_attrs]
        assert "US" not in stored and "under-13" not in stored and PASSWORD not in stored

    work(mail_app)
    (message,) = mailbox.wait_for(1)
    assert message["To"] == GUARDIAN and "permission" in message["Subject"]
    assert CHILD in message.get_body(("plain",)).get_content()
    link = link_in(message, "/account/guardian/")
    mailbox.clear()

    guardian = mail_app.test_client()
    page = guardian.get(link)
    assert page.status_code == 200 and "I am their parent or guardian" in page.text
    assert count(mail_app, Account) == 0  # a mail scanner opening the link consents to nothing
    assert guardian.post(link).status_code == 400  # no CSRF token
    assert count(mail_app, Account) == 0

    done = guardian.post(link, data=form_token(page.text))
    assert done.status_code == 200 and "Thank you for your permission" in done.text
    with mail_app.app_context():
        account = db.session.scalar(select(Account))
        assert account.email == CHILD and not account.is_verified
        purposes = {c.purpose: c for c in db.session.scalars(select(Consent))}
        assert set(purposes) == {"account", "parental"}
        assert (
            purposes["parental"].notice_version == NOTICE_VERSION and purposes["parental"].given_at
        )
        # Only the guardian's address is kept, for their confirmatory message (below).
        (kept,) = db.session.scalars(select(GuardianRequest)).all()
        assert kept.account_id == account.id and kept.consented_at and kept.password_hash == ""
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "consent.parental"))
        assert entry.actor == f"account #{account.id}" and GUARDIAN not in str(entry.after)

    work(mail_app)
    (verify,) = mailbox.wait_for(1)
    assert verify["To"] == CHILD and "/account/verify/" in verify.get_body(("plain",)).get_content()
    assert guardian.post(link, data=form_token(page.text)).status_code == 400  # used once


def test_an_unconfirmed_request_expires_and_is_purged(mail_app, mail_server):
    start = dt.datetime(2026, 12, 1, 10, 0)
    with time_machine.travel(start.replace(tzinfo=dt.UTC), tick=False):
        assert ask(mail_app).status_code == 200
        assert ask(mail_app, email="other@example.org").status_code == 200
        work(mail_app)
    link = link_in(mail_server.mailbox.wait_for(2)[0], "/account/guardian/")
    six_days = start + dt.timedelta(days=6, minutes=47 - start.minute)
    assert run_periodic(mail_app, "purge-guardian-requests", six_days) == "0 deleted"
    eight_days = six_days + dt.timedelta(days=2)
    assert run_periodic(mail_app, "purge-guardian-requests", eight_days) == "2 deleted"
    assert count(mail_app, GuardianRequest) == 0 and count(mail_app, Account) == 0
    assert mail_app.test_client().get(link).status_code == 400


def test_the_guardians_address_must_be_their_own(mail_app):
    answer = ask(mail_app, guardian_email=CHILD)
    assert answer.status_code == 400 and "not yours" in answer.text
    assert count(mail_app, GuardianRequest) == 0


def test_someone_old_enough_gets_the_usual_sign_up(mail_app):
    answer = ask(mail_app, age_band="18-or-over", country="IN")
    assert answer.status_code == 200 and "Check your email" in answer.text
    assert count(mail_app, GuardianRequest) == 0 and count(mail_app, Account) == 1


def every_stored_value(app, but=None) -> str:
    """Every value in every table (but one model's), as one string (the databases are small)."""
    with app.app_context():
        values = []
        for table in db.metadata.sorted_tables:
            if but is not None and table is but.__table__:
                continue
            for row in db.session.execute(select(table)):
                values += [str(value) for value in row]
        return "\n".join(values)


def consent_by_guardian(app, mail_server) -> str:
    """Ask, let the guardian consent through their mail; the guardian's link."""
    assert ask(app).status_code == 200
    work(app)
    link = link_in(mail_server.mailbox.wait_for(1)[0], "/account/guardian/")
    mail_server.mailbox.clear()
    guardian = app.test_client()
    page = guardian.get(link)
    assert guardian.post(link, data=form_token(page.text)).status_code == 200
    work(app)  # the child's confirmation mail
    return link


def test_the_consent_record_keeps_a_hash_of_the_guardians_address_not_the_address(
    mail_app, mail_server
):
    consented_days_ago(mail_app, mail_server)
    assert GUARDIAN not in every_stored_value(mail_app, but=GuardianRequest)
    confirmed_a_day_later(mail_app, mail_server)
    assert GUARDIAN not in every_stored_value(mail_app)
    with mail_app.app_context():
        parental = db.session.scalar(select(Consent).where(Consent.purpose == "parental"))
        assert parental.given_at is not None and parental.notice_version == NOTICE_VERSION
        assert parental.guardian_hash.startswith("scrypt:")
        # A guardian who writes in later is matched to their consent, and only they are.
        assert consents.guardian_matches(parental, GUARDIAN)
        assert consents.guardian_matches(parental, " Parent@Example.NET ")
        assert not consents.guardian_matches(parental, "someone@example.net")
        assert not consents.guardian_matches(parental, CHILD)
        account_consent = db.session.scalar(select(Consent).where(Consent.purpose == "account"))
        assert account_consent.guardian_hash is None
        assert not consents.guardian_matches(account_consent, GUARDIAN)
        reminders = consents.give(parental.account_id, "reminders")
        assert reminders.guardian_hash is None


def test_only_a_parental_consent_carries_a_guardians_address(app):
    with app.app_context(), pytest.raises(ValueError):
        consents.give(1, "parental")
    with app.app_context(), pytest.raises(ValueError):
        consents.give(1, "reminders", guardian_email=GUARDIAN)


def test_the_parental_consent_is_withdrawn_by_deleting_the_account(mail_app, mail_server):
    consent_by_guardian(mail_app, mail_server)
    (verify,) = mail_server.mailbox.wait_for(1)
    child = mail_app.test_client()
    assert child.get(link_in(verify, "/account/verify/")).status_code == 302
    page = child.get("/en/account/").text
    assert "consent to this account" in page
    assert 'action="/en/account/consents/' not in page  # no button: the account rests on it
    assert page.count("To withdraw this one, delete your account") == 2
    with mail_app.app_context():
        parental_id = db.session.scalar(select(Consent.id).where(Consent.purpose == "parental"))
    refused = child.post(f"/en/account/consents/{parental_id}/withdraw", data=form_token(page))
    assert refused.status_code == 404
    with mail_app.app_context():
        assert db.session.get(Consent, parental_id).withdrawn_at is None


def consented_days_ago(app, mail_server, days: int = 3) -> None:
    """consent_by_guardian, `days` ago: the hourly job's later runs are then in the past."""
    start = dt.datetime.now(dt.UTC) - dt.timedelta(days=days)
    with time_machine.travel(start, tick=False):
        consent_by_guardian(app, mail_server)
    mail_server.mailbox.wait_for(1)
    mail_server.mailbox.clear()  # the child's confirmation


def confirmed_a_day_later(app, mail_server):
    """The hourly job's run just before and just after a day since the consent, then the worker
    sending what it queued; the guardian's confirmatory message."""
    with app.app_context():
        given = db.session.scalar(select(GuardianRequest.consented_at))
    a_day = given + dt.timedelta(days=1)
    due = a_day.replace(minute=17, second=0, microsecond=0)
    due += dt.timedelta(hours=1) if due < a_day else dt.timedelta(0)
    assert run_periodic(app, "guardian-confirmations", due - dt.timedelta(hours=1)) == "0 queued"
    assert run_periodic(app, "guardian-confirmations", due) == "1 queued"
    work(app)
    (message,) = mail_server.mailbox.wait_for(1)
    mail_server.mailbox.clear()
    return message


def test_a_day_later_the_guardian_confirms_and_can_withdraw_which_deletes_the_account(
    mail_app, mail_server
):
    consented_days_ago(mail_app, mail_server)
    message = confirmed_a_day_later(mail_app, mail_server)
    assert message["To"] == GUARDIAN and "You gave permission" in message["Subject"]
    body = message.get_body(("plain",)).get_content()
    assert CHILD in body and "the account and everything it holds are deleted" in body
    assert count(mail_app, GuardianRequest) == 0  # the address went with the message
    later = dt.datetime.now(dt.UTC).replace(minute=17, second=0, microsecond=0, tzinfo=None)
    assert run_periodic(mail_app, "guardian-confirmations", later) == "0 queued"

    link = link_in(message, "/account/guardian/withdraw/")
    guardian = mail_app.test_client()
    page = guardian.get(link)
    assert page.status_code == 200 and CHILD in page.text and "Withdraw my permission" in page.text
    assert guardian.post(link).status_code == 400  # no CSRF token: a scanner deletes nothing
    assert count(mail_app, Account) == 1
    done = guardian.post(link, data=form_token(page.text))
    assert done.status_code == 200 and "Your permission is withdrawn" in done.text
    assert count(mail_app, Account) == 0 and count(mail_app, Consent) == 0
    with mail_app.app_context():
        entry = db.session.scalar(
            select(AuditEntry).where(AuditEntry.action == "consent.parental.withdraw")
        )
        assert entry.actor.startswith("guardian of account #")
        assert GUARDIAN not in str(entry.after) and CHILD not in entry.target
    assert guardian.get(link).status_code == 400  # nothing left to withdraw


def test_a_forged_or_other_withdrawal_link_deletes_nothing(mail_app, mail_server):
    consented_days_ago(mail_app, mail_server)
    link = link_in(confirmed_a_day_later(mail_app, mail_server), "/account/guardian/withdraw/")
    for forged in (link[:-3] + "abc", "/en/account/guardian/withdraw/not-a-token"):
        assert mail_app.test_client().get(forged).status_code == 400
    # A guardian's consent link is not a withdrawal link, nor the other way round.
    token = link.rsplit("/", 1)[1]
    assert mail_app.test_client().get(f"/en/account/guardian/{token}").status_code == 400
    assert count(mail_app, Account) == 1


def test_an_account_deleted_before_the_confirmation_takes_the_guardians_address_with_it(
    mail_app, mail_server
):
    consent_by_guardian(mail_app, mail_server)
    (verify,) = mail_server.mailbox.wait_for(1)
    child = mail_app.test_client()
    assert child.get(link_in(verify, "/account/verify/")).status_code == 302
    assert log_in(child, email=CHILD, password=PASSWORD).status_code == 302
    assert (
        submit(child, "/en/account/delete", {"confirm": "y", "password": PASSWORD}).status_code
        == 200
    )
    assert count(mail_app, Account) == 0 and count(mail_app, GuardianRequest) == 0
    assert GUARDIAN not in every_stored_value(mail_app)


INDIAN_CHILD = {"age_band": "16-17", "country": "IN"}
RULE_10_CLOSES = dt.datetime(2027, 5, 5)  # GUARDIAN_EMAIL_CONSENT_CLOSES["IN"]


def test_from_the_closing_date_an_indian_child_is_offered_only_the_anonymous_path(
    mail_app, mail_server
):
    with time_machine.travel(RULE_10_CLOSES - dt.timedelta(seconds=1), tick=False):
        before = submit(
            mail_app.test_client(),
            "/en/account/signup",
            {**INDIAN_CHILD, "email": CHILD, "password": PASSWORD},
        )
        assert f'href="{ASK}">' in before.text
    with time_machine.travel(RULE_10_CLOSES, tick=False):
        refused = submit(
            mail_app.test_client(),
            "/en/account/signup",
            {**INDIAN_CHILD, "email": CHILD, "password": PASSWORD},
        )
        assert refused.status_code == 200 and f'href="{ASK}">' not in refused.text
        assert 'href="/en/lessons/"' in refused.text  # the anonymous path is still there
        # Posting the guardian form directly stores nothing and mails no one.
        direct = ask(mail_app, **INDIAN_CHILD)
        assert direct.status_code == 200 and f'href="{ASK}">' not in direct.text
        assert count(mail_app, GuardianRequest) == 0 and count(mail_app, Account) == 0
        work(mail_app)
        assert mail_server.mailbox.messages == []
        # Other countries' children keep the e-mail path.
        assert ask(mail_app).status_code == 200
        assert count(mail_app, GuardianRequest) == 1
