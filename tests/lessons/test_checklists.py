"""A lesson's checklist (a top-level `- [ ]` list): ticked and saved with a plain form, shown
ticked when the visitor comes back, kept against the anonymous participant only."""

from pathlib import Path

import pytest
from sqlalchemy import func, select

from challenge.content.loader import load_tree
from challenge.content.operations import sync_tree
from challenge.extensions import db
from challenge.lessons.format import CHECKLIST_MARKER
from challenge.lessons.models import ChecklistTicks
from tests.support.content_trees import check_messages, copy_tree
from tests.support.visitors import log_in, sign_up

FIXTURE = Path(__file__).parents[1] / "fixtures" / "country-content"
LOCALES = ("en", "hi", "ja")
PAGE = "/en/lessons/paying-safely"


@pytest.fixture
def tree_copy(tmp_path) -> Path:
    return copy_tree(FIXTURE, tmp_path)


def test_the_task_list_becomes_the_checklist():
    files = load_tree(FIXTURE, LOCALES, "en").items[("lessons", "paying-safely")].files
    assert files["en"].data["checklist"] == [
        "Turn on alerts for every payment.",
        "Set a daily limit in your banking app.",
        "Write down your bank's fraud number.",
    ]
    assert CHECKLIST_MARKER in files["en"].html and "[ ]" not in files["en"].html
    assert len(files["ja"].data["checklist"]) == 3


def test_a_translation_with_another_number_of_items_is_an_error(tree_copy):
    path = tree_copy / "lessons" / "paying-safely" / "hi.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("- [ ] अपने बैंक का धोखाधड़ी वाला नंबर लिख लें।\n", ""), "utf-8")
    assert check_messages(tree_copy) == [
        "content/lessons/paying-safely/hi.md:1: the checklist has 2 items; the source's has 3 "
        "(items are ticked by their place, so every translation lists the same ones)"
    ]


def test_a_lesson_has_one_checklist(tree_copy):
    path = tree_copy / "lessons" / "paying-safely" / "en.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nMore.\n\n- [ ] Again.\n", "utf-8")
    assert any("a lesson has one checklist" in line for line in check_messages(tree_copy))


@pytest.fixture
def site(app):
    with app.app_context():
        sync_tree(load_tree(FIXTURE, LOCALES, "en"), "en")
    return app.test_client()


def checked(html: str) -> list[int]:
    return [
        place for place in range(3) if f'id="checklist-{place}" value="{place}" checked' in html
    ]


def rows(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(ChecklistTicks))


def test_ticks_are_saved_and_shown_on_return(app, site):
    html = site.get(PAGE).text
    assert html.count('type="checkbox" name="checklist-ticked"') == 3 and checked(html) == []
    assert html.index("Keep the evidence.") < html.index('id="checklist"')
    response = site.post(f"{PAGE}/checklist", data={"checklist-ticked": ["0", "2"]})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"{PAGE}?saved=checklist#checklist")
    html = site.get(f"{PAGE}?saved=checklist").text
    assert checked(html) == [0, 2] and "2 of 3 done." in html and "Your checklist is saved" in html
    site.post(f"{PAGE}/checklist", data={"checklist-ticked": "1"})
    assert checked(site.get(PAGE).text) == [1]
    assert rows(app) == 1
    assert checked(app.test_client().get(PAGE).text) == []  # another browser: nothing ticked


def test_unticking_everything_is_saved_too(site):
    site.post(f"{PAGE}/checklist", data={"checklist-ticked": "0"})
    site.post(f"{PAGE}/checklist", data={})
    assert checked(site.get(PAGE).text) == []


@pytest.mark.parametrize("value", ["3", "-1", "x", "0.5"])
def test_an_item_the_checklist_lacks_is_refused_and_nothing_is_stored(app, site, value):
    response = site.post(f"{PAGE}/checklist", data={"checklist-ticked": value})
    assert response.status_code == 400 and 'class="error-summary"' in response.text
    assert rows(app) == 0


def test_the_ticks_are_in_the_participants_language(site):
    html = site.get("/ja/lessons/paying-safely").text
    assert "すべての支払いで通知を受け取る設定にする。" in html and "Your checklist" not in html


def test_a_lesson_without_a_checklist_has_no_form(app, content):
    content.lesson("plain", title="Plain")
    with app.app_context():
        sync_tree(load_tree(content.root, LOCALES, "en"), "en")
    client = app.test_client()
    assert 'id="checklist"' not in client.get("/en/lessons/plain").text
    assert client.post("/en/lessons/plain/checklist", data={}).status_code == 404


def test_logging_in_merges_the_browsers_ticks_into_the_accounts(app, site):
    phone = app.test_client()
    sign_up(phone)
    phone.post(f"{PAGE}/checklist", data={"checklist-ticked": "0"})
    site.post(f"{PAGE}/checklist", data={"checklist-ticked": "2"})
    assert rows(app) == 2
    log_in(site)
    assert rows(app) == 1
    assert checked(site.get(PAGE).text) == [0, 2] == checked(phone.get(PAGE).text)
