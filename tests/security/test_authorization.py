"""Who may do what: every URL rule of the app, for every role, in one table.

Rules come from `app.url_map`, so a new endpoint fails `test_every_endpoint_is_classified` until it
is classified here. Staff views (those wrapped by `challenge.staff.access.require`, which sets
`view.permission`) need no row: their expectations come from `PERMISSIONS` (anonymous visitors are
sent to log in, accounts without the permission get 403, the others get through). Every other
endpoint has a row in ACCESS saying, per role, what GET returns and how POST refuses.

Every POST rule is also sent without a CSRF token (400 for everyone), and, with a valid token, by
every role it must refuse (nothing may change in the database). Allowed POSTs are left to the
feature tests. Organisation pages are also asked for organisation B, which A's admin cannot see.
"""

import re
from urllib.parse import urlsplit

import pytest

from tests.factories import csrf_token
from tests.security.access import (
    ACCESS,
    LOGIN,
    Expected,
    access_of,
)
from tests.security.world import (
    ANONYMOUS,
    NOT_SIGNED_IN,
    PARTICIPANT,
    ROLES,
    World,
    changed_tables,
    last_exception,
    real_url,
    snapshot,
)

ALLOWED = "let through (not a 302 to log in, not 403, not 5xx)"
LOGIN_PATH = re.compile(r"^/[a-z]{2}(-[A-Za-z]+)?/account/login(\?|$)")
TOKEN_PAGE = "/en/account/login"
# Forms on pages that anyone may be served from a shared cache: no per-visitor token
# (challenge/cross_origin.py refuses writes from other sites instead).
SHARED_PAGE_FORMS = {
    "pledges.pledge",
    "lessons.done",
    "lessons.checklist",
    "quizzes.submit",
    "editions.tick",
    "editions.ask_for_reminders",
    # mailed links whose signed token is the credential (RFC 8058 one-click POST has no cookie)
    "editions.confirm_reminders",
    "editions.unsubscribe_reminders",
}


def rules(app):
    return sorted(
        (rule for rule in app.url_map.iter_rules() if rule.endpoint != "static"),
        key=lambda rule: (rule.rule, rule.endpoint),
    )


def cases(world: World, role: str):
    """(method, url, expected, label) for every rule and variant; POST only where refused."""
    app = world.app
    for rule in rules(app):
        access = access_of(app, rule)
        if access is None:
            continue  # test_every_endpoint_is_classified says where to add it
        versions = [("", {}, access.get, access.post)]
        versions += [
            (variant.label, variant.values(world), variant.get, variant.post)
            for variant in access.variants
        ]
        for label, values, get, post in versions:
            url = real_url(world, rule, **values)
            if "GET" in rule.methods and get is not None:
                yield "GET", url, get(role), label
            if "POST" in rule.methods and rule.endpoint in SHARED_PAGE_FORMS:
                # no token in a shared page's form: a write from another site is what is refused
                yield "POST from another site", url, 403, label
            elif "POST" in rule.methods:
                yield "POST without a token", url, 400, label
                if post is not None and post(role) is not None:
                    yield "POST", url, post(role), label


def verdict(response, expected: Expected) -> bool:
    status = response.status_code
    to_login = status == 302 and bool(
        LOGIN_PATH.match(urlsplit(response.headers.get("Location", "")).path or "")
    )
    if expected == LOGIN:
        return to_login
    if expected == ALLOWED:
        return status < 500 and status != 403 and not to_login
    return status == expected and (expected != 302 or not to_login)


def test_every_endpoint_is_classified(world):
    unclassified = [
        f"{rule.endpoint} ({rule.rule})"
        for rule in rules(world.app)
        if access_of(world.app, rule) is None
    ]
    assert not unclassified, (
        "These endpoints have no authorization expectations: protect them with "
        "challenge.staff.access.require, or add a row to ACCESS in "
        f"tests/security/test_authorization.py: {', '.join(unclassified)}"
    )


def test_the_table_names_only_real_endpoints(world):
    assert not set(ACCESS) - set(world.app.view_functions)


@pytest.mark.parametrize("role", ROLES)
def test_every_url_and_action_for_each_role(world, role):
    client = world.client(role)
    token = csrf_token(client.get(TOKEN_PAGE).text)
    before = snapshot(world.app)
    wrong = []
    for method, url, expected, label in cases(world, role):
        if method == "GET":
            response = client.get(url)
        elif method == "POST":
            response = client.post(url, data={"csrf_token": token})
        elif method == "POST from another site":
            response = client.post(url, data={}, headers={"Sec-Fetch-Site": "cross-site"})
        else:
            response = client.post(url, data={})
        if not verdict(response, expected):
            where = f" ({label})" if label else ""
            location = response.headers.get("Location", "")
            detail = f" to {location}" if location else ""
            if response.status_code >= 500:
                detail = f" ({last_exception(world.app)})"
            wrong.append(
                f"{method} {url}{where}: expected {expected}, got {response.status_code}{detail}"
            )
    assert not wrong, f"{role}:\n" + "\n".join(wrong)
    assert changed_tables(before, snapshot(world.app)) == [], f"{role}'s refused requests wrote"


def test_a_client_per_role_is_who_it_says(world):
    """Guard for the table: each role's client really has that role."""
    for role in ROLES:
        page = world.client(role).get("/en/account/").status_code
        assert (page == 302) == (role in NOT_SIGNED_IN), role
    assert world.client(ANONYMOUS).get("/en/me").status_code == 200
    attempt = f"/en/quizzes/spotting-phishing/attempts/{world.attempt_id}"
    assert world.client(PARTICIPANT).get(attempt).status_code == 200
