"""Sign-up, log-in, password reset and sign-in links answer alike whether or not an address has
an account (or a confirmed one): status, headers, cookies, body, and the password-hashing work."""

import re

import pytest

from challenge.accounts.models import Account
from challenge.extensions import db
from tests.factories import csrf_token
from tests.support.accounts import ADULT, sign_up

PASSWORD = "correct horse battery staple"
CONFIRMED, UNCONFIRMED, NOBODY = "asha@example.org", "ravi@example.org", "nobody@example.org"
ANONYMISED = "someone@example.org"


def make_site(make_app, real_content_tree, **settings):
    from challenge.content.operations import sync_tree

    app = make_app(**settings)
    with app.app_context():
        sync_tree(real_content_tree, "en")
    sign_up(app.test_client(), CONFIRMED, PASSWORD)
    sign_up(app.test_client(), UNCONFIRMED, PASSWORD, confirm=False)
    with app.app_context():
        assert db.session.query(Account).count() == 2
    return app


@pytest.fixture
def site(make_app, real_content_tree):
    return make_site(make_app, real_content_tree)


def answer(app, path: str, email: str, **fields):
    """POST a form from a fresh browser; what a client can observe, with the address and the
    per-render values (CSRF tokens, dates) taken out."""
    client = app.test_client()
    token = csrf_token(client.get(path).text)
    response = client.post(path, data={"csrf_token": token, "email": email, **fields})
    body = response.get_data(as_text=True).replace(email, ANONYMISED)
    body = re.sub(r'name="csrf_token" type="hidden" value="[^"]+"', "csrf", body)
    headers = sorted(
        (name, value)
        for name, value in response.headers.items()
        if name not in ("Date", "Content-Length", "Set-Cookie")
    )
    cookies = sorted(
        re.sub(r"=[^;]*", "=…", cookie, count=1)
        for cookie in response.headers.getlist("Set-Cookie")
    )
    return response.status_code, headers, cookies, body


FORMS = [
    (
        "/en/account/signup",
        (CONFIRMED, UNCONFIRMED, NOBODY),
        {"password": "another long passphrase", **ADULT},
    ),
    ("/en/account/login", (CONFIRMED, UNCONFIRMED, NOBODY), {"password": "a wrong passphrase"}),
    ("/en/account/reset", (CONFIRMED, UNCONFIRMED, NOBODY), {}),
    ("/en/account/sign-in", (CONFIRMED, UNCONFIRMED, NOBODY), {}),
]


@pytest.mark.parametrize(("path", "addresses", "fields"), FORMS)
def test_the_answer_is_the_same_for_every_address(site, path, addresses, fields):
    seen = {email: answer(site, path, email, **fields) for email in addresses}
    first = seen[addresses[0]]
    for email, observed in seen.items():
        assert observed == first, email


def test_an_unconfirmed_account_logs_in_no_more_than_a_wrong_password(site):
    right_but_unconfirmed = answer(site, "/en/account/login", UNCONFIRMED, password=PASSWORD)
    wrong = answer(site, "/en/account/login", NOBODY, password=PASSWORD)
    assert right_but_unconfirmed == wrong and wrong[0] == 400


def test_a_sign_up_logs_nobody_in(site):
    client = site.test_client()
    token = csrf_token(client.get("/en/account/signup").text)
    client.post(
        "/en/account/signup",
        data={"csrf_token": token, "email": "new@example.org", "password": PASSWORD, **ADULT},
    )
    assert client.get("/en/account/").status_code == 302  # to log in


@pytest.mark.parametrize(("path", "addresses", "fields"), FORMS)
def test_the_password_hashing_work_is_the_same_for_every_address(
    site, monkeypatch, path, addresses, fields
):
    """A hash skipped for one kind of address is what makes its answer measurably faster; so the
    hashes made and checked are counted for each kind of address, and must be the same."""
    from challenge.accounts import operations

    calls: list[str] = []
    for name in ("generate_password_hash", "check_password_hash"):
        real = getattr(operations, name)

        def counted(*args, _name=name, _real=real, **kwargs):
            calls.append(_name)
            return _real(*args, **kwargs)

        monkeypatch.setattr(operations, name, counted)
    operations.dummy_hash.cache_clear()
    answer(site, path, NOBODY.replace("nobody@", "warm-up@"), **fields)  # makes the dummy hash
    work = {}
    for email in addresses:
        calls.clear()
        answer(site, path, email, **fields)
        work[email] = sorted(calls)
    assert len(set(map(tuple, work.values()))) == 1, work
