"""The permission matrix of the console's dashboard, moderation, organisations, staff and jobs
sections: every role against every endpoint, GET and POST, expected from the PERMISSIONS table alone."""

import pytest

from challenge.accounts.roles import ROLES
from challenge.staff.access import PERMISSIONS
from tests.factories import csrf_token
from tests.staff.builders import make_account, make_organisation
from tests.staff.support import account, staff_client

SECTIONS = ("challenge.staff.dashboard", "challenge.staff.moderation", "challenge.staff.orgs")
SECTIONS += ("challenge.staff.people", "challenge.staff.jobs", "challenge.staff.editions")

# (method, endpoint, path, form data); {target} is a staff account, the organisation is "dup-org".
REQUESTS = [
    ("GET", "staff.dashboard", "/staff/dashboard", None),
    ("GET", "staff.dashboard_export", "/staff/dashboard/totals.csv", None),
    ("GET", "staff.quiz_questions", "/staff/dashboard/quizzes", None),
    ("GET", "staff.moderation", "/staff/moderation", None),
    ("POST", "staff.moderation", "/staff/moderation", {"bulk": "approve"}),
    ("GET", "staff.organisations", "/staff/organisations", None),
    ("POST", "staff.verify_organisation", "/staff/organisations/dup-org/verify", {}),
    ("POST", "staff.unverify_organisation", "/staff/organisations/dup-org/unverify", {}),
    ("GET", "staff.merge_organisation", "/staff/organisations/dup-org/merge", None),
    ("POST", "staff.merge_organisation", "/staff/organisations/dup-org/merge", {}),
    ("GET", "staff.people", "/staff/people", None),
    ("POST", "staff.people", "/staff/people", {}),
    ("POST", "staff.change_role", "/staff/people/{target}/role", {"role": "nobody"}),
    ("POST", "staff.change_locales", "/staff/people/{target}/locales", {"locales": "hi"}),
    ("POST", "staff.revoke_role", "/staff/people/{target}/revoke", {}),
    ("GET", "staff.jobs", "/staff/jobs", None),
    ("GET", "staff.editions_list", "/staff/editions", None),
    ("POST", "staff.retry_job", "/staff/jobs/1/retry", {}),
    ("POST", "staff.discard_job", "/staff/jobs/1/discard", {}),
]
VISITORS = ("anonymous", "participant", *ROLES)


def expected(app, visitor: str, method: str, endpoint: str) -> str:
    permission = app.view_functions[endpoint].permission
    if visitor == "anonymous":
        return "login"
    if visitor in PERMISSIONS[permission]:
        return "ok"
    return "forbidden"


def outcome(response) -> str:
    if response.status_code == 302 and "/account/login" in response.headers["Location"]:
        return "login"
    if response.status_code == 403:
        return "forbidden"
    return "ok" if response.status_code < 500 else f"error {response.status_code}"


def test_the_matrix_covers_every_endpoint_of_these_sections(app):
    mine = {
        endpoint
        for endpoint, view in app.view_functions.items()
        if view.__module__.startswith(SECTIONS)
    }
    assert mine == {endpoint for _method, endpoint, _path, _data in REQUESTS}
    assert all(app.view_functions[endpoint].permission in PERMISSIONS for endpoint in mine)


@pytest.mark.parametrize("visitor", VISITORS)
def test_every_role_against_every_endpoint(synced, visitor):
    make_organisation(synced, "dup-org", verified=False)
    target = make_account(synced, "target@campaign.example", "analyst")
    if visitor == "anonymous":
        client = synced.test_client()
    elif visitor == "participant":
        client = account(synced, "someone@example.org")
    else:
        client = staff_client(synced, visitor)
    token = csrf_token(client.get("/en/account/login").text)
    results, wanted = {}, {}
    for method, endpoint, path, data in REQUESTS:
        url = path.format(target=target)
        if method == "GET":
            response = client.get(url)
        else:
            response = client.post(url, data={"csrf_token": token, **data})
        key = f"{method} {url}"
        results[key] = outcome(response)
        wanted[key] = expected(synced, visitor, method, endpoint)
        if method == "GET" and wanted[key] == "ok":
            results[key] = "ok" if response.status_code == 200 else f"status {response.status_code}"
    assert results == wanted


def test_writes_are_rate_limited(make_app):
    app = make_app(RATE_LIMIT_WRITES="2 per day")
    admin = staff_client(app, "admin")
    token = csrf_token(admin.get("/staff/people").text)
    statuses = [
        admin.post("/staff/moderation", data={"csrf_token": token}).status_code for _ in range(3)
    ]
    assert statuses == [400, 400, 429]
    assert admin.get("/staff/moderation").status_code == 200  # reading is never limited
