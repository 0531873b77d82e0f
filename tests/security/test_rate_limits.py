"""Every form that changes something is rate limited: every POST rule of the URL map, walked from
`app.url_map`, so a new POST view fails here until it has a limit (challenge/ratelimits.py) or an
entry, with its reason, in UNLIMITED.

Each POST is sent twice, by a client its permissions let through, with every limit set to one a
day: the first is not refused for its rate (whatever the view then makes of a form holding only
a CSRF token), the second is, with a Retry-After. So the limit is really applied to that view,
not only declared, and it applies before the view does anything.
"""

import pytest

from challenge.extensions import limiter
from tests.factories import csrf_token
from tests.security.access import access_of
from tests.security.world import (
    ANONYMOUS,
    ORG_ADMIN,
    PARTICIPANT,
    ROLES,
    build_world,
    real_url,
    world_app,
)

# POST views without a limit, and why.
UNLIMITED = {
    # Logging out only ends the caller's own session, and each log-out needs a log-in first,
    # which is limited (RATE_LIMIT_LOGIN). A limit here could leave someone signed in on a
    # shared computer.
    "accounts.logout": "ends only the caller's session; bounded by the limit on logging in",
}
# Who sends each POST: the first of these the permissions let through.
SENDERS = (ORG_ADMIN, "staff admin", PARTICIPANT, ANONYMOUS, *ROLES)
ONE_A_DAY = {
    "RATE_LIMIT_WRITES": "1 per day",
    "RATE_LIMIT_LOGIN": "1 per day",
    "RATE_LIMIT_PARTICIPANT": "1 per day",
}


@pytest.fixture(scope="module")
def limited_world(migrated_database, instance_path, real_content_tree):
    """The security tests' world, built with the test limits (high), then run at one a day."""
    with world_app(migrated_database, instance_path, RATELIMIT_ENABLED=True) as app:
        world = build_world(app, real_content_tree)
        app.config.update(ONE_A_DAY)
        yield world


def post_rules(app):
    return sorted(
        (rule for rule in app.url_map.iter_rules() if "POST" in rule.methods),
        key=lambda rule: rule.rule,
    )


def sender(app, rule) -> str:
    """A role whose POST to the rule gets past log-in and permission checks to the view."""
    access = access_of(app, rule)
    assert access is not None, f"{rule.endpoint}: see test_authorization.py"
    for role in SENDERS:
        if access.post is None or access.post(role) is None:
            return role
    raise AssertionError(f"nobody may POST to {rule.endpoint}")


def test_every_post_view_is_rate_limited(limited_world):
    world = limited_world
    app = world.app
    rules = [rule for rule in post_rules(app) if rule.endpoint not in UNLIMITED]
    assert len(rules) >= 30
    unlimited = []
    for rule in rules:
        role = sender(app, rule)
        client = world.client(role)
        token = csrf_token(client.get("/en/account/login").text)
        url = real_url(world, rule)
        with app.app_context():
            limiter.reset()  # each view starts with its whole allowance
        first = client.post(url, data={"csrf_token": token})
        second = client.post(url, data={"csrf_token": token})
        if first.status_code == 429 or second.status_code != 429:
            unlimited.append(
                f"{rule.endpoint} ({url} as {role}): {first.status_code}, {second.status_code}"
            )
        elif not 1 <= int(second.headers.get("Retry-After", "0")) <= 24 * 3600:
            unlimited.append(f"{rule.endpoint}: a 429 without a Retry-After within the day")
    assert not unlimited, (
        "POST views without a working rate limit (add one from challenge/ratelimits.py, or an "
        "entry with its reason in UNLIMITED):\n" + "\n".join(unlimited)
    )


def test_only_a_refusal_carries_limit_headers(limited_world):
    """The limiter's X-RateLimit headers are off: each would cost its storage a round trip."""
    client = limited_world.client(ANONYMOUS)
    token = csrf_token(client.get("/en/account/login").text)
    with limited_world.app.app_context():
        limiter.reset()
    allowed = client.post("/en/account/login", data={"csrf_token": token})
    assert allowed.status_code != 429
    assert not [name for name, _ in allowed.headers.items() if "ratelimit" in name.lower()]
    assert "Retry-After" not in allowed.headers


def test_the_exceptions_are_real_post_views(limited_world):
    endpoints = {rule.endpoint for rule in post_rules(limited_world.app)}
    assert set(UNLIMITED) <= endpoints
