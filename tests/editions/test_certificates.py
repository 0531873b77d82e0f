"""Finishing an edition issues its certificate once, in the same transaction, and the edition
page links to it; the verification page names the edition."""

import time_machine
from sqlalchemy import func, select

from challenge.certificates.models import Certificate
from challenge.extensions import db
from tests.factories import submit
from tests.support.editions import DAY_1, DAY_3, EDITION, action_url


def certificates(app) -> list[Certificate]:
    with app.app_context():
        return list(db.session.scalars(select(Certificate)))


def finish(client) -> None:
    with time_machine.travel(DAY_1, tick=False):
        client.post(action_url("tell-a-friend"), data={"country": "IN"})
        client.post("/en/lessons/a-lesson/done", data={"country": "IN"})
    with time_machine.travel(DAY_3, tick=False):
        submit(client, "/en/pledges/a-pledge", {"country": "IN"})
        client.post(action_url("update-phone"))


def test_finishing_issues_one_certificate_and_the_page_links_to_it(edition_app):
    client = edition_app.test_client()
    with time_machine.travel(DAY_1, tick=False):
        client.post(action_url("tell-a-friend"), data={"country": "IN"})
        assert 'id="certificate"' not in client.get(EDITION).text
    assert certificates(edition_app) == []
    finish(client)
    [certificate] = certificates(edition_app)
    assert certificate.subject_kind == "edition" and certificate.subject_slug == "test-week"
    assert certificate.completed_on.isoformat() == "2024-03-06"  # the local date in Tokyo
    assert certificate.name is None  # nothing personal unless the participant gives a name
    with time_machine.travel(DAY_3, tick=False):
        client.post(action_url("update-phone"))  # a replay
        client.post(action_url("pass-quiz"))  # catching up after finishing
        page = client.get(EDITION).text
    assert len(certificates(edition_app)) == 1
    assert f"/verify/{certificate.code}" in page and "certificate.pdf" in page
    verify = edition_app.test_client().get(f"/en/verify/{certificate.code}")
    assert verify.status_code == 200
    assert "Test Week" in verify.text and "/en/editions/test-week" in verify.text


def test_no_certificate_before_the_finish_line(edition_app):
    client = edition_app.test_client()
    with time_machine.travel(DAY_1, tick=False):
        client.post(action_url("tell-a-friend"), data={"country": "IN"})
        client.post("/en/lessons/a-lesson/done", data={"country": "IN"})
    with edition_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Certificate)) == 0
