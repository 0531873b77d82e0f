"""The participant's own page: points, what they did, their certificates, one next step, and
their data, the same for a visitor without an account and for an account."""

import json

import time_machine

from tests.factories import submit
from tests.support import quizzes
from tests.support.editions import DAY_1, sync_fixture
from tests.support.visitors import sign_up

ME = "/en/me"


def failed_sheet(app, slug: str) -> list:
    wrong = tuple(question["id"] for question in quizzes.questions(app, slug))
    return quizzes.answer_sheet(app, slug, wrong=wrong)


def test_a_visitor_yet_to_act_gets_one_next_step(synced):
    with time_machine.travel("2030-01-01 00:00Z"):  # no edition running
        page = synced.test_client().get(ME)
    assert page.status_code == 200
    assert "Next step" in page.text
    assert page.text.count('class="button"') == 1
    assert 'class="button" href="/en/lessons/' in page.text  # the first lesson
    assert "Points" not in page.text


def test_points_records_and_a_failed_quiz_as_the_next_step(synced):
    client = synced.test_client()
    submit(client, "/en/pledges/turn-on-mfa", {"country": "AU"})
    quizzes.send(client, quizzes.answer_sheet(synced), country=None)
    quizzes.send(
        client,
        failed_sheet(synced, "backups"),
        url="/en/quizzes/backups",
        country=None,
    )
    with time_machine.travel("2030-01-01 00:00Z"):
        page = client.get(ME).text
    assert "<dt>Points</dt><dd>30</dd>" in page  # a pledge (10) and a quiz passed (20)
    assert "<dt>Pledges</dt><dd>1</dd>" in page
    assert "<dt>Quizzes passed</dt><dd>1 of" in page
    assert "100%" in page  # the best score
    assert 'class="button" href="/en/quizzes/backups">Try the quiz again' in page
    assert "Country: Australia" in page


def test_a_running_edition_makes_today_s_action_the_next_step(app):
    sync_fixture(app)
    with time_machine.travel(DAY_1):
        page = app.test_client().get(ME).text
    assert "Take today's action" in page
    assert 'href="/en/editions/test-week#action-' in page


def test_a_visitor_downloads_their_own_data_and_only_theirs(synced):
    client = synced.test_client()
    assert client.get("/en/me/data.json").get_json() == {"participation": None}
    submit(client, "/en/pledges/turn-on-mfa", {"country": "IN"})
    page = client.get(ME).text
    assert 'href="/en/me/data.json" download' in page
    assert "/account/delete" not in page
    answer = client.get("/en/me/data.json")
    assert answer.headers["Cache-Control"] == "no-store"
    data = json.loads(answer.data)["participation"]
    assert data["country"] == "IN" and [row["slug"] for row in data["pledges"]] == ["turn-on-mfa"]
    assert synced.test_client().get("/en/me/data.json").get_json() == {"participation": None}


def test_an_account_sees_its_export_and_delete_links(synced):
    client = synced.test_client()
    sign_up(client)
    page = client.get(ME).text
    assert 'href="/en/account/export" download' in page
    assert 'href="/en/account/delete"' in page
