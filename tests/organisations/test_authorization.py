"""Who may do what: every protected page and action, for every role (table-driven)."""

import pytest
from sqlalchemy import func, select

from challenge.accounts.operations import find
from challenge.extensions import db
from challenge.mail import outbox
from challenge.organisations import operations
from challenge.participation.organisations import OrganisationAdmin, by_slug
from tests.factories import csrf_token, submit
from tests.organisations.support import ORGANISATION, account, join, organisation, registered, staff

LOGIN = "/en/account/login"  # any page with a form gives the session's CSRF token
SETTINGS = {**ORGANISATION, "name": "Renamed"}

# Each protected page or action: method, path (slug and co_admin filled in), form data.
ACTIONS = {
    "dashboard": ("GET", "/en/orgs/{slug}/dashboard", None),
    "export": ("GET", "/en/orgs/{slug}/export.csv", None),
    "settings page": ("GET", "/en/orgs/{slug}/settings", None),
    "save settings": ("POST", "/en/orgs/{slug}/settings", SETTINGS),
    "admins page": ("GET", "/en/orgs/{slug}/admins", None),
    "invite an admin": ("POST", "/en/orgs/{slug}/admins", {"email": "new@example.org"}),
    "remove an admin": ("POST", "/en/orgs/{slug}/admins/{co_admin}/remove", {}),
    "replace the join link": ("POST", "/en/orgs/{slug}/join-code", {}),
    "unverified public page": ("GET", "/en/orgs/{slug}", None),
}
DENIED = dict.fromkeys(ACTIONS, 404)
LOGIN_FIRST = {**dict.fromkeys(ACTIONS, 302), "unverified public page": 404}
READ_ONLY = {**DENIED, "dashboard": 200, "export": 200, "unverified public page": 200}
EXPECTED = {
    "anonymous": LOGIN_FIRST,
    "participant": DENIED,
    "member": DENIED,
    "admin of another organisation": DENIED,
    "admin of this organisation": {
        "dashboard": 200,
        "export": 200,
        "settings page": 200,
        "save settings": 302,
        "admins page": 200,
        "invite an admin": 302,
        "remove an admin": 302,
        "replace the join link": 302,
        "unverified public page": 200,
    },
    "staff admin": READ_ONLY,
    "staff analyst": READ_ONLY,
    "staff editor": {**DENIED, "unverified public page": 200},
}


def client_for(role: str, app, slug: str, owner):
    if role == "anonymous":
        return app.test_client()
    if role == "admin of this organisation":
        return owner
    if role.startswith("staff "):
        return staff(app, "staff@campaign.example", role.removeprefix("staff "))
    client = account(app, "someone@example.org")
    if role == "participant":
        submit(client, "/en/pledges/turn-on-mfa", {"country": "IN"})
    elif role == "member":
        join(app, client, slug)
    elif role == "admin of another organisation":
        registered(app, client, name="Other Company", sector="business")
    return client


@pytest.mark.parametrize("role", list(EXPECTED))
def test_every_protected_page_and_action_for_each_role(synced, role):
    app = synced
    owner = account(app, "owner@example.gov.in")
    slug = registered(app, owner)  # left unverified
    account(app, "colleague@example.gov.in")
    with app.app_context():
        operations.add_admin(by_slug(slug), find("colleague@example.gov.in"))
        co_admin = find("colleague@example.gov.in").id
    before = organisation(app, slug)
    client = client_for(role, app, slug, owner)
    statuses = {}
    for action, (method, path, data) in ACTIONS.items():
        url = path.format(slug=slug, co_admin=co_admin)
        if method == "GET":
            response = client.get(url)
        else:
            token = csrf_token(client.get(LOGIN).text)
            response = client.post(url, data={"csrf_token": token, **data})
        statuses[action] = response.status_code
        if response.status_code == 302 and role == "anonymous":
            assert response.headers["Location"].startswith(LOGIN)
    assert statuses == EXPECTED[role]
    if EXPECTED[role]["save settings"] != 302:  # refused: nothing changed
        after = organisation(app, slug)
        assert (after.name, after.join_code) == (before.name, before.join_code)
        with app.app_context():
            admins = db.session.scalar(
                select(func.count())
                .select_from(OrganisationAdmin)
                .where(OrganisationAdmin.organisation_id == before.id)
            )
            assert admins == 2
            assert not [message for message in outbox() if message["To"] == "new@example.org"]


def test_another_organisations_admin_never_sees_its_figures(synced):
    owner = account(synced, "owner@example.gov.in")
    slug = registered(synced, owner)
    rival = account(synced, "rival@other.example")
    other = registered(synced, rival, name="Other Company")
    assert rival.get(f"/en/orgs/{other}/dashboard").status_code == 200
    for path in ("dashboard", "export.csv", "settings", "admins"):
        assert rival.get(f"/en/orgs/{slug}/{path}").status_code == 404
        assert rival.get(f"/en/orgs/no-such-org/{path}").status_code == 404
