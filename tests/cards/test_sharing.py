"""Shared links preview well: every shareable page carries Open Graph and Twitter card tags with
absolute URLs on PUBLIC_URL, its card image is a 1200x630 PNG per language, cached for long at
its versioned URL, and the share buttons are plain links with no third-party code."""

import io
import re
from html import unescape
from urllib.parse import quote, urlsplit

import pytest
from PIL import Image

from challenge.cards import share
from tests.factories import submit
from tests.support import quizzes

PAGES = [
    "/{locale}/lessons/backups",
    "/{locale}/pledges/turn-on-mfa",
    "/{locale}/quizzes/backups",
    "/{locale}/editions/quad-cyber-challenge-2024",
]
PUBLIC = "http://127.0.0.1:8000"


def meta(html: str, key: str) -> str | None:
    found = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', html)
    return unescape(found.group(1)) if found else None


def image_of(client, url: str):
    parts = urlsplit(url)
    return client.get(f"{parts.path}?{parts.query}")


@pytest.fixture
def public(synced):
    synced.config["PUBLIC_URL"] = PUBLIC
    return synced


@pytest.mark.parametrize("page", PAGES)
def test_a_page_fetched_without_cookies_carries_the_card_tags(public, page):
    client = public.test_client(use_cookies=False)
    response = client.get(page.format(locale="en"))
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert meta(html, "og:title")
    assert meta(html, "og:description") is not None
    assert meta(html, "og:url") == PUBLIC + page.format(locale="en")
    assert meta(html, "og:locale") == "en"
    assert meta(html, "twitter:card") == "summary_large_image"
    image = meta(html, "og:image")
    assert image.startswith(PUBLIC + page.format(locale="en") + "/card.png?v=")
    answer = image_of(client, image)
    assert answer.status_code == 200
    assert answer.mimetype == "image/png"
    assert Image.open(io.BytesIO(answer.data)).size == (1200, 630)
    assert answer.cache_control.public and answer.cache_control.max_age == 365 * 24 * 3600


def test_a_card_asked_for_by_an_old_version_is_cached_briefly(public):
    response = public.test_client().get("/en/lessons/backups/card.png?v=stale")
    assert response.status_code == 200
    assert response.cache_control.max_age == 3600


def test_the_card_of_an_unknown_item_is_404(public):
    client = public.test_client()
    assert client.get("/en/lessons/nope/card.png").status_code == 404
    assert client.get("/en/editions/nope/card.png").status_code == 404


@pytest.mark.parametrize("page", PAGES[:2] + PAGES[3:])
def test_hindi_and_japanese_cards_render_and_differ_from_english(public, page):
    client = public.test_client()
    cards = {}
    for locale in ("en", "hi", "ja"):
        html = client.get(page.format(locale=locale)).get_data(as_text=True)
        image = meta(html, "og:image")
        assert image.startswith(PUBLIC + f"/{locale}/")
        cards[locale] = image_of(client, image).data
        assert cards[locale]
        assert Image.open(io.BytesIO(cards[locale])).size == (1200, 630)
    assert len(set(cards.values())) == 3


def test_the_card_url_changes_when_the_text_does(public):
    client = public.test_client()
    en = meta(client.get("/en/lessons/backups").get_data(as_text=True), "og:image")
    ja = meta(client.get("/ja/lessons/backups").get_data(as_text=True), "og:image")
    assert urlsplit(en).query != urlsplit(ja).query


@pytest.mark.parametrize("page", PAGES)
def test_the_share_links_carry_the_encoded_page_url_and_no_third_party_code(public, page):
    html = public.test_client().get(page.format(locale="en")).get_data(as_text=True)
    encoded = quote(PUBLIC + page.format(locale="en"), safe="")
    links = [unescape(href) for href in re.findall(r'<a class="share-[a-z]+" href="([^"]+)"', html)]
    assert len(links) == 6
    assert all(encoded in link for link in links)
    hosts = {urlsplit(link).netloc for link in links}
    assert {"wa.me", "social-plugins.line.me", "x.com", "www.facebook.com"} <= hosts
    assert any(link.startswith("mailto:?") for link in links)
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts and all(re.search(r'src="/static/', tag) for tag in scripts)
    assert "<iframe" not in html
    assert all(src.startswith("/") for src in re.findall(r'src="([^"]*)"', html))
    loaded = re.findall(
        r'<link rel="(?:stylesheet|icon|preload|modulepreload)" href="([^"]*)"', html
    )
    assert loaded and all(href.startswith("/static/") for href in loaded)


def test_share_links_encode_every_reserved_character():
    links = share.share_links("https://example.org/a?b=c&d", "Tom & Jerry #1")
    for link in links:
        assert "https%3A%2F%2Fexample.org%2Fa%3Fb%3Dc%26d" in link.href
        assert "Tom & Jerry" not in link.href


def test_the_thanks_page_keeps_the_badge_card_and_offers_share_links(public):
    client = public.test_client()
    submit(client, "/en/pledges/turn-on-mfa", {"country": "AU"})
    html = client.get("/en/pledges/turn-on-mfa/thanks").get_data(as_text=True)
    assert meta(html, "og:image") == PUBLIC + "/en/pledges/turn-on-mfa/badge.png"
    assert meta(html, "og:url") == PUBLIC + "/en/pledges/turn-on-mfa"
    assert quote(PUBLIC + "/en/pledges/turn-on-mfa", safe="") in html


def test_a_quiz_result_shares_its_public_score_page_and_not_the_result(public):
    client = public.test_client()
    location = quizzes.send(client, quizzes.answer_sheet(public)).headers["Location"]
    html = client.get(location).get_data(as_text=True)
    links = [unescape(href) for href in re.findall(r'<a class="share-[a-z]+" href="([^"]+)"', html)]
    shared = quote(f"{PUBLIC}/en/quizzes/{quizzes.SLUG}/shared/", safe="")
    assert len(links) == 6 and all(shared in link for link in links)
    assert "attempts" not in " ".join(links)
