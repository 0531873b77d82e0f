"""Every absolute URL the site emits comes from PUBLIC_URL, whatever the request claims: forged
Host, X-Forwarded-Host, X-Forwarded-Proto, Forwarded. Mail goes to a real SMTP server on loopback."""

import re
from pathlib import Path

import pytest

from challenge.mail import text_of
from tests.factories import form_token
from tests.organisations.support import registered
from tests.support.accounts import ADULT

PUBLIC = "https://challenge.example"
EMAIL, PASSWORD = "asha@example.org", "correct horse battery staple"
# What a client (or a proxy that passes headers through) can send to move links elsewhere.
FORGED = {
    "X-Forwarded-Host": "evil.example",
    "X-Forwarded-Proto": "http",
    "X-Forwarded-Port": "8443",
    "X-Forwarded-Server": "evil.example",
    "X-Forwarded-Prefix": "/evil",
    "X-Original-Host": "evil.example",
    "X-Host": "evil.example",
    "Forwarded": "for=198.51.100.1;host=evil.example;proto=http",
}
URL = re.compile(r"https?://[^\s\"'<>]+")


@pytest.fixture
def site(make_app, real_content_tree, mail_server):
    from challenge.content.operations import sync_tree

    # PROXY_COUNT=1: as behind nginx, so the headers a proxy may set are read, as far as trusted.
    app = make_app(PUBLIC_URL=PUBLIC, PROXY_COUNT=1, **mail_server.settings)
    with app.app_context():
        sync_tree(real_content_tree, "en")
    app.mailbox = mail_server.mailbox
    return app


def forged_client(app):
    client = app.test_client()
    client.environ_base.update(
        {"HTTP_" + name.upper().replace("-", "_"): value for name, value in FORGED.items()}
    )
    return client


def post(client, path: str, data: dict, page: str | None = None):
    token = form_token(client.get(page or path).text)
    return client.post(path, data={**token, **data}, headers={"Referer": PUBLIC + "/"})


def links_in_mail(app, count: int) -> list[str]:
    messages = app.mailbox.wait_for(count)
    assert len(messages) >= count, "the mail did not arrive"
    return [url for message in messages for url in URL.findall(text_of(message))]


def assert_on_the_public_origin(urls: list[str]) -> None:
    assert urls, "no links at all"
    for url in urls:
        assert url.startswith(PUBLIC + "/"), url
        assert "evil" not in url, url


def test_every_kind_of_account_mail_links_to_the_public_origin(site):
    client = forged_client(site)
    signed_up = post(client, "/en/account/signup", {"email": EMAIL, "password": PASSWORD, **ADULT})
    assert signed_up.status_code == 200
    verify = links_in_mail(site, 1)
    assert_on_the_public_origin(verify)
    assert client.get(verify[0].removeprefix(PUBLIC)).status_code == 302  # confirmed
    again = post(
        forged_client(site),
        "/en/account/signup",
        {"email": EMAIL, "password": "another long passphrase", **ADULT},
    )
    assert again.status_code == 200
    post(forged_client(site), "/en/account/reset", {"email": EMAIL})
    post(forged_client(site), "/en/account/sign-in", {"email": EMAIL})
    assert post(client, "/en/account/verify", {}, page="/en/account/").status_code == 302
    urls = links_in_mail(site, 4)
    assert_on_the_public_origin(urls)
    kinds = {url.removeprefix(PUBLIC + "/en/account/").split("/")[0] for url in urls}
    assert kinds == {"verify", "login", "reset", "sign-in"}  # resent, exists (2), reset, sign-in


def test_an_organisation_invitation_links_to_the_public_origin(site):
    owner = forged_client(site)
    post(
        owner,
        "/en/account/signup",
        {"email": "owner@example.gov.in", "password": PASSWORD, **ADULT},
    )
    owner.get(links_in_mail(site, 1)[0].removeprefix(PUBLIC))
    slug = registered(site, owner)
    assert post(owner, f"/en/orgs/{slug}/admins", {"email": "new@example.gov.in"}).status_code < 400
    invitation = site.mailbox.wait_for(2)[-1]
    assert invitation["To"] == "new@example.gov.in"
    assert_on_the_public_origin(URL.findall(text_of(invitation)))
    dashboard = owner.get(f"/en/orgs/{slug}/dashboard").text
    join_links = [url for url in URL.findall(dashboard) if "/join/" in url]
    assert_on_the_public_origin(join_links)


@pytest.mark.parametrize(
    "path",
    ["/en/", "/hi/lessons/backups", "/ja/pledges/turn-on-mfa", "/embed/en/quad", "/en/about"],
)
def test_pages_name_only_the_public_origin(site, path):
    page = forged_client(site).get(path)
    assert page.status_code == 200
    absolute = re.findall(r'<(?:link|meta)\b[^>]*?(?:href|content)="(https?://[^"]+)"', page.text)
    absolute += re.findall(r'<a [^>]*href="(https?://challenge[^"]+)"', page.text)
    assert_on_the_public_origin(absolute)
    assert "evil" not in page.text


def test_the_open_graph_tags_of_a_pledge_name_the_public_origin(site):
    client = forged_client(site)
    thanks = post(client, "/en/pledges/turn-on-mfa", {"country": "IN"})
    page = client.get(thanks.headers["Location"]).text
    og = re.findall(r'<meta property="og:(?:url|image)" content="([^"]+)"', page)
    assert og
    assert_on_the_public_origin(og)


def test_security_txt_names_the_public_origin(site):
    text = forged_client(site).get("/.well-known/security.txt").text
    assert "Canonical: " + PUBLIC + "/.well-known/security.txt" in text
    assert "evil" not in text
    assert_on_the_public_origin([url for url in URL.findall(text) if "challenge.example" in url])


def test_another_host_is_refused_and_sends_nothing(site):
    for host in ("evil.example", "challenge.example.evil.example", "evil.example:443"):
        client = site.test_client()
        page = client.get("/en/account/reset", headers={"Host": host})
        assert page.status_code == 400, host
        sent = client.post("/en/account/reset", data={"email": EMAIL}, headers={"Host": host})
        assert sent.status_code == 400, host
    assert site.mailbox.wait_for(1, timeout=0.5) == []


def test_no_code_builds_urls_from_the_request():
    """The class closed at the source: nothing reads the request's idea of the site's address."""
    banned = re.compile(
        r"_external\s*=\s*True|host_url|url_root|request\.host\b|request\.base_url|request\.url\b"
    )
    root = Path(__file__).parents[2] / "challenge"
    offenders = [
        f"{path.relative_to(root)}:{number}: {line.strip()}"
        for path in sorted(root.rglob("*"))
        if path.suffix in (".py", ".html", ".txt", ".xml")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if banned.search(line) and "urls.py" not in path.name
    ]
    assert offenders == []
