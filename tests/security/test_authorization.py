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
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest

from challenge.staff.access import PERMISSIONS
from tests.factories import csrf_token
from tests.security.world import (
    ANONYMOUS,
    NOT_SIGNED_IN,
    ORG_ADMIN,
    OTHER_LOCALE,
    PARTICIPANT,
    ROLES,
    STAFF,
    TRANSLATOR_LOCALES,
    World,
    changed_tables,
    last_exception,
    real_url,
    snapshot,
)

LOGIN = "a 302 to the log-in page"
ALLOWED = "let through (not a 302 to log in, not 403, not 5xx)"
LOGIN_PATH = re.compile(r"^/[a-z]{2}(-[A-Za-z]+)?/account/login(\?|$)")
TOKEN_PAGE = "/en/account/login"
# Forms on pages that anyone may be served from a shared cache: no per-visitor token
# (challenge/cross_origin.py refuses writes from other sites instead).
SHARED_PAGE_FORMS = {"pledges.pledge", "lessons.done", "quizzes.submit"}

Expected = int | str | None  # a status, LOGIN, ALLOWED, or None (allowed POST: not sent here)
Spec = Callable[[str], Expected]


def everyone(status: int = 200) -> Spec:
    return lambda role: status


def nobody_refused(role: str) -> Expected:
    return None


def signed_in(status: int | None = 200) -> Spec:
    """Log-in required: visitors without an account are sent to log in."""
    return lambda role: LOGIN if role in NOT_SIGNED_IN else status


def only(allowed: tuple[str, ...], status: int | None = 200, refused: int = 404) -> Spec:
    """Log-in required, then only `allowed` roles; the others get `refused`."""
    return lambda role: LOGIN if role in NOT_SIGNED_IN else status if role in allowed else refused


def owner(role_: str, status: int, refused: int) -> Spec:
    """Pages of one participant's own records, open without an account."""
    return lambda role: status if role == role_ else refused


ORG_ADMIN_ONLY = only((ORG_ADMIN,), None)
DASHBOARD_VIEWERS = (ORG_ADMIN, "staff admin", "staff analyst")


@dataclass(frozen=True)
class Access:
    """Expectations for one endpoint: GET per role, and POST refusals per role (None: allowed)."""

    get: Spec | None = None
    post: Spec | None = None
    # Other argument values and their expectations, such as another organisation's slug.
    variants: tuple["Variant", ...] = ()


@dataclass(frozen=True)
class Variant:
    label: str
    values: Callable[[World], dict]
    get: Spec | None = None
    post: Spec | None = None


def organisation_b(get: Spec | None = None, post: Spec | None = None) -> tuple[Variant, ...]:
    return (Variant("organisation B", lambda world: {"slug": world.other_org}, get, post),)


PUBLIC = Access(get=everyone())
NOT_A_SIGNED_IN_ADMIN_OF_B = only(())  # B's pages: log in first, then 404 for every role here

ACCESS: dict[str, Access] = {
    # Public pages and open data
    "pages.root": Access(get=everyone(302)),
    "pages.home": PUBLIC,
    "pages.about": PUBLIC,
    "pages.privacy": PUBLIC,
    "pages.healthz": PUBLIC,
    "pages.security_contact": PUBLIC,
    "pages.security": PUBLIC,
    "lessons.index": PUBLIC,
    "lessons.lesson": PUBLIC,
    "pledges.index": PUBLIC,
    "pledges.pledge": Access(get=everyone(), post=nobody_refused),
    "pledges.badge": PUBLIC,
    "pledges.badge_png": PUBLIC,
    "quizzes.index": PUBLIC,
    "quizzes.quiz": PUBLIC,
    "participation.progress": PUBLIC,
    "leaderboards.index": Access(get=everyone(302)),
    "leaderboards.countries": PUBLIC,
    "leaderboards.organisations": PUBLIC,
    "embed.countries": PUBLIC,
    "embed.quad": PUBLIC,
    "api.openapi": PUBLIC,
    "api.stats": PUBLIC,
    "api.stats_csv": PUBLIC,
    "api.country_leaderboard": PUBLIC,
    "api.country_leaderboard_csv": PUBLIC,
    "api.organisation_leaderboard": PUBLIC,
    "api.organisation_leaderboard_csv": PUBLIC,
    "content.media": Access(get=everyone(404)),  # public, but content/ has no such image
    # Actions anyone may take, on their own participation
    "lessons.done": Access(post=nobody_refused),
    "quizzes.submit": Access(post=nobody_refused),
    "organisations.share_name": Access(post=nobody_refused),
    "organisations.leave": Access(post=nobody_refused),
    # One participant's own records
    "quizzes.result": Access(get=owner(PARTICIPANT, 200, 404)),
    "pledges.thanks": Access(get=owner(PARTICIPANT, 200, 302)),  # others: back to the pledge
    # Accounts
    "accounts.signup": Access(get=everyone(), post=nobody_refused),
    "accounts.login": Access(get=everyone(), post=nobody_refused),
    "accounts.logout": Access(post=nobody_refused),
    "accounts.reset_request": Access(get=everyone(), post=nobody_refused),
    "accounts.reset": Access(get=everyone(), post=nobody_refused),  # the link is the key
    "accounts.verify": Access(get=everyone(400)),  # a forged link
    "accounts.sign_in_request": Access(get=everyone(), post=nobody_refused),
    "accounts.sign_in_link": Access(get=everyone(400), post=nobody_refused),  # a forged link
    "accounts.resend_verification": Access(post=signed_in(None)),
    "accounts.settings": Access(get=signed_in(), post=signed_in(None)),
    "accounts.export": Access(get=signed_in()),
    "accounts.delete": Access(get=signed_in(), post=signed_in(None)),
    "accounts.change_password": Access(get=signed_in(), post=signed_in(None)),
    # Organisations
    "organisations.index": PUBLIC,
    "organisations.register": Access(get=signed_in(), post=signed_in(None)),
    "organisations.join": Access(get=everyone(), post=nobody_refused),  # the link is the key
    "organisations.public": Access(
        get=everyone(),  # A is verified
        variants=organisation_b(get=lambda role: 200 if role in STAFF else 404),
    ),
    "organisations.dashboard": Access(
        get=only(DASHBOARD_VIEWERS),
        variants=organisation_b(get=only(("staff admin", "staff analyst"))),
    ),
    "organisations.export": Access(
        get=only(DASHBOARD_VIEWERS),
        variants=organisation_b(get=only(("staff admin", "staff analyst"))),
    ),
    "organisations.settings": Access(
        get=only((ORG_ADMIN,)),
        post=ORG_ADMIN_ONLY,
        variants=organisation_b(NOT_A_SIGNED_IN_ADMIN_OF_B, NOT_A_SIGNED_IN_ADMIN_OF_B),
    ),
    "organisations.admins": Access(
        get=only((ORG_ADMIN,)),
        post=ORG_ADMIN_ONLY,
        variants=organisation_b(NOT_A_SIGNED_IN_ADMIN_OF_B, NOT_A_SIGNED_IN_ADMIN_OF_B),
    ),
    "organisations.remove_admin": Access(
        post=ORG_ADMIN_ONLY, variants=organisation_b(post=NOT_A_SIGNED_IN_ADMIN_OF_B)
    ),
    "organisations.rotate_code": Access(
        post=ORG_ADMIN_ONLY, variants=organisation_b(post=NOT_A_SIGNED_IN_ADMIN_OF_B)
    ),
    # B's invitation to A's admin: only that address may open and accept it.
    "organisations.invitation": Access(
        get=only((ORG_ADMIN,), 200, 403), post=only((ORG_ADMIN,), None, 403)
    ),
}


# What a staff GET with real values answers those allowed (200 unless listed): never a 404, so
# every staff page is really opened.
STAFF_GET_STATUS = {"staff.content_new": 302}  # opens the editor on the new item
# Staff content views that check, beyond their permission, that the staff member may edit the
# text in the address (challenge/staff/content/presenting.py, may_edit): translators edit only
# translations into their own locales. The others (history, revisions, diffs) everyone with
# content.view reads, in every locale.
EDITS_THE_TEXT = {"staff.content_edit", "staff.content_restore"}


def staff_access(permission: str, rule) -> Access:
    """Expectations for a staff view, from the permission table."""

    def spec(allowed_status: Expected, *, lang: str = TRANSLATOR_LOCALES[0]) -> Spec:
        def expected(role: str) -> Expected:
            if role in NOT_SIGNED_IN:
                return LOGIN
            staff_role = role.removeprefix("staff ") if role in STAFF else None
            if staff_role not in PERMISSIONS[permission]:
                return 403
            if (
                staff_role == "translator"
                and rule.endpoint in EDITS_THE_TEXT
                and lang not in TRANSLATOR_LOCALES
            ):
                return 403
            return allowed_status

        return expected

    allowed = STAFF_GET_STATUS.get(rule.endpoint, 200)
    variants = ()
    if "lang" in rule.arguments:
        # The translator's own locale is the base case; another locale, and the source.
        variants = tuple(
            Variant(
                label,
                lambda world, lang=lang: {"lang": lang},
                spec(allowed, lang=lang),
                spec(None, lang=lang),
            )
            for label, lang in (("another locale", OTHER_LOCALE), ("the source", "en"))
        )
    return Access(get=spec(allowed), post=spec(None), variants=variants)


def access_of(app, rule) -> Access | None:
    permission = getattr(app.view_functions[rule.endpoint], "permission", None)
    if permission is not None:
        return staff_access(permission, rule)
    return ACCESS.get(rule.endpoint)


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
