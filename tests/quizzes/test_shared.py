"""A quiz result shared in public: a signed, cookie-free address that shows the score and the
quiz, with its own card, and never who took it."""

import io
import re
from html import unescape
from urllib.parse import quote, urlsplit

import pytest
from PIL import Image

from tests.support import quizzes

PUBLIC = "http://127.0.0.1:8000"


def meta(html: str, key: str) -> str | None:
    found = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', html)
    return unescape(found.group(1)) if found else None


@pytest.fixture
def public(synced):
    synced.config["PUBLIC_URL"] = PUBLIC
    return synced


def shared_address(client, app, **answers) -> str:
    """Take the quiz in `client` and read the shared address its result page offers."""
    location = quizzes.send(client, quizzes.answer_sheet(app, **answers)).headers["Location"]
    result = client.get(location).text
    address = re.search(r'data-share-url="([^"]+)"', result).group(1)
    assert "/attempts/" not in address
    return unescape(address)


def test_a_passed_result_is_shared_at_a_public_address_that_needs_no_cookie(public):
    address = shared_address(public.test_client(), public)
    assert address.startswith(f"{PUBLIC}/en/quizzes/{quizzes.SLUG}/shared/")
    stranger = public.test_client(use_cookies=False)
    page = stranger.get(urlsplit(address).path)
    assert page.status_code == 200
    total = len(quizzes.questions(public))
    assert f"Someone passed this quiz with {total} out of {total}. Can you?" in page.text
    assert "Set-Cookie" not in page.headers
    assert page.cache_control.public  # the same page for everyone: a shared cache may keep it
    assert meta(page.text, "og:url") == address
    assert meta(page.text, "og:description").startswith("Someone passed")
    image = meta(page.text, "og:image")
    assert image.startswith(address + "/card.png?v=")
    parts = urlsplit(image)
    card = stranger.get(f"{parts.path}?{parts.query}")
    assert card.status_code == 200 and card.mimetype == "image/png"
    assert Image.open(io.BytesIO(card.data)).size == (1200, 630)
    assert f'href="/en/quizzes/{quizzes.SLUG}"' in page.text  # take it yourself
    assert quote(address, safe="") in page.text  # and share it on


def test_the_address_reveals_nobody(public):
    first = shared_address(public.test_client(), public)
    second = shared_address(public.test_client(), public)
    assert first == second  # two people with the same score share one address
    everything = tuple(question["id"] for question in quizzes.questions(public))
    failed = shared_address(public.test_client(), public, wrong=everything)
    assert failed != first
    page = public.test_client(use_cookies=False).get(urlsplit(failed).path)
    assert "on this quiz. Try it yourself." in page.text


@pytest.mark.parametrize("locale", ["hi", "ja"])
def test_the_shared_page_and_card_speak_the_page_language(public, locale):
    address = shared_address(public.test_client(), public)
    path = urlsplit(address).path.replace("/en/", f"/{locale}/", 1)
    client = public.test_client(use_cookies=False)
    page = client.get(path)
    assert page.status_code == 200
    assert "Someone" not in page.text
    image = urlsplit(meta(page.text, "og:image"))
    assert client.get(f"{image.path}?{image.query}").mimetype == "image/png"


def test_a_forged_or_moved_address_is_404(public):
    address = urlsplit(shared_address(public.test_client(), public)).path
    token = address.rsplit("/", 1)[1]
    client = public.test_client()
    assert client.get(address[:-2] + "xx").status_code == 404
    assert client.get(f"/en/quizzes/backups/shared/{token}").status_code == 404
    assert client.get(f"/en/quizzes/backups/shared/{token}/card.png").status_code == 404
    assert client.get(f"/en/quizzes/{quizzes.SLUG}/shared/not-a-token").status_code == 404
