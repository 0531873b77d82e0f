"""Every public page, in every locale: found, in the right language, light, and self-contained."""

import gzip
import re
from pathlib import Path

import pytest

LOCALES = ("en", "hi", "ja")
CONTENT = Path(__file__).parents[2] / "content" / "lessons"


def published_lessons() -> tuple[str, ...]:
    """The real lessons' slugs in their front matter's order (the site's `site` fixture loads them)."""
    orders = {}
    for source in CONTENT.glob("*/en.md"):
        front = source.read_text(encoding="utf-8").split("---", 2)[1]
        if re.search(r"^status: published$", front, re.M):
            orders[source.parent.name] = int(re.search(r"^order: (\d+)$", front, re.M)[1])
    return tuple(sorted(orders, key=orders.get))


LESSONS = published_lessons()
PAGES = ["/", "/lessons/", "/about", "/privacy", *(f"/lessons/{slug}" for slug in LESSONS)]


@pytest.fixture
def site(synced):
    return synced.test_client()


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("page", PAGES)
def test_every_page_in_every_locale(site, locale, page):
    response = site.get(f"/{locale}{page}")
    assert response.status_code == 200
    html = response.text
    assert f'<html lang="{locale}" dir="ltr">' in html
    assert re.search(r"<title>[^<]+</title>", html)
    assert html.count("<h1") == 1
    # Real translations: no English fallback notice and no English-tagged body on a translated page.
    assert not re.search(
        r' lang="en"( dir="ltr")?>', html.replace('hreflang="en" lang="en">', "")
    ) or (locale == "en")


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("page", PAGES)
def test_pages_have_no_inline_code_and_no_third_party_requests(site, locale, page):
    html = site.get(f"/{locale}{page}").text
    # Scripts only as files of our own (progressive enhancement), never inline.
    assert re.findall(r"<script[^>]*>", html) == re.findall(
        r'<script src="/static/[^"]+" defer>', html
    )
    assert "<style" not in html and " style=" not in html
    assert not re.search(r" on[a-z]+=", html)
    own_origin = site.application.config["PUBLIC_URL"] + "/"
    for tag in re.findall(r"<(?:link|img|script|iframe|source)\b[^>]*>", html):
        # canonical and hreflang links are absolute, on the site's own public origin
        assert "://" not in tag.replace(f'href="{own_origin}', 'href="/'), tag


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("page", PAGES)
def test_pages_weigh_under_50_kb_compressed(site, locale, page):
    body = site.get(f"/{locale}{page}").data
    with site.get("/static/css/site.css") as response:
        stylesheet = response.data
    assert len(gzip.compress(body)) + len(gzip.compress(stylesheet)) < 50 * 1024


def test_lesson_list_is_ordered_with_minutes(site, real_content_tree):
    loaded = {slug for folder, slug in real_content_tree.items if folder == "lessons"}
    assert set(LESSONS) == loaded and len(LESSONS) > 1
    html = site.get("/en/lessons/").text
    positions = [html.index(f'href="/en/lessons/{slug}"') for slug in LESSONS]
    assert positions == sorted(positions)
    assert re.search(r"\d+ minutes", html)
    assert f"{len(LESSONS)} short lessons" in html


def test_lesson_pages_link_previous_and_next(site):
    html = site.get("/ja/lessons/passphrases-and-password-managers").text
    assert 'rel="prev" href="/ja/lessons/multi-factor-authentication"' in html
    assert 'rel="next" href="/ja/lessons/software-updates"' in html
    first = site.get("/en/lessons/spotting-phishing").text
    assert (
        'rel="prev"' not in first
        and 'rel="next" href="/en/lessons/multi-factor-authentication"' in first
    )
    last = site.get(f"/en/lessons/{LESSONS[-1]}").text
    assert 'rel="next"' not in last


def test_links_inside_lessons_stay_in_the_readers_language(site):
    html = site.get("/hi/lessons/spotting-phishing").text
    assert 'href="/hi/lessons/' in html
    assert "_locale_" not in html


def test_unknown_lesson_is_404(site):
    assert site.get("/en/lessons/no-such-lesson").status_code == 404


def test_healthz_reports_the_database(site):
    response = site.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}


def test_healthz_reports_an_unreachable_database(make_app, tmp_path):
    app = make_app(DATABASE_URL=f"sqlite:///{tmp_path / 'missing' / 'nowhere.db'}")
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json == {"status": "error", "database": "unreachable"}


def test_security_headers(site):
    response = site.get("/en/")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "Strict-Transport-Security" not in response.headers
    secure = site.get("/en/", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=")


def test_server_errors_render_the_500_page_in_the_pages_language(make_app):
    app = make_app()

    @app.get("/<locale>/boom")
    def boom():
        raise RuntimeError("database down")  # OperationalError is a 503: tests/reliability/

    app.testing = False
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = app.test_client().get("/ja/boom")
    assert response.status_code == 500
    assert '<html lang="ja"' in response.text
    assert "database down" not in response.text


def test_content_media_serves_only_images_from_content(site):
    assert site.get("/content-media/lessons/backups/en.md").status_code == 404
    assert site.get("/content-media/secrets/x/a.png").status_code == 404
    assert site.get("/content-media/lessons/..%2f..%2fpyproject/a.png").status_code != 200
