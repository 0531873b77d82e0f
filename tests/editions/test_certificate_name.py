"""The name printed on an edition's certificate: chosen by its holder after the age question,
never kept for a child without a guardian's consent, shown by the certificate alone; the
certificate verifies by its code with or without it."""

import time_machine
from sqlalchemy import select

from challenge.accounts import consents
from challenge.accounts.models import Account, Consent
from challenge.certificates.models import Certificate
from challenge.extensions import db
from tests.factories import submit
from tests.support.editions import DAY_1, DAY_3, EDITION, action_url
from tests.support.visitors import sign_up

NAME_PAGE = "/en/editions/test-week/certificate/name"
NAME = "Asha Kumari"


def finish(client, country: str = "IN") -> None:
    with time_machine.travel(DAY_1, tick=False):
        client.post(action_url("tell-a-friend"), data={"country": country})
        client.post("/en/lessons/a-lesson/done", data={"country": country})
    with time_machine.travel(DAY_3, tick=False):
        submit(client, "/en/pledges/a-pledge", {"country": country})
        client.post(action_url("update-phone"))


def the_certificate(app) -> Certificate:
    with app.app_context():
        [certificate] = db.session.scalars(select(Certificate)).all()
        db.session.expunge(certificate)
        return certificate


def choose(client, name: str, age_band: str = "18-or-over", country: str = "IN"):
    return submit(client, NAME_PAGE, {"name": name, "age_band": age_band, "country": country})


def test_an_adult_prints_a_name_that_only_the_certificate_shows(edition_app):
    client = edition_app.test_client()
    finish(client)
    edition_page = client.get(EDITION).text
    assert NAME_PAGE in edition_page  # one tap from the finish line
    form = client.get(NAME_PAGE)
    assert form.status_code == 200 and 'name="age_band"' in form.text
    assert form.headers["Cache-Control"] == "no-store"
    response = choose(client, NAME)
    assert response.status_code == 303 and response.headers["Location"].endswith("#certificate")
    certificate = the_certificate(edition_app)
    assert certificate.name == NAME
    verify = edition_app.test_client().get(f"/en/verify/{certificate.code}")
    assert verify.status_code == 200 and NAME in verify.text
    # Nowhere else: the holder's own edition page and progress, the public page, the card, badge.
    for who in (client, edition_app.test_client()):
        with time_machine.travel(DAY_3, tick=False):
            assert NAME not in who.get(EDITION).text
            assert NAME not in who.get("/en/editions/").text
    assert NAME not in client.get("/en/me/").text
    badge = edition_app.test_client().get(f"/verify/{certificate.code}/badge.json")
    assert badge.status_code == 200 and NAME not in badge.text


def test_an_empty_name_prints_none_without_the_age_question(edition_app):
    client = edition_app.test_client()
    finish(client)
    choose(client, NAME)
    response = submit(client, NAME_PAGE, {"name": "  "})
    assert response.status_code == 303
    certificate = the_certificate(edition_app)
    assert certificate.name is None
    verify = edition_app.test_client().get(f"/en/verify/{certificate.code}")
    assert verify.status_code == 200 and NAME not in verify.text


def test_a_child_gets_no_name_and_a_certificate_that_still_verifies(edition_app):
    client = edition_app.test_client()
    finish(client)
    for band, country in (("13-15", "IN"), ("16-17", "IN"), ("under-13", "US"), ("13-15", "JP")):
        response = choose(client, NAME, age_band=band, country=country)
        assert response.status_code == 200
        assert "permission" in response.text and NAME not in response.text
        assert the_certificate(edition_app).name is None
    code = the_certificate(edition_app).code
    assert edition_app.test_client().get(f"/en/verify/{code}").status_code == 200
    # Old enough where they live: printed.
    assert choose(client, NAME, age_band="13-15", country="US").status_code == 303
    assert the_certificate(edition_app).name == NAME


def test_where_the_e_mail_consent_path_has_closed_the_refusal_does_not_offer_it(edition_app):
    client = edition_app.test_client()
    finish(client)
    guardian_link = 'href="/en/account/signup/guardian"'
    assert guardian_link in choose(client, NAME, age_band="16-17", country="IN").text
    with time_machine.travel("2027-05-05 00:00", tick=False):  # India's, in the config
        closed = choose(client, NAME, age_band="16-17", country="IN")
        assert closed.status_code == 200 and guardian_link not in closed.text
        assert guardian_link in choose(client, NAME, age_band="under-13", country="US").text
    assert the_certificate(edition_app).name is None


def test_a_child_whose_guardian_consented_may_print_a_name(edition_app):
    client = edition_app.test_client()
    with time_machine.travel(DAY_1, tick=False):
        sign_up(client, email="pupil@example.org")
    with edition_app.app_context():
        account = db.session.scalar(select(Account).where(Account.email == "pupil@example.org"))
        consents.give(account.id, consents.PARENTAL, guardian_email="parent@example.org")
        db.session.commit()
        account_id = account.id
    finish(client)
    with time_machine.travel(DAY_3, tick=False):  # still signed in
        assert choose(client, NAME, age_band="13-15", country="IN").status_code == 303
    assert the_certificate(edition_app).name == NAME
    with edition_app.app_context():
        purposes = set(
            db.session.scalars(select(Consent.purpose).where(Consent.account_id == account_id))
        )
    assert consents.CERTIFICATE_NAME in purposes


def test_withdrawing_the_consent_erases_the_printed_name(edition_app):
    client = edition_app.test_client()
    with time_machine.travel(DAY_1, tick=False):
        sign_up(client, email="grown@example.org")
    finish(client)
    with time_machine.travel(DAY_3, tick=False):
        assert choose(client, NAME).status_code == 303
        with edition_app.app_context():
            consent_id = db.session.scalar(
                select(Consent.id).where(Consent.purpose == consents.CERTIFICATE_NAME)
            )
        page = "/en/account/"
        assert "Printing your name on your certificates" in client.get(page).text
        response = submit(client, f"/en/account/consents/{consent_id}/withdraw", {}, page=page)
    assert response.status_code == 302
    assert the_certificate(edition_app).name is None


def test_only_the_holder_has_the_page_and_bad_input_is_refused(edition_app):
    assert edition_app.test_client().get(NAME_PAGE).status_code == 404  # nobody yet
    client = edition_app.test_client()
    finish(client)
    stranger = edition_app.test_client()
    with time_machine.travel(DAY_1, tick=False):
        stranger.post(action_url("tell-a-friend"), data={"country": "IN"})
    assert stranger.get(NAME_PAGE).status_code == 404  # started, not finished
    assert edition_app.test_client().get("/en/editions/nope/certificate/name").status_code == 404
    assert client.post(NAME_PAGE, data={"name": NAME, "age_band": "18-or-over"}).status_code == 400
    too_long = choose(client, "x" * 81)
    assert too_long.status_code == 400 and "at most 80" in too_long.text
    no_age = submit(client, NAME_PAGE, {"name": NAME, "country": "IN"})
    assert no_age.status_code == 400 and "Choose your age." in no_age.text
    bad_band = choose(client, NAME, age_band="ancient")
    assert bad_band.status_code == 400
    assert the_certificate(edition_app).name is None


def test_a_revoked_certificate_prints_no_name(edition_app):
    from challenge.certificates import operations

    client = edition_app.test_client()
    finish(client)
    code = the_certificate(edition_app).code
    with edition_app.app_context():
        operations.revoke(code, "issued_in_error", None)
    assert client.get(NAME_PAGE).status_code == 409
    data = {"name": NAME, "age_band": "18-or-over", "country": "IN"}
    assert submit(client, NAME_PAGE, data, page="/en/account/signup").status_code == 409
    assert the_certificate(edition_app).name is None


def test_hostile_names_are_refused_or_printed_escaped(edition_app):
    from tests.security.payloads import EVALUATED, PAYLOADS

    client = edition_app.test_client()
    finish(client)
    code = the_certificate(edition_app).code
    curated = [p for p in PAYLOADS if isinstance(p.value, str) and len(p.value) <= 200][::7]
    assert len(curated) > 20
    for payload in curated:
        response = choose(client, payload.value)
        assert response.status_code in (303, 400), payload
        verify = edition_app.test_client().get(f"/en/verify/{code}")
        assert verify.status_code == 200, payload
        assert "<script>alert(" not in verify.text
        assert not any(marker in verify.text for marker in EVALUATED), payload
        name = the_certificate(edition_app).name
        assert name is None or (len(name) <= 80 and name.isprintable()), payload
