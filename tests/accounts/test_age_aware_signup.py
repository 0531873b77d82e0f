"""Sign-up asks an age band and a country first; below the country's threshold it keeps nothing
and offers the anonymous path, and an account that is made records the consent given."""

import pytest
from sqlalchemy import func, inspect, select

from challenge.accounts.models import Account, Consent
from challenge.content.operations import sync_tree
from challenge.extensions import db
from challenge.jobs.models import Job
from challenge.mail import outbox
from tests.factories import submit
from tests.support.accounts import NOTICE_VERSION, sign_up

EMAIL = "young@example.org"
PASSWORD = "a long enough passphrase"


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_the_age_question_is_neutral(synced):
    page = synced.test_client().get("/en/account/signup").text
    for label in ("Under 13", "13 to 15", "16 or 17", "18 or over"):
        assert label in page
    assert page.count('type="radio"') == 4 and "checked" not in page  # no band chosen for you
    assert "<legend>How old are you?</legend>" in page


@pytest.mark.parametrize(
    ("country", "band"),
    [("IN", "16-17"), ("US", "under-13"), ("AU", "16-17"), ("JP", "13-15")],
)
def test_under_the_countrys_threshold_nothing_is_kept(synced, country, band):
    client = synced.test_client()
    answer = submit(
        client,
        "/en/account/signup",
        {"age_band": band, "country": country, "email": EMAIL, "password": PASSWORD},
    )
    assert answer.status_code == 200
    assert "You can take part without an account" in answer.text
    for path in ("/en/lessons/", "/en/quizzes/", "/en/pledges/"):
        assert f'href="{path}"' in answer.text  # the anonymous path
    assert "parent or guardian" in answer.text  # the consent path, coming
    assert EMAIL not in answer.text and "no-store" in answer.headers["Cache-Control"]
    assert count(synced, Account) == 0 and count(synced, Consent) == 0
    assert count(synced, Job) == 0  # no mail queued either
    with synced.app_context():
        assert outbox() == []
    with client.session_transaction() as session:
        assert band not in str(dict(session)) and EMAIL not in str(dict(session))


@pytest.mark.parametrize(
    ("country", "band"),
    [("IN", "18-or-over"), ("US", "13-15"), ("AU", "18-or-over"), ("JP", "16-17")],
)
def test_at_or_over_the_threshold_the_account_records_its_consent(synced, country, band):
    answer = submit(
        synced.test_client(),
        "/en/account/signup",
        {"age_band": band, "country": country, "email": EMAIL, "password": PASSWORD},
    )
    assert answer.status_code == 200 and "Check your email" in answer.text
    with synced.app_context():
        account = db.session.scalar(select(Account))
        (consent,) = db.session.scalars(select(Consent)).all()
        assert consent.account_id == account.id and consent.purpose == "account"
        assert consent.notice_version == NOTICE_VERSION  # content/pages/privacy/en.md's version
        assert consent.given_at is not None and consent.withdrawn_at is None
        # Neither the age band nor the country is kept on the account.
        for row in (account, consent):
            stored = [getattr(row, column.key) for column in inspect(type(row)).column_attrs]
            assert band not in stored and country not in stored


def test_unanswered_or_forged_age_is_a_translated_400(synced):
    client = synced.test_client()
    missing = submit(
        client, "/hi/account/signup", {"country": "IN", "email": EMAIL, "password": PASSWORD}
    )
    assert missing.status_code == 400 and 'href="#age_band-0"' in missing.text
    assert "Choose your age." not in missing.text  # in Hindi
    forged = submit(
        client,
        "/en/account/signup",
        {"age_band": "99", "country": "IN", "email": EMAIL, "password": PASSWORD},
    )
    assert forged.status_code == 400 and count(synced, Account) == 0


def test_the_threshold_is_configuration(make_app, real_content_tree):
    app = make_app(CHILD_AGE_THRESHOLDS={"US": 16}, CHILD_AGE_DEFAULT_THRESHOLD=13)
    with app.app_context():
        sync_tree(real_content_tree, "en")
    refused = submit(
        app.test_client(),
        "/en/account/signup",
        {"age_band": "13-15", "country": "US", "email": EMAIL, "password": PASSWORD},
    )
    assert "You can take part without an account" in refused.text
    made = submit(
        app.test_client(),
        "/en/account/signup",
        {"age_band": "13-15", "country": "FR", "email": EMAIL, "password": PASSWORD},
    )
    assert "Check your email" in made.text and count(app, Account) == 1


def test_the_consent_record_is_in_the_data_download(synced):
    client = synced.test_client()
    sign_up(client, EMAIL, PASSWORD)
    data = client.get("/en/account/export").get_json()
    (consent,) = data["account"]["consents"]
    assert consent["purpose"] == "account" and consent["privacy_notice_version"] == NOTICE_VERSION
    assert consent["withdrawn_at"] is None
