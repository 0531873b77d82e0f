"""Share buttons in a real browser: without JavaScript only the plain links show; with it "Copy
link" copies the page's public address, and nothing breaks the strict CSP."""

import pytest

pytestmark = pytest.mark.browser


def test_share_links_without_javascript(new_page, slugs):
    page = new_page("en", javascript=False)
    page.goto(f"/en/pledges/{slugs['pledge']}")
    assert page.locator(".share-links a").count() == 6
    assert not page.locator("[data-share='copy']").is_visible()


def test_copy_link_copies_the_public_address(new_page, slugs):
    from playwright.sync_api import expect

    page = new_page("ja")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.goto(f"/ja/lessons/{slugs['lesson']}")
    address = page.locator(".share-more").get_attribute("data-share-url")
    assert address.endswith(f"/ja/lessons/{slugs['lesson']}")
    page.locator("[data-share='copy']").click()
    # the status is written once the clipboard has taken the text (a promise): wait for it
    expect(page.locator(".share-status")).to_have_text("リンクをコピーしました")
    assert page.evaluate("navigator.clipboard.readText()") == address
    assert not problems


# Each kind of share page, reached as a stranger would reach a shared link: no cookies.
SHARE_PAGES = {
    "lesson": "/{locale}/lessons/{lesson}",
    "quiz": "/{locale}/quizzes/{quiz}",
    "pledge": "/{locale}/pledges/{pledge}",
    "edition": "/{locale}/editions/quad-cyber-challenge-2024",
}


def card_of(page) -> dict:
    """The page's Open Graph and Twitter card image tags."""
    found = {}
    for key in ("og:title", "og:image", "og:image:width", "og:image:height", "twitter:image"):
        tag = page.locator(f"meta[property='{key}'], meta[name='{key}']")
        assert tag.count() == 1, key
        found[key] = tag.get_attribute("content")
    return found


def check_card_image(page, site, card: dict) -> None:
    """The card's image answers 200 with a PNG of the size the tags announce, to a visitor with
    no cookies (a messaging app's preview fetcher), and the browser can decode it."""
    image = card["og:image"]
    assert card["twitter:image"] == image
    assert image.startswith(site.base_url + "/"), image  # absolute, on PUBLIC_URL
    answer = page.context.request.get(image)
    assert answer.status == 200, (image, answer.status)
    assert answer.headers["content-type"] == "image/png", answer.headers
    assert "set-cookie" not in answer.headers
    body = answer.body()
    assert body.startswith(b"\x89PNG\r\n\x1a\n")
    page.goto(image)
    size = page.evaluate(
        "() => [document.images[0].naturalWidth, document.images[0].naturalHeight]"
    )
    assert size == [int(card["og:image:width"]), int(card["og:image:height"])] == [1200, 630]


@pytest.mark.parametrize("locale", ["en", "hi", "ja"])
@pytest.mark.parametrize("kind", SHARE_PAGES)
def test_each_share_pages_card_image_answers_with_an_image(new_page, site, slugs, locale, kind):
    page = new_page(locale, javascript=False)
    address = SHARE_PAGES[kind].format(locale=locale, **slugs)
    answer = page.goto(address)
    assert answer.status == 200
    assert "set-cookie" not in answer.headers  # a public page sets nothing
    card = card_of(page)
    assert card["og:title"]
    check_card_image(page, site, card)


@pytest.mark.parametrize("locale", ["en", "ja"])
def test_a_shared_quiz_result_and_a_certificate_carry_a_working_card(new_page, site, slugs, locale):
    from challenge.certificates import operations
    from challenge.extensions import db
    from challenge.participation.models import Participant
    from tests.browser.support import answer_quiz, choose_country, submit

    taker = new_page(locale, javascript=False)
    taker.goto(f"/{locale}/quizzes/{slugs['quiz']}")
    answer_quiz(taker, site.quiz_questions(slugs["quiz"], locale), right=True)
    choose_country(taker)
    submit(taker, "form.quiz")
    shared = taker.locator(".share-more").get_attribute("data-share-url")
    assert f"/{locale}/quizzes/{slugs['quiz']}/shared/" in shared

    with site.app.app_context():
        participant = Participant(locale=locale, country="JP")
        db.session.add(participant)
        db.session.flush()
        code = operations.issue(
            participant,
            "edition",
            "quad-cyber-challenge-2023",
            participant.created_at.date(),
            locale=locale,
        ).code
        db.session.commit()

    stranger = new_page(locale, javascript=False)
    for address in (shared, site.url(f"/{locale}/verify/{code}")):
        answer = stranger.goto(address)
        assert answer.status == 200, address
        check_card_image(stranger, site, card_of(stranger))
