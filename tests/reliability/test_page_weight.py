"""Target (d) of issue 9, as a normal test: every public page type in every locale weighs at most
50 KB compressed (HTML, CSS, scripts and fonts; images aside) and asks nothing of another site.
The same check runs against gunicorn in `python -m bench weight`."""

import gzip
import re
import urllib.parse

import pytest

from bench import weight
from challenge.lessons.queries import lesson_list
from challenge.mail import outbox, text_of
from challenge.pledges.queries import pledge_list
from challenge.quizzes.queries import quiz_list

LOCALES = ("en", "hi", "ja")


class FlaskClient:
    """A visitor through Flask's test client: its own cookies, no redirects followed."""

    host = "localhost"

    def __init__(self, app):
        self.client = app.test_client()

    def _fetched(self, response) -> weight.Fetched:
        headers = {name.lower(): value for name, value in response.headers.items()}
        body = response.get_data()
        response.close()  # static files are streamed from an open file
        wire = len(body)
        if headers.get("content-encoding") == "gzip":
            body = gzip.decompress(body)
        return weight.Fetched(response.status_code, headers, body, wire)

    def get(self, path: str) -> weight.Fetched:
        return self._fetched(self.client.get(path, headers={"Accept-Encoding": "gzip"}))

    def post(self, path: str, fields: list[tuple[str, str]]) -> weight.Fetched:
        body = urllib.parse.urlencode(fields)
        return self._fetched(
            self.client.post(
                path,
                data=body,
                content_type="application/x-www-form-urlencoded",
                headers={"Accept-Encoding": "gzip"},
            )
        )


@pytest.fixture
def rows(synced):
    with synced.app_context():
        slugs = {
            "lesson": lesson_list("en")[0].slug,
            "quiz": quiz_list("en")[0].slug,
            "pledge": pledge_list("en")[0].pledge.slug,
        }

    def mail_link(to: str) -> str:
        with synced.app_context():
            message = [m for m in outbox() if m["To"] == to][-1]
        return urllib.parse.urlsplit(re.search(r"https?://\S+", text_of(message))[0]).path

    return weight.measure(lambda: FlaskClient(synced), LOCALES, slugs, mail_link)


def test_every_public_page_is_light_and_self_contained(rows):
    assert len(rows) == len(weight.PAGE_TYPES) * len(LOCALES)
    wrong_status = [
        (r["page"], r["locale"], r["status"]) for r in rows if r["status"] != r["expected"]
    ]
    assert not wrong_status, wrong_status
    heavy = [
        (r["page"], r["locale"], r["compressed_total"])
        for r in rows
        if r["compressed_total"] > weight.LIMIT_BYTES
    ]
    assert not heavy
    assert not [(r["page"], r["third_party"]) for r in rows if r["third_party"]]
    # Weighed as nginx sends them (gzip, deploy/nginx/); the app itself does not compress.
    # The stylesheet was found and weighed with each page.
    assert all(any(a["path"].endswith(".css") for a in r["assets"]) for r in rows)


def test_third_party_urls_are_found_wherever_a_page_would_fetch_them():
    page = """<link rel="stylesheet" href="https://cdn.example.com/a.css">
    <link rel="alternate" hreflang="hi" href="https://other.example/hi/">
    <img src="//images.example.net/x.png"><form action="https://forms.example.org/send">
    <a href="https://example.com/">a link is not a request</a><script src="/static/site.js"></script>"""
    found = weight.third_party(weight.requested_urls(page), "localhost")
    assert found == [
        "//images.example.net/x.png",
        "https://cdn.example.com/a.css",
        "https://forms.example.org/send",
    ]
    assert weight.fetched_urls(page) == [
        "//images.example.net/x.png",
        "/static/site.js",
        "https://cdn.example.com/a.css",
    ]
    css = "body{background:url('https://fonts.example.com/f.woff2')} @import 'http://x.example/y.css';"
    assert weight.third_party(weight.css_urls(css), "localhost") == [
        "https://fonts.example.com/f.woff2",
        "http://x.example/y.css",
    ]
