"""Log-in throttling per account as well as per address, with the same answers, work and lockout
for an address that has an account and one that has not (no account enumeration)."""

import re

import pytest

from challenge.accounts import operations
from tests.factories import last_link, submit

PASSWORD = "correct horse battery staple"
KNOWN, UNKNOWN = "asha@example.org", "nobody@example.org"
LIMIT = "3 per 15 minutes"


@pytest.fixture
def site(make_app, real_content_tree):
    from challenge.content.operations import sync_tree

    app = make_app(RATE_LIMIT_LOGIN_ACCOUNT=LIMIT)
    with app.app_context():
        sync_tree(real_content_tree, "en")
    submit(app.test_client(), "/en/account/signup", {"email": KNOWN, "password": PASSWORD})
    return app


def attempt(app, email, password, address="203.0.113.1"):
    """A log-in from a fresh browser at `address`: the limit per address never comes into it."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return submit(client, "/en/account/login", {"email": email, "password": password})


def summary(response) -> str:
    match = re.search(r'<div class="error-summary".*?</div>', response.text, re.S)
    return match.group(0) if match else ""


def test_failures_from_many_addresses_lock_the_account(site):
    for n in range(3):
        response = attempt(site, KNOWN, "wrong guess number one", address=f"198.51.100.{n}")
        assert response.status_code == 400
    locked = attempt(site, KNOWN, PASSWORD, address="192.0.2.99")  # even the right password
    assert locked.status_code == 429
    assert "Too many failed attempts with this email address" in locked.text
    assert "Try again in 15 minutes" in locked.text
    assert 'href="/en/account/reset"' in locked.text  # the way out


def test_known_and_unknown_addresses_look_the_same(site):
    first = [attempt(site, email, "wrong guess number one") for email in (KNOWN, UNKNOWN)]
    assert first[0].status_code == first[1].status_code == 400
    assert summary(first[0]) == summary(first[1]) != ""
    for email in (KNOWN, UNKNOWN):
        for _ in range(2):
            attempt(site, email, "wrong guess number one")
    locked = [attempt(site, email, "wrong guess number one") for email in (KNOWN, UNKNOWN)]
    assert locked[0].status_code == locked[1].status_code == 429
    assert summary(locked[0]) == summary(locked[1]) != ""


def test_an_unknown_address_costs_the_same_hashing(site, monkeypatch):
    calls = []
    real = operations.check_password_hash
    monkeypatch.setattr(
        operations, "check_password_hash", lambda *args: calls.append(args[0]) or real(*args)
    )
    attempt(site, KNOWN, "wrong guess number one")
    attempt(site, UNKNOWN, "wrong guess number one")
    assert len(calls) == 2 and calls[1] == operations.dummy_hash(
        site.config["PASSWORD_HASH_METHOD"]
    )
    calls.clear()
    attempt(site, KNOWN, "ﬁne wrong guess")  # not NFKC-stable: both spellings are tried
    attempt(site, UNKNOWN, "ﬁne wrong guess")
    assert len(calls) == 4


def test_a_right_password_starts_the_count_again(site):
    for _ in range(2):
        attempt(site, KNOWN, "wrong guess number one")
    assert attempt(site, KNOWN, PASSWORD).status_code == 302
    for _ in range(2):
        assert attempt(site, KNOWN, "wrong guess number one").status_code == 400
    assert attempt(site, KNOWN, PASSWORD).status_code == 302


def test_a_password_reset_lifts_the_lockout(site):
    from challenge.mail import outbox

    for _ in range(3):
        attempt(site, KNOWN, "wrong guess number one")
    assert attempt(site, KNOWN, PASSWORD).status_code == 429
    client = site.test_client()
    submit(client, "/en/account/reset", {"email": KNOWN})
    with site.app_context():
        link = last_link(outbox())
    assert submit(client, link, {"password": "a new and unusual phrase"}).status_code == 302
    assert attempt(site, KNOWN, "a new and unusual phrase").status_code == 302


def test_the_lock_also_guards_deleting_and_changing_the_password(site):
    client = site.test_client()
    submit(client, "/en/account/login", {"email": KNOWN, "password": PASSWORD})
    for _ in range(3):
        wrong = submit(
            client,
            "/en/account/password",
            {"current_password": "wrong guess number one", "password": "a new and unusual phrase"},
        )
        assert wrong.status_code == 400
    locked = submit(client, "/en/account/delete", {"confirm": "y", "password": PASSWORD})
    assert locked.status_code == 429 and "Too many failed attempts" in locked.text
    assert client.get("/en/account/").status_code == 200  # still there, still logged in


def test_the_limit_per_address_still_applies(make_app):
    app = make_app(RATE_LIMIT_LOGIN="2 per day")
    client = app.test_client()
    statuses = [
        submit(
            client, "/en/account/login", {"email": f"user{n}@example.org", "password": "x" * 20}
        ).status_code
        for n in range(3)
    ]
    assert statuses == [400, 400, 429]
