"""Reading the lesson, passing the quiz and taking the pledge tick their actions by themselves,
through the participation registry's activity hook (the features never import each other)."""

import time_machine
from sqlalchemy import event, func, select
from werkzeug.datastructures import MultiDict

from challenge.extensions import db
from challenge.lessons.models import LessonCompletion
from challenge.participation import registry
from tests.factories import submit
from tests.support.editions import (
    AFTER,
    DAY_1,
    DAY_2,
    DAY_3,
    EDITION,
    action_url,
    check_ins,
    tally_drift,
)
from tests.support.quizzes import answer_sheet, open_form


def read_lesson(client):
    return client.post("/en/lessons/a-lesson/done", data={"country": "IN"})


def take_quiz(app, client, *, wrong=()):
    _page, fixed = open_form(client, "/en/quizzes/a-quiz")
    pairs = answer_sheet(app, "a-quiz", wrong=wrong)
    return client.post("/en/quizzes/a-quiz", data=MultiDict([*fixed, ("country", "IN"), *pairs]))


def ticked(app) -> list[str]:
    return [action for _, action, _ in check_ins(app)]


def test_the_editions_listener_is_registered(app):
    assert any(
        listener.__module__ == "challenge.editions.operations"
        for listener in registry.ACTIVITY_LISTENERS
    )
    assert set(registry.ACTIVITY_CHECKS) >= {"lesson", "quiz", "pledge"}


def test_reading_the_lesson_ticks_its_action(edition_app):
    client = edition_app.test_client()
    with time_machine.travel(DAY_1, tick=False):
        assert read_lesson(client).status_code == 302
        page = client.get(EDITION).text
    assert ticked(edition_app) == ["read-lesson"]
    assert "1 of 5 actions done" in page


def test_a_quiz_ticks_its_action_only_with_the_minimum_score(edition_app):
    client = edition_app.test_client()
    with time_machine.travel(DAY_2, tick=False):
        take_quiz(edition_app, client, wrong=("parcel", "signs"))  # 0%
        assert ticked(edition_app) == []
        take_quiz(edition_app, client, wrong=("signs",))  # 50%: below the pass mark, enough here
    assert ticked(edition_app) == ["pass-quiz"]


def test_taking_the_pledge_on_its_day_ticks_it(edition_app):
    client = edition_app.test_client()
    with time_machine.travel(DAY_3, tick=False):
        response = submit(client, "/en/pledges/a-pledge", {"country": "IN"})
        assert response.status_code == 302
    assert ticked(edition_app) == ["take-pledge"]


def test_nothing_is_ticked_for_a_day_not_open_or_after_the_edition(edition_app):
    client = edition_app.test_client()
    with time_machine.travel(DAY_1, tick=False):
        submit(client, "/en/pledges/a-pledge", {"country": "IN"})  # the pledge is day 3's
    with time_machine.travel(AFTER, tick=False):
        read_lesson(client)
    assert ticked(edition_app) == []


def test_a_pledge_taken_before_its_day_is_ticked_on_request_once_the_day_opens(edition_app):
    client = edition_app.test_client()
    with time_machine.travel(DAY_1, tick=False):
        submit(client, "/en/pledges/a-pledge", {"country": "IN"})
    with time_machine.travel(DAY_3, tick=False):
        page = client.get(EDITION).text
        assert "I already did this" in page
        assert client.post(action_url("take-pledge")).status_code == 303
    assert ticked(edition_app) == ["take-pledge"]


def test_a_failing_hook_fails_the_lesson_too(edition_app, monkeypatch):
    """The listener runs in the lesson's own transaction: both commit, or neither."""

    def broken(*args):
        raise RuntimeError("listener failed")

    monkeypatch.setattr(registry, "ACTIVITY_LISTENERS", [broken])
    edition_app.config["PROPAGATE_EXCEPTIONS"] = False
    with time_machine.travel(DAY_1, tick=False):
        response = read_lesson(edition_app.test_client())
    assert response.status_code == 500
    with edition_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(LessonCompletion)) == 0


def check_in_lookups(app, action) -> int:
    """How many statements read edition_check_in while `action()` runs."""
    seen = []

    def note(_conn, _cursor, statement, *_args):
        if statement.lstrip().upper().startswith("SELECT") and "edition_check_in" in statement:
            seen.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", note)
    try:
        action()
    finally:
        event.remove(engine, "before_cursor_execute", note)
    return len(seen)


def test_a_brand_new_visitors_pledge_is_ticked_without_looking_up_their_check_ins(edition_app):
    """They have none: the transaction that ticks it made them. A returning participant's are
    looked up as before."""
    client = edition_app.test_client()
    with time_machine.travel(DAY_3, tick=False):
        client.get("/en/pledges/a-pledge")
        pledged = lambda: submit(client, "/en/pledges/a-pledge", {"country": "IN"})  # noqa: E731
        assert check_in_lookups(edition_app, pledged) == 0
        assert ticked(edition_app) == ["take-pledge"]
        assert check_in_lookups(edition_app, lambda: read_lesson(client)) > 0
    assert tally_drift(edition_app) == []
