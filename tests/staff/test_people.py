"""Staff management: admins grant, change and revoke roles and give translators their languages,
never taking away their own admin role or the last admin; every change is audited."""

import pytest
from sqlalchemy import select

from challenge.accounts.models import Account
from challenge.extensions import db
from challenge.mail import outbox
from challenge.staff.people import operations
from tests.factories import last_link, submit
from tests.staff.builders import make_account
from tests.staff.support import account, audit_entries, staff_client

PEOPLE = "/staff/people"


def role_of(app, email: str):
    with app.app_context():
        found = db.session.scalar(select(Account).where(Account.email == email))
        return found.staff_role, found.staff_locales


def test_admins_grant_a_role_to_an_existing_account(synced):
    admin = staff_client(synced, "admin")
    account(synced, "new@example.org")
    response = submit(admin, PEOPLE, {"email": " New@Example.org ", "role": "moderator"})
    assert response.status_code == 303
    page = admin.get(PEOPLE).text
    assert "new@example.org now has the role: Moderator." in page
    assert role_of(synced, "new@example.org") == ("moderator", [])
    (entry,) = audit_entries(synced, "staff.role")
    assert entry.target == "new@example.org" and entry.actor == "admin@campaign.example"
    assert entry.before == {"role": None, "locales": []}
    assert entry.after == {"role": "moderator", "locales": []}


def test_granting_needs_an_account_and_a_real_role(synced):
    admin = staff_client(synced, "admin")
    missing = submit(admin, PEOPLE, {"email": "nobody@example.org", "role": "editor"})
    assert missing.status_code == 400 and "No account uses that address" in missing.text
    assert 'href="#email"' in missing.text  # the error summary links to the field
    make_account(synced, "someone@example.org")
    bad = submit(admin, PEOPLE, {"email": "someone@example.org", "role": "superuser"})
    assert bad.status_code == 400 and "Choose a role from the list." in bad.text
    assert role_of(synced, "someone@example.org") == (None, [])
    assert audit_entries(synced, "staff.role") == []


def test_changing_roles_and_translators_languages(synced):
    admin = staff_client(synced, "admin")
    target = make_account(synced, "tr@campaign.example", "editor")
    submit(admin, f"{PEOPLE}/{target}/role", {"role": "translator"}, page=PEOPLE)
    assert role_of(synced, "tr@campaign.example") == ("translator", [])
    page = admin.get(PEOPLE).text
    assert f'id="locales-{target}-hi"' in page and ">Hindi</label>" in page
    response = submit(admin, f"{PEOPLE}/{target}/locales", {"locales": ["ja", "hi"]}, page=PEOPLE)
    assert response.status_code == 303
    assert role_of(synced, "tr@campaign.example") == ("translator", ["hi", "ja"])
    assert f'id="locales-{target}-hi" checked' in admin.get(PEOPLE).text
    bad = submit(admin, f"{PEOPLE}/{target}/locales", {"locales": ["xx"]}, page=PEOPLE)
    assert bad.status_code == 400 and "Choose languages from the list." in bad.text
    (entry,) = audit_entries(synced, "staff.locales")
    assert entry.before["locales"] == [] and entry.after["locales"] == ["hi", "ja"]
    # Another role drops the languages: they mean something to translators only.
    submit(admin, f"{PEOPLE}/{target}/role", {"role": "analyst"}, page=PEOPLE)
    assert role_of(synced, "tr@campaign.example") == ("analyst", [])
    refused = submit(admin, f"{PEOPLE}/{target}/locales", {"locales": ["hi"]}, page=PEOPLE)
    assert refused.status_code == 409 and "Only translators are given languages." in refused.text


def test_the_page_names_languages_in_the_readers_language(synced):
    admin = staff_client(synced, "admin")
    make_account(synced, "tr@campaign.example", "translator")
    with synced.app_context():
        found = db.session.scalar(select(Account).where(Account.email == "admin@campaign.example"))
        found.locale = "ja"
        db.session.commit()
    page = admin.get(PEOPLE).text
    assert '<html lang="ja"' in page and ">ヒンディー語</label>" in page


def test_revoking_keeps_the_account(synced):
    admin = staff_client(synced, "admin")
    target = make_account(synced, "gone@campaign.example", "translator", locales=["hi"])
    response = submit(admin, f"{PEOPLE}/{target}/revoke", {}, page=PEOPLE)
    assert response.status_code == 303
    assert "gone@campaign.example is no longer staff." in admin.get(PEOPLE).text
    assert role_of(synced, "gone@campaign.example") == (None, [])
    (entry,) = audit_entries(synced, "staff.revoke")
    assert entry.before == {"role": "translator", "locales": ["hi"]}
    assert submit(admin, f"{PEOPLE}/{target}/revoke", {}, page=PEOPLE).status_code == 404
    huge = submit(admin, f"{PEOPLE}/99999999999999999999/revoke", {}, page=PEOPLE)
    assert huge.status_code == 404


def test_an_admin_keeps_their_own_admin_role_and_the_last_admin_stays(synced):
    admin = staff_client(synced, "admin")
    with synced.app_context():
        me = db.session.scalar(select(Account.id).where(Account.email == "admin@campaign.example"))
    own = submit(admin, f"{PEOPLE}/{me}/role", {"role": "analyst"}, page=PEOPLE)
    assert own.status_code == 409 and "cannot take away your own admin role" in own.text
    assert submit(admin, f"{PEOPLE}/{me}/revoke", {}, page=PEOPLE).status_code == 409
    other = make_account(synced, "second@campaign.example", "admin")
    assert (
        submit(admin, f"{PEOPLE}/{other}/role", {"role": "editor"}, page=PEOPLE).status_code == 303
    )
    assert role_of(synced, "admin@campaign.example")[0] == "admin"
    assert [entry.target for entry in audit_entries(synced, "staff.role")] == [
        "second@campaign.example"
    ]


def test_the_last_admin_cannot_be_removed_by_anyone(synced):
    make_account(synced, "only@campaign.example", "admin")
    with synced.test_request_context("/staff/people"):
        only = db.session.scalar(select(Account).where(Account.email == "only@campaign.example"))
        other = Account(email="x@campaign.example", password_hash="x", locale="en")
        with pytest.raises(operations.Refused, match="at least one admin"):
            operations.revoke(only, other)
        assert only.staff_role == "admin"


def test_the_staff_list_shows_roles_and_languages(synced):
    admin = staff_client(synced, "admin")
    make_account(synced, "tr@campaign.example", "translator", locales=["ja"])
    make_account(synced, "not-staff@example.org")
    page = admin.get(PEOPLE).text
    assert "tr@campaign.example" in page and "not-staff@example.org" not in page
    assert page.index("admin@campaign.example") < page.index("tr@campaign.example")
    assert "admin@campaign.example (you)" in page


def test_no_role_for_an_account_whose_address_is_not_confirmed(synced):
    """Someone who signs up with a new hire's address before they do must not get their role."""
    admin = staff_client(synced, "admin")
    impostor = account(synced, "new-hire@campaign.example", verified=False)
    refused = submit(admin, PEOPLE, {"email": "new-hire@campaign.example", "role": "editor"})
    assert refused.status_code == 400
    assert "has not confirmed their email address" in refused.text
    assert 'href="#email"' in refused.text  # in the error summary, linked to the field
    assert role_of(synced, "new-hire@campaign.example") == (None, [])
    assert audit_entries(synced, "staff.role") == []
    # A role given some other way (before this rule, or by hand) cannot be changed either.
    target = make_account(synced, "legacy@campaign.example", "translator", verified=False)
    changed = submit(admin, f"{PEOPLE}/{target}/role", {"role": "admin"}, page=PEOPLE)
    assert changed.status_code == 409 and "has not confirmed their email address" in changed.text
    assert role_of(synced, "legacy@campaign.example") == ("translator", [])
    assert "legacy@campaign.example (address not confirmed" in admin.get(PEOPLE).text
    # Once the owner confirms the address, the role can be given.
    with synced.app_context():
        link = last_link(outbox())
    assert impostor.get(link).status_code == 302
    granted = submit(admin, PEOPLE, {"email": "new-hire@campaign.example", "role": "editor"})
    assert granted.status_code == 303
    assert role_of(synced, "new-hire@campaign.example") == ("editor", [])


def test_admins_whose_address_is_not_confirmed_do_not_count_as_the_last_admin(synced):
    admin = staff_client(synced, "admin")
    make_account(synced, "unconfirmed@campaign.example", "admin", verified=False)
    other = make_account(synced, "second@campaign.example", "admin")
    assert submit(admin, f"{PEOPLE}/{other}/revoke", {}, page=PEOPLE).status_code == 303
    with synced.test_request_context(PEOPLE):
        me = db.session.scalar(select(Account).where(Account.email == "admin@campaign.example"))
        # Another working admin could not remove this one either: it is the last that works.
        third = Account(email="y@campaign.example", password_hash="x", locale="en")
        with pytest.raises(operations.Refused, match="at least one admin"):
            operations.revoke(me, third)
