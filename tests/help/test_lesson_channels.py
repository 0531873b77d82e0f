"""`{{channels: SITUATION}}` in a lesson: the visitor's country's channels, from content/channels/,
so that no lesson writes a channel's name or number itself."""

import shutil
from pathlib import Path

import pytest

from challenge.config import PROJECT_ROOT
from challenge.content.loader import load_tree
from challenge.content.operations import sync_tree
from tests.support.pledges import pledge

FIXTURE = Path(__file__).parents[1] / "fixtures" / "help-content"
LESSON = "/lessons/after-an-incident"
LOCALES = ("en", "hi", "ja")


@pytest.fixture
def site(synced):
    return synced.test_client()


@pytest.mark.parametrize("locale", LOCALES)
def test_without_a_country_the_lesson_offers_the_choice(site, locale):
    html = site.get(f"/{locale}{LESSON}").text
    assert "{{" not in html
    assert 'id="channels-lost-money"' in html
    for folder in ("au", "in", "jp", "us", "other"):
        assert f'href="/{locale}{LESSON}?country={folder}#channels-lost-money"' in html
    assert "tel:" not in html


@pytest.mark.parametrize(
    ("locale", "folder", "number", "name"),
    [
        ("en", "au", "000", "Scamwatch (National Anti-Scam Centre)"),
        ("hi", "in", "112", "राष्ट्रीय साइबर अपराध हेल्पलाइन (1930)"),
        ("ja", "jp", "110", "消費者ホットライン(188)"),
        ("ja", "us", "911", "ReportFraud.ftc.gov"),
    ],
)
def test_with_a_country_the_lesson_lists_its_channels_emergency_first(
    site, real_content_tree, locale, folder, number, name
):
    response = site.get(f"/{locale}{LESSON}?country={folder}")
    assert response.status_code == 200 and response.cache_control.public
    html = response.text
    block = html.split('id="channels-lost-money"')[1].split("</section>")[0]
    assert block.index(f'href="tel:{number}"') == block.index('href="tel:')
    assert name in block
    assert f'href="/{locale}/help/lost-money?country={folder}"' in block
    assert f'href="/{locale}{LESSON}?country={folder}#channels-lost-money" aria-current' in block


def test_a_forms_answer_offers_the_help_pages_instead(site):
    response = site.post("/en/lessons/after-an-incident/done", data={"country": ""})
    assert response.status_code == 400
    assert 'href="/en/help/lost-money?country=au"' in response.text
    assert "/done?country=" not in response.text


def test_the_participants_country_is_used_and_a_bad_query_ignored(site):
    pledge(site)  # a participant in India
    html = site.get("/en/lessons/after-an-incident?country=nowhere").text
    assert 'href="tel:1930"' in html
    assert site.get("/en/lessons/after-an-incident").headers["Cache-Control"] == (
        "private, no-store"
    )


def test_the_lessons_name_no_channel_themselves():
    """The channels live in content/channels/; a lesson points at them with the directive."""
    lesson = PROJECT_ROOT / "content" / "lessons" / "after-an-incident"
    for locale in LOCALES:
        text = (lesson / f"{locale}.md").read_text(encoding="utf-8")
        assert "{{channels: lost-money}}" in text
        for hard_coded in ("1300 292 371", "1930", "#9110", "ic3.gov", "cybercrime.gov.in"):
            assert hard_coded not in text, (locale, hard_coded)


def test_a_lesson_naming_no_situation_is_refused(app, content):
    content.lesson("report", body="Report it:\n\n{{channels: hacked-by-aliens}}\n")
    tree = load_tree(content.root, LOCALES, "en")
    assert any(
        "'{{channels: hacked-by-aliens}}' names no situation" in str(problem)
        for problem in tree.errors
    )


def test_a_new_lesson_can_use_the_directive(app, content):
    shutil.copytree(FIXTURE / "channels", content.root / "channels")
    content.lesson("report", body="Report it:\n\n{{channels: lost-money}}\n")
    content.lesson("report", "hi", title="शिकायत", body="शिकायत करें:\n\n{{channels: lost-money}}\n")
    with app.app_context():
        tree = load_tree(content.root, LOCALES, "en")
        assert not tree.errors
        sync_tree(tree, "en")
    client = app.test_client()
    html = client.get("/hi/lessons/report?country=au").text
    assert "नमूना पुलिस पोर्टल" in html and 'href="tel:000"' in html
    assert "नमूना परामर्श लाइन" not in html  # for another situation
    # Japan has no fixture channels: the choice stays
    assert (
        'href="/en/lessons/report?country=jp#channels-lost-money"'
        in client.get("/en/lessons/report?country=jp").text
    )
