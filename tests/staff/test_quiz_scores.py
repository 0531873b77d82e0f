"""Staff see each quiz question's share of right answers, from the answer tallies: totals only,
nothing for a question answered by fewer than PRIVACY_MIN_GROUP."""

from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from challenge.content.loader import load_tree
from challenge.content.models import ContentItem
from challenge.content.operations import sync_tree
from challenge.extensions import db
from challenge.quizzes.answer_tallies import bump
from tests.staff.support import staff_client

FIXTURE = Path(__file__).parents[1] / "fixtures" / "edition-content"
PAGE = "/staff/dashboard/quizzes"


@pytest.fixture
def site(make_app):
    app = make_app(PRIVACY_MIN_GROUP=3)
    with app.app_context():
        sync_tree(load_tree(FIXTURE, ("en", "hi", "ja"), "en"), "en")
        quiz = db.session.scalar(select(ContentItem.id).where(ContentItem.slug == "a-quiz"))
        # parcel: option 1 is right; signs: options 0 and 1 together
        bump(
            Counter(
                {
                    (quiz, "parcel", "1"): 3,
                    (quiz, "parcel", "0"): 1,
                    (quiz, "signs", "0,1"): 1,
                    (quiz, "signs", "0"): 1,
                }
            )
        )
        db.session.commit()
    return app


def row(html: str, question: str) -> str:
    return html.split(question, 1)[1].split("</tr>", 1)[0]


def test_each_question_shows_its_share_answered_right(site):
    response = staff_client(site, "analyst").get(PAGE)
    assert response.status_code == 200
    html = response.text
    assert "A quiz" in html and "<script" not in html and "style=" not in html
    parcel = row(html, "A parcel text")
    assert '<td class="number">4</td>' in parcel and "75%" in parcel


def test_a_question_answered_by_a_small_group_shows_no_share(site):
    signs = row(staff_client(site, "analyst").get(PAGE).text, "Warning signs")
    assert "fewer than 3" in signs and "not shown" in signs and "50%" not in signs


@pytest.mark.parametrize(
    ("role", "status"), [("editor", 200), ("moderator", 200), ("translator", 403)]
)
def test_the_page_is_for_the_dashboards_roles(site, role, status):
    assert staff_client(site, role).get(PAGE).status_code == status


def test_visitors_are_sent_to_log_in(site):
    response = site.test_client().get(PAGE)
    assert response.status_code == 302 and "/account/login" in response.headers["Location"]


def test_the_dashboard_links_to_it(site):
    assert f'href="{PAGE}"' in staff_client(site, "analyst").get("/staff/dashboard").text
