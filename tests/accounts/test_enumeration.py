"""Sign-up, log-in, password reset and sign-in links answer alike whether or not an address has
an account (or a confirmed one): status, headers, cookies, body, and time within noise."""

import re
import statistics
import time

import pytest

from challenge.accounts.models import Account
from challenge.config import Config
from challenge.extensions import db
from tests.factories import csrf_token
from tests.support.accounts import sign_up

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


@pytest.fixture
def production_cost_site(make_app, real_content_tree):
    """Passwords hashed at the production cost, so that one hash more or less shows."""
    return make_site(make_app, real_content_tree, PASSWORD_HASH_METHOD=Config.PASSWORD_HASH_METHOD)


def answer(app, path: str, email: str, **fields):
    """POST a form from a fresh browser; what a client can observe, with the address and the
    per-render values (CSRF tokens, dates) taken out."""
    client = app.test_client()
    token = csrf_token(client.get(path).text)
    started = time.perf_counter()
    response = client.post(path, data={"csrf_token": token, "email": email, **fields})
    took = time.perf_counter() - started
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
    return (response.status_code, headers, cookies, body), took


FORMS = [
    (
        "/en/account/signup",
        (CONFIRMED, UNCONFIRMED, NOBODY),
        {"password": "another long passphrase"},
    ),
    ("/en/account/login", (CONFIRMED, UNCONFIRMED, NOBODY), {"password": "a wrong passphrase"}),
    ("/en/account/reset", (CONFIRMED, UNCONFIRMED, NOBODY), {}),
    ("/en/account/sign-in", (CONFIRMED, UNCONFIRMED, NOBODY), {}),
]


@pytest.mark.parametrize(("path", "addresses", "fields"), FORMS)
def test_the_answer_is_the_same_for_every_address(site, path, addresses, fields):
    seen = {email: answer(site, path, email, **fields)[0] for email in addresses}
    first = seen[addresses[0]]
    for email, observed in seen.items():
        assert observed == first, email


def test_an_unconfirmed_account_logs_in_no_more_than_a_wrong_password(site):
    right_but_unconfirmed, _ = answer(site, "/en/account/login", UNCONFIRMED, password=PASSWORD)
    wrong, _ = answer(site, "/en/account/login", NOBODY, password=PASSWORD)
    assert right_but_unconfirmed == wrong and wrong[0] == 400


def test_a_sign_up_logs_nobody_in(site):
    client = site.test_client()
    token = csrf_token(client.get("/en/account/signup").text)
    client.post(
        "/en/account/signup",
        data={"csrf_token": token, "email": "new@example.org", "password": PASSWORD},
    )
    assert client.get("/en/account/").status_code == 302  # to log in


@pytest.mark.parametrize(("path", "addresses", "fields"), FORMS)
def test_the_time_taken_is_the_same_within_noise(production_cost_site, path, addresses, fields):
    """Interleaved runs at the production hash cost, compared by their medians: a hash skipped
    for one kind of address (the leak this guards against) would double its time."""
    site = production_cost_site
    times = {email: [] for email in addresses}
    for run in range(7):
        for email in addresses:
            # a new address each time, or the first sign-up would make it a known one
            address = email.replace("nobody@", f"nobody{run}@")
            times[email].append(answer(site, path, address, **fields)[1])
    medians = {email: statistics.median(runs) for email, runs in times.items()}
    fastest, slowest = min(medians.values()), max(medians.values())
    # 5 ms: rendering and handing over one e-mail, which only a known address gets (reset,
    # sign-in link) until mail leaves through the job queue for every address alike
    assert slowest < fastest * 1.4 + 0.005, medians
