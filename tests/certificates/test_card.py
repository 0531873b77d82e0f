"""A certificate's page previews when shared: Open Graph tags, a card in its language that says
what it is for and never who holds it, and plain share links."""

import io
import re
from html import unescape
from urllib.parse import quote, urlsplit

from PIL import Image

from tests.support import certificates

PUBLIC = "http://127.0.0.1:8000"


def meta(html: str, key: str) -> str | None:
    found = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', html)
    return unescape(found.group(1)) if found else None


def card(client, url: str) -> bytes:
    parts = urlsplit(url)
    response = client.get(f"{parts.path}?{parts.query}")
    assert response.status_code == 200 and response.mimetype == "image/png"
    assert Image.open(io.BytesIO(response.data)).size == (1200, 630)
    return response.data


def test_the_page_without_cookies_carries_the_card_tags_and_share_links(app):
    app.config["PUBLIC_URL"] = PUBLIC
    client = app.test_client(use_cookies=False)
    code = certificates.issue(app, name="Ada Lovelace")
    html = client.get(f"/verify/{code}").text
    url = meta(html, "og:url")
    assert url.startswith(PUBLIC + "/") and url.endswith(f"/verify/{code}")
    assert certificates.TITLES["en"] in meta(html, "og:title")
    assert meta(html, "twitter:card") == "summary_large_image"
    image = meta(html, "og:image")
    assert image.startswith(f"{PUBLIC}/") and f"/verify/{code}/card.png?v=" in image
    card(client, image)
    assert quote(url, safe="") in html
    head = html.split("</head>")[0]
    assert "Ada Lovelace" not in head


def test_the_card_is_in_the_certificates_language_and_names_no_one(app, client):
    named = certificates.issue(app, locale="hi", name="अनुष्का शर्मा")
    anonymous = certificates.issue(app, locale="hi")
    html = client.get(f"/verify/{named}").text
    assert meta(html, "og:locale") == "hi"
    hindi = card(client, meta(html, "og:image"))
    assert hindi == card(client, meta(client.get(f"/verify/{anonymous}").text, "og:image"))
    japanese = card(client, meta(client.get(f"/ja/verify/{named}").text, "og:image"))
    english = card(client, meta(client.get(f"/en/verify/{named}").text, "og:image"))
    assert len({hindi, japanese, english}) == 3


def test_a_revoked_certificates_card_says_so_at_once(app, client):
    code = certificates.issue(app)
    before = meta(client.get(f"/verify/{code}").text, "og:image")
    certificates.revoke(app, code)
    after = meta(client.get(f"/verify/{code}").text, "og:image")
    assert before != after
    # the old URL shows the revoked card at once, and is no longer cached for long
    assert card(client, before) == card(client, after)
    parts = urlsplit(before)
    assert client.get(f"{parts.path}?{parts.query}").cache_control.max_age == 3600


def test_the_card_of_an_unknown_code_is_the_same_404(client):
    assert client.get("/verify/QCC-0000-0000/card.png").status_code == 404
