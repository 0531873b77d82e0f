"""Failed log-ins slow down per e-mail address and per client address, the same for an address
with an account and one without (no enumeration), and never lock the owner out: an e-mailed
one-time sign-in link always lets them in."""

import re

import pytest
import time_machine

from challenge.accounts import operations
from challenge.mail import outbox
from tests.factories import last_link, submit
from tests.support.accounts import sign_up

PASSWORD = "correct horse battery staple"
KNOWN, UNKNOWN = "asha@example.org", "nobody@example.org"
WRONG = "wrong guess number one"


@pytest.fixture
def site(make_app, real_content_tree):
    from challenge.content.operations import sync_tree

    app = make_app(LOGIN_FREE_FAILURES_PER_ACCOUNT=3, LOGIN_FREE_FAILURES_PER_SOURCE=6)
    with app.app_context():
        sync_tree(real_content_tree, "en")
    sign_up(app.test_client(), KNOWN, PASSWORD)
    return app


def attempt(app, email, password, address="203.0.113.1"):
    """A log-in from a fresh browser at `address`."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return submit(client, "/en/account/login", {"email": email, "password": password})


def summary(response) -> str:
    match = re.search(r'<div class="error-summary".*?</div>', response.text, re.S)
    return match.group(0) if match else ""


def test_failures_from_many_addresses_slow_the_account_down_progressively(site):
    with time_machine.travel("2026-12-01 10:00:00Z", tick=False) as clock:
        for n in range(3):  # the free failures
            assert attempt(site, KNOWN, WRONG, address=f"198.51.100.{n}").status_code == 400
        assert attempt(site, KNOWN, WRONG, address="198.51.100.7").status_code == 400
        slowed = attempt(site, KNOWN, PASSWORD, address="192.0.2.99")  # even the right one, now
        assert slowed.status_code == 429
        assert "Wait 1 second before trying again" in slowed.text
        assert 'href="/en/account/sign-in"' in slowed.text  # the way in that never closes
        clock.shift(2)
        assert attempt(site, KNOWN, WRONG, address="198.51.100.8").status_code == 400
        assert "Wait 2 seconds" in attempt(site, KNOWN, PASSWORD).text  # doubled
        clock.shift(3)
        assert attempt(site, KNOWN, PASSWORD, address="192.0.2.99").status_code == 302


def test_the_delay_is_capped(site):
    site.config["LOGIN_MAX_DELAY_SECONDS"] = 120
    with time_machine.travel("2026-12-01 10:00:00Z", tick=False) as clock:
        for n in range(14):
            clock.shift(600)  # each try after the last one's delay, so each counts
            assert attempt(site, KNOWN, WRONG, address=f"198.51.100.{n}").status_code == 400
        assert "Wait 2 minutes" in attempt(site, KNOWN, PASSWORD).text  # not 2 ** 10 s


def test_one_source_trying_many_accounts_is_slowed_too(site):
    with time_machine.travel("2026-12-01 10:00:00Z", tick=False):
        for n in range(6):
            assert attempt(site, f"user{n}@example.org", WRONG).status_code == 400
        assert attempt(site, "user9@example.org", WRONG).status_code == 400
        assert attempt(site, "user10@example.org", WRONG).status_code == 429
        assert attempt(site, KNOWN, PASSWORD, address="192.0.2.50").status_code == 302


def test_known_and_unknown_addresses_look_the_same(site):
    with time_machine.travel("2026-12-01 10:00:00Z", tick=False):
        first = [
            attempt(site, email, WRONG, address=f"198.51.100.{n}")
            for n, email in enumerate((KNOWN, UNKNOWN))
        ]
        assert first[0].status_code == first[1].status_code == 400
        assert summary(first[0]) == summary(first[1]) != ""
        for email in (KNOWN, UNKNOWN):
            for n in range(3):
                attempt(site, email, WRONG, address=f"198.51.100.{10 + n}")
        slowed = [attempt(site, email, WRONG, address="192.0.2.1") for email in (KNOWN, UNKNOWN)]
        assert slowed[0].status_code == slowed[1].status_code == 429
        assert summary(slowed[0]) == summary(slowed[1]) != ""


def test_an_unknown_address_costs_the_same_hashing(site, monkeypatch):
    calls = []
    real = operations.check_password_hash
    monkeypatch.setattr(
        operations, "check_password_hash", lambda *args: calls.append(args[0]) or real(*args)
    )
    attempt(site, KNOWN, WRONG)
    attempt(site, UNKNOWN, WRONG)
    assert len(calls) == 2 and calls[1] == operations.dummy_hash(
        site.config["PASSWORD_HASH_METHOD"]
    )
    calls.clear()
    attempt(site, KNOWN, "ﬁne wrong guess")  # not NFKC-stable: both spellings are tried
    attempt(site, UNKNOWN, "ﬁne wrong guess")
    assert len(calls) == 4


def test_a_right_password_starts_the_count_again(site):
    for n in range(2):
        attempt(site, KNOWN, WRONG, address=f"198.51.100.{n}")
    assert attempt(site, KNOWN, PASSWORD).status_code == 302
    for n in range(3):
        assert attempt(site, KNOWN, WRONG, address=f"198.51.100.{n}").status_code == 400
    assert attempt(site, KNOWN, PASSWORD).status_code == 302


def test_the_owner_gets_in_by_an_emailed_link_whatever_the_attacker_does(site):
    for n in range(12):
        attempt(site, KNOWN, WRONG, address=f"198.51.100.{n}")
    assert attempt(site, KNOWN, PASSWORD).status_code == 429
    owner = site.test_client()
    asked = submit(owner, "/en/account/sign-in", {"email": KNOWN})
    unknown = submit(site.test_client(), "/en/account/sign-in", {"email": UNKNOWN})
    assert asked.status_code == unknown.status_code == 200
    assert asked.text.replace(KNOWN, "@") == unknown.text.replace(UNKNOWN, "@")
    with site.app_context():
        sent = outbox()
        assert [message["To"] for message in sent].count(UNKNOWN) == 0
        link = last_link(sent)
    scanner = site.test_client().get(link)  # a mail scanner opening the link uses nothing up
    assert scanner.status_code == 200 and "<form" in scanner.text
    assert submit(owner, link, {}).status_code == 302
    assert owner.get("/en/account/").status_code == 200
    assert submit(site.test_client(), link, {}, page="/en/account/sign-in").status_code == 400
    assert site.test_client().get(link).status_code == 400  # it worked once
    assert attempt(site, KNOWN, PASSWORD, address="192.0.2.99").status_code == 302  # count cleared


def test_a_password_reset_clears_the_count(site):
    for n in range(6):
        attempt(site, KNOWN, WRONG, address=f"198.51.100.{n}")
    assert attempt(site, KNOWN, PASSWORD).status_code == 429
    client = site.test_client()
    submit(client, "/en/account/reset", {"email": KNOWN})
    with site.app_context():
        link = last_link(outbox())
    assert submit(client, link, {"password": "a new and unusual phrase"}).status_code == 302
    assert attempt(site, KNOWN, "a new and unusual phrase").status_code == 302


def test_the_delay_also_guards_deleting_and_changing_the_password(site):
    client = site.test_client()
    submit(client, "/en/account/login", {"email": KNOWN, "password": PASSWORD})
    for _ in range(4):
        wrong = submit(
            client,
            "/en/account/password",
            {"current_password": WRONG, "password": "a new and unusual phrase"},
        )
        assert wrong.status_code == 400
    slowed = submit(client, "/en/account/delete", {"confirm": "y", "password": PASSWORD})
    assert slowed.status_code == 429 and "Too many failed attempts" in slowed.text
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
