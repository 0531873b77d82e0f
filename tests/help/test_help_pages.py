"""The help pages: what happened, the first steps in order, and the visitor's country's channels,
in every locale, as public pages a shared cache may keep (the country is in the address)."""

import gzip
import re
from html import unescape
from html.parser import HTMLParser

import pytest
from markupsafe import escape

from challenge.help.situations import SITUATION_IDS
from tests.support.pledges import pledge

LOCALES = ("en", "hi", "ja")
FOLDERS = ("au", "in", "jp", "us", "other")
EMERGENCY = {"au": "000", "in": "112", "jp": "110", "us": "911"}


@pytest.fixture
def site(synced):
    return synced.test_client()


def channels_of(tree, folder: str, locale: str) -> list[dict]:
    """The source's entries, with the words of `locale`'s translation."""
    item = tree.items[("channels", folder)]
    words = {entry["id"]: entry for entry in item.files[locale].meta["channels"]}
    return [{**entry, **words[entry["id"]]} for entry in item.files["en"].meta["channels"]]


class MainText(HTMLParser):
    """The text of <main>, one piece per text node."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.pieces: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "main" or self.depth:
            self.depth += 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth and data.strip():
            self.pieces.append(" ".join(data.split()))


def main_text(html: str) -> list[str]:
    parser = MainText()
    parser.feed(html)
    return parser.pieces


@pytest.mark.parametrize("locale", LOCALES)
def test_the_help_page_asks_what_happened_with_every_situation(site, locale):
    response = site.get(f"/{locale}/help/")
    assert response.status_code == 200
    html = response.text
    assert html.count("<h1") == 1
    positions = [html.index(f'href="/{locale}/help/{situation}"') for situation in SITUATION_IDS]
    assert positions == sorted(positions)
    for folder in FOLDERS:
        assert f'href="/{locale}/help/?country={folder}"' in html


def test_the_index_passes_the_chosen_country_on(site):
    html = site.get("/en/help/?country=jp").text
    assert 'href="/en/help/lost-money?country=jp"' in html
    assert 'href="/en/help/?country=jp" aria-current="true"' in html


@pytest.mark.parametrize("folder", FOLDERS)
@pytest.mark.parametrize("situation", SITUATION_IDS)
@pytest.mark.parametrize("locale", LOCALES)
def test_every_situation_for_every_country(site, real_content_tree, locale, situation, folder):
    response = site.get(f"/{locale}/help/{situation}?country={folder}")
    assert response.status_code == 200
    html = response.text
    assert f'<html lang="{locale}"' in html and html.count("<h1") == 1
    steps = re.search(r'<ol class="steps">(.*?)</ol>', html, re.S).group(1)
    assert steps.count("<li>") == 5
    entries = channels_of(real_content_tree, folder, locale)
    shown = [e for e in entries if e.get("emergency") or situation in e["situations"]]
    assert shown
    for entry in shown:
        assert str(escape(entry["name"])) in html, entry["id"]
    for entry in entries:
        if entry not in shown:
            assert f"<h3>{escape(entry['name'])}</h3>" not in html, entry["id"]
    phones = re.findall(r'href="(tel:[^"]+)"', html)
    if folder == "other":
        assert phones == []  # no number fits every country: the pointer instead
        pointer = next(e for e in entries if e["id"] == "emergency")
        assert html.index(str(escape(pointer["name"]))) < html.index('class="steps"')
    else:
        # the emergency number first, before the steps
        assert phones[0] == f"tel:{EMERGENCY[folder]}"
        assert html.index(f'href="tel:{EMERGENCY[folder]}"') < html.index('class="steps"')
        assert len(phones) == sum(len(e.get("phone") or ()) for e in shown)


@pytest.mark.parametrize("locale", LOCALES)
def test_phone_numbers_are_dialable(site, locale):
    japan = site.get(f"/{locale}/help/lost-money?country=jp").text
    assert '<a class="tel" href="tel:%239110">#9110</a>' in japan
    australia = site.get(f"/{locale}/help/clicked-link?country=au").text
    assert '<a class="tel" href="tel:1300292371">1300 292 371</a>' in australia
    united_states = site.get(f"/{locale}/help/child-at-risk?country=us").text
    assert 'href="tel:18008435678"' in united_states


@pytest.mark.parametrize("locale", ("hi", "ja"))
@pytest.mark.parametrize("situation", SITUATION_IDS)
def test_no_english_on_the_hindi_and_japanese_pages(site, real_content_tree, locale, situation):
    # names the translator kept as they are ("Take It Down", "ReportCyber")
    kept = {
        entry["name"]
        for folder in FOLDERS
        for entry in channels_of(real_content_tree, folder, locale)
    }
    for query in ("", "?country=au", "?country=other"):
        english = main_text(site.get(f"/en/help/{situation}{query}").text)
        html = site.get(f"/{locale}/help/{situation}{query}").text
        assert ' lang="en"' not in html.replace('hreflang="en" lang="en"', "")
        translated = set(main_text(html))
        # a sentence of English left in
        left = [
            piece
            for piece in english
            if piece in translated
            and piece not in kept
            and len(re.findall(r"\b[A-Za-z]{2,}(?:\s|$)", piece)) >= 3
        ]
        assert left == [], (situation, query)
    index = site.get(f"/{locale}/help/").text
    english_index = main_text(site.get("/en/help/").text)
    assert not [p for p in english_index if p in set(main_text(index)) and " " in p]


@pytest.mark.parametrize("locale", LOCALES)
def test_an_unknown_situation_is_not_found(site, locale):
    assert site.get(f"/{locale}/help/hacked-by-aliens").status_code == 404
    assert site.get(f"/{locale}/help/hacked-by-aliens?country=au").status_code == 404


@pytest.mark.parametrize(
    ("query", "target"),
    [
        ("AU", "au"),
        ("In", "in"),
        ("nz", "other"),
        ("FR", "other"),
    ],
)
def test_a_country_code_goes_to_its_one_address(site, query, target):
    response = site.get(f"/en/help/lost-money?country={query}")
    assert response.status_code == 301
    assert response.headers["Location"] == f"/en/help/lost-money?country={target}"
    index = site.get(f"/en/help/?country={query}")
    assert index.headers["Location"] == f"/en/help/?country={target}"


@pytest.mark.parametrize("query", ["zz", "", "%20", "australia", "x" * 300, "%E6%97%A5", "<b>"])
@pytest.mark.parametrize("locale", LOCALES)
def test_a_country_the_site_does_not_know_is_a_clear_400(site, locale, query):
    for path in (f"/{locale}/help/threatened", f"/{locale}/help/"):
        response = site.get(f"{path}?country={query}")
        assert response.status_code == 400
        assert 'class="notice error" role="alert"' in response.text
        assert f'href="{path}?country=au' in response.text  # the choice, to try again
        assert "<b>" not in response.text.split('<main id="main"')[1]
        assert response.headers["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize(
    "path", ["/en/help/", "/hi/help/lost-money", "/ja/help/threatened?country=jp"]
)
def test_help_pages_are_public_and_the_same_for_everyone(site, path):
    response = site.get(path)
    assert response.status_code == 200
    assert response.cache_control.public and response.cache_control.s_maxage is not None
    assert "Set-Cookie" not in response.headers
    assert "Cookie" in response.vary  # a visitor with cookies gets a page of their own


def test_a_participants_country_is_a_redirect_to_the_shared_address(site):
    pledge(site)  # a participant in India, with the browser cookie
    response = site.get("/hi/help/lost-money")
    assert response.status_code == 302
    assert response.headers["Location"] == "/hi/help/lost-money?country=in"
    assert response.headers["Cache-Control"] == "private, no-store"
    chosen = site.get("/hi/help/lost-money?country=jp")  # what they ask for wins
    assert chosen.status_code == 200 and 'href="tel:110"' in chosen.text


def test_a_page_without_a_country_offers_the_choice(site):
    html = site.get("/en/help/identity-stolen").text
    for folder in FOLDERS:
        assert f'href="/en/help/identity-stolen?country={folder}"' in html
    assert "tel:" not in html


def test_the_country_stays_in_the_canonical_and_language_links(site, app):
    html = site.get("/en/help/lost-money?country=au").text
    origin = app.config["PUBLIC_URL"]
    assert f'<link rel="canonical" href="{origin}/en/help/lost-money?country=au">' in html
    assert f'hreflang="ja" href="{origin}/ja/help/lost-money?country=au"' in html
    assert 'href="/hi/help/lost-money?country=au" hreflang="hi"' in html
    plain = site.get("/en/help/lost-money").text
    assert f'<link rel="canonical" href="{origin}/en/help/lost-money">' in plain


@pytest.mark.parametrize("locale", LOCALES)
def test_help_pages_are_light_and_self_contained(site, locale):
    with site.get("/static/css/site.css") as response:
        stylesheet = gzip.compress(response.data)
    for path in ("/help/", "/help/lost-money?country=in", "/help/child-at-risk?country=us"):
        html = site.get(f"/{locale}{path}").text
        assert "<script" not in html and " style=" not in html and "<style" not in html
        assert len(gzip.compress(html.encode())) + len(stylesheet) < 50 * 1024
        assert "<form" not in html  # plain links: nothing to submit, nothing to break


GET_HELP = {"en": "Get help", "hi": "मदद पाएँ", "ja": "相談・通報"}


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize(
    "path",
    ["/", "/lessons/", "/lessons/backups", "/quizzes/", "/pledges/", "/about", "/me", "/help/"],
)
def test_every_page_has_the_get_help_link_in_its_header(site, locale, path):
    html = site.get(f"/{locale}{path}").text
    header = html.split('<header class="site-header">')[1].split("</header>")[0]
    link = f'<a class="get-help" href="/{locale}/help/">{GET_HELP[locale]}</a>'
    assert link in header
    footer = html.split('<footer class="site-footer">')[1]
    assert f'href="/{locale}/security"' in footer and "/help/" not in footer


def test_the_header_link_is_on_error_pages_too(site):
    html = site.get("/ja/lessons/no-such-lesson").text
    assert '<a class="get-help" href="/ja/help/">' in unescape(html)
