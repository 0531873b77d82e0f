"""Staff look certificates up and revoke them: admins and moderators only, with a token, a reason
off the list, and an entry in the audit log."""

import pytest

from challenge.accounts.roles import ROLES
from challenge.staff.access import PERMISSIONS
from tests.factories import csrf_token
from tests.staff.support import account, audit_entries, staff_client
from tests.support import certificates

ALLOWED = PERMISSIONS["certificates.revoke"]


def revoke(client, code: str, **fields):
    page = client.get("/staff/certificates", query_string={"code": code})
    data = {"reason": "rules_broken", "confirm": "y", **fields}
    if "csrf_token" not in fields:
        data["csrf_token"] = csrf_token(page.text)
    return client.post(f"/staff/certificates/{code}/revoke", data=data)


def test_only_admins_and_moderators_may_revoke():
    assert {"admin", "moderator"} == ALLOWED


def test_a_moderator_looks_up_and_revokes_with_a_reason(app):
    code = certificates.issue(app, name="Ada Lovelace")
    client = staff_client(app, "moderator")
    page = client.get("/staff/certificates", query_string={"code": code.lower()})
    assert page.status_code == 200 and code in page.text and "Valid" in page.text
    assert "Ada Lovelace" not in page.text  # staff see no more of the holder than anyone
    response = revoke(client, code)
    assert response.status_code == 303
    assert "is revoked" in client.get(response.headers["Location"]).text
    revoked = certificates.certificate(app, code)
    assert revoked.revoked and revoked.revoke_reason == "rules_broken"
    entries = audit_entries(app, "certificate.revoke")
    assert [(e.actor, e.role, e.after["reason"]) for e in entries] == [
        ("moderator@campaign.example", "moderator", "rules_broken")
    ]
    public = app.test_client().get(f"/verify/{code}").text
    assert "The rules of the challenge were broken." in public


@pytest.mark.parametrize("role", sorted(set(ROLES) - ALLOWED))
def test_other_roles_are_refused(app, role):
    code = certificates.issue(app)
    client = staff_client(app, role)
    assert client.get("/staff/certificates", query_string={"code": code}).status_code == 403
    token = csrf_token(client.get("/en/account/login").text)
    response = client.post(
        f"/staff/certificates/{code}/revoke",
        data={"csrf_token": token, "reason": "rules_broken", "confirm": "y"},
    )
    assert response.status_code == 403
    assert not certificates.certificate(app, code).revoked
    assert audit_entries(app, "certificate.revoke") == []


def test_participants_and_visitors_are_refused(app):
    code = certificates.issue(app)
    visitor = app.test_client()
    page = visitor.get("/staff/certificates", query_string={"code": code})
    assert page.status_code == 302 and "/account/login" in page.headers["Location"]
    token = csrf_token(visitor.get("/en/account/login").text)
    posted = visitor.post(
        f"/staff/certificates/{code}/revoke",
        data={"csrf_token": token, "reason": "replaced", "confirm": "y"},
    )
    assert posted.status_code == 302 and "/account/login" in posted.headers["Location"]
    someone = account(app, "someone@example.org")
    assert someone.get("/staff/certificates").status_code == 403
    assert not certificates.certificate(app, code).revoked


def test_a_forged_revocation_without_the_token_is_refused(app):
    code = certificates.issue(app)
    client = staff_client(app, "admin")
    response = client.post(
        f"/staff/certificates/{code}/revoke", data={"reason": "rules_broken", "confirm": "y"}
    )
    assert response.status_code == 400
    cross_site = revoke(client, code, **{"csrf_token": "forged"})
    assert cross_site.status_code == 400
    from_elsewhere = client.post(
        f"/staff/certificates/{code}/revoke",
        data={"reason": "rules_broken", "confirm": "y"},
        headers={"Origin": "https://evil.example"},
    )
    assert from_elsewhere.status_code == 403
    assert not certificates.certificate(app, code).revoked
    assert audit_entries(app, "certificate.revoke") == []


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"reason": "because"}, "Choose a reason."),
        ({"reason": ""}, "Choose a reason."),
        ({"confirm": ""}, "Tick the box to confirm."),
    ],
)
def test_a_reason_off_the_list_or_no_confirmation_is_a_clear_400(app, fields, message):
    code = certificates.issue(app)
    client = staff_client(app, "admin")
    response = revoke(client, code, **fields)
    assert response.status_code == 400 and message in response.text
    assert not certificates.certificate(app, code).revoked


def test_unknown_and_malformed_codes_are_404_for_staff_too(app):
    client = staff_client(app, "admin")
    token = csrf_token(client.get("/en/account/login").text)
    for code in ("QCC-0000-0000-0000-0000", "nonsense", "A" * 500):
        assert client.get("/staff/certificates", query_string={"code": code}).status_code == 404
        response = client.post(
            f"/staff/certificates/{code}/revoke",
            data={"csrf_token": token, "reason": "replaced", "confirm": "y"},
        )
        assert response.status_code == 404


def test_revoking_twice_records_once(app):
    code = certificates.issue(app)
    client = staff_client(app, "admin")
    assert revoke(client, code).status_code == 303
    page = client.get("/staff/certificates", query_string={"code": code}).text
    assert "Revoke this certificate" not in page
    token = csrf_token(client.get("/en/account/login").text)
    again = client.post(
        f"/staff/certificates/{code}/revoke",
        data={"csrf_token": token, "reason": "replaced", "confirm": "y"},
    )
    assert again.status_code == 303
    assert len(audit_entries(app, "certificate.revoke")) == 1
    assert certificates.certificate(app, code).revoke_reason == "rules_broken"


def test_the_menu_shows_the_section_to_those_who_may_use_it(app):
    assert "/staff/certificates" in staff_client(app, "moderator").get("/staff/").text
    assert "/staff/certificates" not in staff_client(app, "editor").get("/staff/").text
