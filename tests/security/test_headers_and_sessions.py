"""Headers and sessions (issue 8, part 1): the same strict headers on every kind of response, only
the embed widgets frameable, HSTS over HTTPS only, cookie flags, a new session at log-in, log-out
that ends the session on the server, and a password change that ends the other sessions."""

import re

import pytest
from werkzeug.http import parse_dict_header

from challenge.accounts.operations import delete_account, find
from challenge.mail import outbox, text_of
from challenge.security import CONTENT_SECURITY_POLICY, HEADERS
from tests.factories import csrf_token, submit
from tests.support.accounts import ADULT, confirm_link
from tests.support.accounts import sign_up as confirmed_sign_up

PASSWORD = "correct horse battery staple"
EMAIL = "asha@example.org"
NEW_PASSWORD = "a brand new long passphrase"


def directives(policy: str) -> dict[str, str]:
    return {
        part.strip().split(" ", 1)[0]: part.strip().partition(" ")[2] for part in policy.split(";")
    }


def assert_strict_headers(response) -> None:
    for name, value in HEADERS.items():
        assert response.headers.get(name) == value, name
    policy = directives(response.headers["Content-Security-Policy"])
    assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'"
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY
    assert "unsafe-eval" not in CONTENT_SECURITY_POLICY
    assert "Strict-Transport-Security" not in response.headers  # plain HTTP


def sign_up(app, email=EMAIL, password=PASSWORD):
    client = app.test_client()
    confirmed_sign_up(client, email, password)
    return client


def log_in(client, email=EMAIL, password=PASSWORD, **extra):
    return submit(client, "/en/account/login", {"email": email, "password": password, **extra})


def logged_in(client) -> bool:
    return client.get("/en/account/").status_code == 200


def set_cookies(response) -> dict[str, str]:
    """Each Set-Cookie header by cookie name, attributes lower-cased."""
    cookies = {}
    for header in response.headers.getlist("Set-Cookie"):
        name = header.split("=", 1)[0]
        cookies[name] = header.lower()
    return cookies


@pytest.mark.parametrize(
    "path",
    [
        "/en/",  # HTML
        "/ja/lessons/spotting-phishing",
        "/api/v1/stats",  # JSON
        "/api/v1/stats.csv",
        "/api/openapi.json",
        "/en/no-such-page",  # 404
        "/static/css/site.css",  # static files
        "/.well-known/security.txt",
        "/healthz",
        "/",  # a redirect
    ],
)
def test_every_kind_of_response_carries_the_headers(synced, path):
    with synced.test_client().get(path) as response:  # closes the static file
        assert response.status_code in {200, 302, 404}
        assert_strict_headers(response)


def test_bad_requests_and_server_errors_carry_the_headers(make_app):
    app = make_app()

    @app.get("/<locale>/explode")
    def explode():
        raise RuntimeError("boom")

    app.testing = False
    app.config["PROPAGATE_EXCEPTIONS"] = False
    client = app.test_client()
    forged = client.post("/en/account/login", data={"email": EMAIL, "password": PASSWORD})
    assert forged.status_code == 400  # no CSRF token
    assert_strict_headers(forged)
    crashed = client.get("/en/explode")
    assert crashed.status_code == 500 and "boom" not in crashed.text
    assert_strict_headers(crashed)
    not_allowed = client.put("/en/")
    assert not_allowed.status_code == 405
    assert_strict_headers(not_allowed)


def test_only_the_embed_widgets_may_be_framed(synced):
    """Every GET route without parameters (beyond the locale) denies framing, except /embed/."""
    client = synced.test_client()
    checked = []
    for rule in synced.url_map.iter_rules():
        if "GET" not in rule.methods or set(rule.arguments) - {"locale"}:
            continue
        path = rule.rule.replace("<locale:locale>", "en").replace("<locale>", "en")
        response = client.get(path)
        policy = directives(response.headers["Content-Security-Policy"])
        if path.startswith("/embed/"):
            assert policy["frame-ancestors"] == "*", path
            assert "X-Frame-Options" not in response.headers
        else:
            assert policy["frame-ancestors"] == "'none'", path
            assert response.headers["X-Frame-Options"] == "DENY", path
        checked.append(path)
    assert "/embed/en/countries" in checked and "/en/account/login" in checked
    assert len(checked) > 20


def test_the_svg_badge_has_its_own_strict_policy(synced):
    response = synced.test_client().get("/en/pledges/turn-on-mfa/badge.svg")
    policy = directives(response.headers["Content-Security-Policy"])
    assert policy["default-src"] == "'none'" and policy["frame-ancestors"] == "'none'"
    assert policy["style-src"].startswith("'sha256-") and "unsafe-inline" not in policy["style-src"]


def test_hsts_only_over_https(synced):
    client = synced.test_client()
    assert "Strict-Transport-Security" not in client.get("/en/").headers
    secure = client.get("/en/", base_url="https://localhost")
    hsts = secure.headers["Strict-Transport-Security"]
    assert int(parse_dict_header(hsts.split(";")[0])["max-age"]) >= 31536000
    assert "includesubdomains" in hsts.lower()
    for path in ("/api/v1/stats", "/embed/en/quad", "/en/no-such-page"):
        assert "Strict-Transport-Security" in client.get(path, base_url="https://localhost").headers


def test_behind_a_tls_proxy_https_is_seen_only_with_proxy_count(make_app):
    """The production setup: a TLS-terminating proxy in front, PROXY_COUNT=1. Without it the app
    sees plain HTTP from the proxy (no HSTS); e-mailed links come from PUBLIC_URL either way,
    never from the forwarded scheme."""
    proxy = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}
    signup = {"email": EMAIL, "password": PASSWORD, **ADULT}
    for count, https in ((0, False), (1, True)):
        app = make_app(PROXY_COUNT=count, MAIL_BACKEND="memory")
        client = app.test_client()
        response = client.get("/en/no-such-page", headers=proxy)
        assert ("Strict-Transport-Security" in response.headers) == https, count
        referer = {"Referer": f"{'https' if https else 'http'}://localhost/en/account/signup"}
        sent = submit(client, "/en/account/signup", signup, headers={**proxy, **referer})
        assert sent.status_code == 200, count  # "check your e-mail"
        with app.app_context():
            link = re.search(r"https?://\S+", text_of(outbox()[-1])).group(0)
            delete_account(find(EMAIL))
        assert link.startswith(app.config["PUBLIC_URL"] + "/en/account/verify/"), (count, link)


def test_cookies_are_httponly_lax_and_secure_in_production(make_app, real_content_tree):
    from challenge.content.operations import sync_tree

    app = make_app(SESSION_COOKIE_SECURE=True)  # the production default
    with app.app_context():
        sync_tree(real_content_tree, "en")
    client = app.test_client()
    base = "https://localhost"
    referer = {"Referer": f"{base}/en/"}  # Flask-WTF checks it on HTTPS
    page = client.get("/en/account/signup", base_url=base)  # a form with a token
    session_cookie = set_cookies(page)["qcc_session"]
    token = csrf_token(page.text)
    pledged = client.post(
        "/en/pledges/turn-on-mfa", data={"country": "IN"}, base_url=base, headers=referer
    )
    assert pledged.status_code == 302
    participant_cookie = set_cookies(pledged)["qcc_participant"]
    client.post(
        "/en/account/signup",
        data={"csrf_token": token, "email": EMAIL, "password": PASSWORD, **ADULT},
        base_url=base,
        headers=referer,
    )
    client.get(confirm_link(app), base_url=base)
    fresh = app.test_client()
    login_page = fresh.get("/en/account/login", base_url=base)
    logged = fresh.post(
        "/en/account/login",
        data={
            "csrf_token": csrf_token(login_page.text),
            "email": EMAIL,
            "password": PASSWORD,
            "remember": "y",
        },
        base_url=base,
        headers=referer,
    )
    assert logged.status_code == 302
    remember_cookie = set_cookies(logged)["qcc_remember"]
    for cookie in (session_cookie, participant_cookie, remember_cookie):
        assert "; httponly" in cookie and "; samesite=lax" in cookie and "; secure" in cookie


def test_the_session_is_renewed_at_log_in(synced):
    sign_up(synced)
    client = synced.test_client()
    client.get("/en/quizzes/spotting-phishing")  # an open quiz attempt, which must carry over
    client.get("/en/account/login")  # and a CSRF token, which must not
    with client.session_transaction() as session:
        session["planted"] = "by someone else"  # what a fixation attack would leave behind
        before = dict(session)
    before_cookie = client.get_cookie("qcc_session").value
    assert log_in(client).status_code == 302
    after_cookie = client.get_cookie("qcc_session").value
    assert after_cookie != before_cookie
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session.get("csrf_token") != before["csrf_token"]
        assert session["quiz_attempts"] == before["quiz_attempts"]
        assert session["_user_id"]
    # The pre-login cookie, replayed elsewhere, is still anonymous.
    replay = synced.test_client()
    replay.set_cookie("qcc_session", before_cookie)
    assert not logged_in(replay)


def test_log_out_ends_the_session_on_the_server(synced):
    sign_up(synced)
    client = synced.test_client()
    log_in(client, remember="y")
    stolen_session = client.get_cookie("qcc_session").value
    stolen_remember = client.get_cookie("qcc_remember").value
    copies = [synced.test_client(), synced.test_client()]
    copies[0].set_cookie("qcc_session", stolen_session)
    copies[1].set_cookie("qcc_remember", stolen_remember)
    assert all(logged_in(copy) for copy in copies)
    response = submit(client, "/en/account/logout", {}, page="/en/account/")
    assert response.status_code == 302
    assert not logged_in(client)
    assert not any(logged_in(copy) for copy in copies)
    assert log_in(synced.test_client()).status_code == 302  # logging in again works


def test_changing_the_password_ends_the_other_sessions_only(synced):
    here = sign_up(synced)
    elsewhere = synced.test_client()
    log_in(elsewhere, remember="y")
    page = here.get("/en/account/")
    assert 'href="/en/account/password"' in page.text
    response = submit(
        here, "/en/account/password", {"current_password": PASSWORD, "password": NEW_PASSWORD}
    )
    assert response.status_code == 302 and response.headers["Location"] == "/en/account/"
    assert "still logged in here" in here.get("/en/account/").text
    assert logged_in(here)
    assert not logged_in(elsewhere)
    assert log_in(synced.test_client(), password=PASSWORD).status_code == 400
    assert log_in(synced.test_client(), password=NEW_PASSWORD).status_code == 302


def test_changing_the_password_asks_for_the_current_one(synced):
    client = sign_up(synced)
    wrong = submit(
        client,
        "/en/account/password",
        {"current_password": "not my password at all", "password": NEW_PASSWORD},
    )
    assert wrong.status_code == 400 and "That password is not right." in wrong.text
    weak = submit(
        client, "/en/account/password", {"current_password": PASSWORD, "password": "password123"}
    )
    assert weak.status_code == 400
    assert re.search(r'<a href="#password">[^<]*characters', weak.text)
    assert log_in(synced.test_client()).status_code == 302  # unchanged
    assert synced.test_client().get("/en/account/password").status_code == 302  # needs a login
