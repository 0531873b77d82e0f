"""A participant without an account erases what the site holds about their browser: after a
confirmation, CSRF-checked like every form, the browser is unlinked from everything it did, names
are erased, the anonymous counts stay, and the audit log records it without personal data."""

import json

import pytest
from sqlalchemy import func, select

from challenge.audit.models import AuditEntry
from challenge.certificates import operations as certificate_operations
from challenge.certificates import registry
from challenge.extensions import db
from challenge.participation.identity import COOKIE_NAME
from challenge.participation.models import Participant, Tally
from challenge.pledges.models import PledgeTaken
from tests.factories import csrf_token, submit
from tests.support import certificates, quizzes
from tests.support.visitors import sign_up

ERASE = "/en/me/erase"


@pytest.fixture(autouse=True)
def certificate_subjects(monkeypatch):
    monkeypatch.setitem(registry.DESCRIBERS, certificates.KIND, certificates.describe)


def issue_to(app, participant_id: int, name: str) -> str:
    with app.app_context():
        participant = db.session.get(Participant, participant_id)
        certificate = certificate_operations.issue(
            participant,
            certificates.KIND,
            certificates.SLUG,
            certificates.COMPLETED,
            name=name,
            locale="en",
        )
        db.session.commit()
        return certificate.code


def participant_rows(app) -> list[Participant]:
    with app.app_context():
        rows = db.session.scalars(select(Participant).order_by(Participant.id)).all()
        for row in rows:
            db.session.expunge(row)
        return rows


def tallies(app) -> dict:
    with app.app_context():
        return {(row.metric, row.scope): row.value for row in db.session.scalars(select(Tally))}


def took_part(app):
    client = app.test_client()
    submit(client, "/en/pledges/turn-on-mfa", {"country": "IN"})
    quizzes.send(client, quizzes.answer_sheet(app), country=None)
    return client


def test_my_page_links_to_the_erasure_once_there_is_something_to_erase(synced):
    client = synced.test_client()
    assert 'href="/en/me/erase"' not in client.get("/en/me").text
    page = client.get(ERASE)
    assert page.status_code == 200
    assert "we hold nothing about it" in page.text
    assert 'name="confirm"' not in page.text
    submit(client, "/en/pledges/turn-on-mfa", {"country": "IN"})
    assert 'id="erase-data" href="/en/me/erase"' in client.get("/en/me").text


def test_erasing_needs_the_box_ticked_and_keeps_everything_until_then(synced):
    client = took_part(synced)
    page = client.get(ERASE)
    assert page.status_code == 200
    assert 'name="confirm"' in page.text and "/en/me/data.json" in page.text
    answer = client.post(ERASE, data={"csrf_token": csrf_token(page.text)})
    assert answer.status_code == 400
    assert "Tick the box to confirm." in answer.text
    assert 'class="error-summary"' in answer.text
    assert client.get("/en/me/data.json").get_json()["participation"] is not None


def test_a_post_without_a_valid_csrf_token_erases_nothing(synced):
    client = took_part(synced)
    before = participant_rows(synced)
    for data in ({"confirm": "y"}, {"confirm": "y", "csrf_token": "forged"}):
        answer = client.post(ERASE, data=data)
        assert answer.status_code == 400
    assert [row.token for row in participant_rows(synced)] == [row.token for row in before]
    assert client.get("/en/me/data.json").get_json()["participation"] is not None


def test_erasing_unlinks_the_browser_and_keeps_the_anonymous_counts(synced):
    client = took_part(synced)
    with synced.app_context():
        participant = db.session.scalar(select(Participant))
        participant.display_name = "Asha"
        participant.share_name_with_org = True
        participant.origin = "abc123"
        db.session.commit()
        participant_id = participant.id
    own = issue_to(synced, participant_id, "Asha K")
    someone_elses = certificates.issue(synced, name="Ravi S")
    counts = tallies(synced)
    (before,) = [row for row in participant_rows(synced) if row.id == participant_id]

    page = client.get(ERASE)
    answer = client.post(
        ERASE, data={"csrf_token": csrf_token(page.text), "confirm": "y"}, follow_redirects=False
    )
    assert answer.status_code == 302 and answer.location.endswith("/en/me")
    assert f"{COOKIE_NAME}=;" in answer.headers["Set-Cookie"]  # the cookie is deleted
    page = client.get("/en/me").text
    assert "Your data is erased." in page
    assert "You have not taken part yet on this browser." in page
    assert client.get("/en/me/data.json").get_json() == {"participation": None}

    after = {row.id: row for row in participant_rows(synced)}[participant_id]
    assert after.token != before.token
    assert (after.display_name, after.share_name_with_org, after.origin) == (None, False, None)
    assert after.country == "IN"  # the rows behind the counts stay, linked to no one
    with synced.app_context():
        assert db.session.scalar(select(func.count()).select_from(PledgeTaken)) == 1
    assert tallies(synced) == counts
    # the certificate stays valid without the name; another participant's keeps theirs
    erased = certificates.certificate(synced, own)
    assert erased.name is None and not erased.revoked
    assert certificates.certificate(synced, someone_elses).name == "Ravi S"


def test_the_audit_log_records_the_erasure_without_personal_data(synced):
    client = took_part(synced)
    (participant,) = participant_rows(synced)
    page = client.get(ERASE)
    client.post(ERASE, data={"csrf_token": csrf_token(page.text), "confirm": "y"})
    with synced.app_context():
        (entry,) = db.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "participant.erase")
        ).all()
        written = json.dumps(
            [entry.actor, entry.actor_id, entry.role, entry.target, entry.before, entry.after]
        )
    assert entry.actor == "participant (self-service)" and entry.actor_id is None
    assert participant.token not in written
    assert str(participant.id) not in written
    assert "IN" not in written


def test_a_second_erasure_or_another_browser_changes_nothing(synced):
    client = took_part(synced)
    other = took_part(synced)
    page = client.get(ERASE)
    token = csrf_token(page.text)
    client.post(ERASE, data={"csrf_token": token, "confirm": "y"})
    before = participant_rows(synced)
    again = client.post(ERASE, data={"csrf_token": token, "confirm": "y"})
    assert again.status_code == 302
    assert [row.token for row in participant_rows(synced)] == [row.token for row in before]
    assert other.get("/en/me/data.json").get_json()["participation"] is not None


def test_an_account_is_sent_to_delete_the_account_instead(synced):
    client = synced.test_client()
    sign_up(client)
    submit(client, "/en/pledges/turn-on-mfa", {"country": "IN"})
    answer = client.get(ERASE)
    assert answer.status_code == 302 and answer.location.endswith("/en/account/delete")
    assert 'href="/en/me/erase"' not in client.get("/en/me").text


def test_the_erasure_page_in_hindi_and_japanese(synced):
    client = took_part(synced)
    for locale, words in (("hi", "अपना डेटा मिटाएँ"), ("ja", "データを消去する")):
        page = client.get(f"/{locale}/me/erase")
        assert page.status_code == 200
        assert words in page.text
