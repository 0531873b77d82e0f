"""The edition pages: the list, progress with streak and points, the finish line, caching, merging
an anonymous browser's progress into an account, and the completion hook."""

import datetime as dt

import pytest
import time_machine
from sqlalchemy import select

from challenge.content.models import ContentItem
from challenge.editions import hooks, queries, standing
from challenge.editions.models import EditionCheckIn
from challenge.extensions import db
from challenge.participation.models import Participant
from challenge.participation.operations import merge
from tests.factories import submit
from tests.support.editions import (
    AFTER,
    BEFORE,
    DAY_1,
    DAY_2,
    DAY_3,
    EDITION,
    action_url,
    check_ins,
)
from tests.support.factories import ParticipantFactory
from tests.support.visitors import log_in, sign_up


@pytest.fixture
def completions(monkeypatch):
    heard = []
    monkeypatch.setattr(
        hooks,
        "COMPLETION_LISTENERS",
        [lambda participant, done: heard.append((participant.id, done))],
    )
    return heard


def test_the_list_sorts_editions_by_the_visitors_window(edition_app):
    client = edition_app.test_client()
    for moment, section in (
        (BEFORE, "Coming up"),
        (DAY_2, "Running now"),
        (AFTER, "Past editions"),
    ):
        with time_machine.travel(moment, tick=False):
            page = client.get("/en/editions/").text
        heading = page.index(section)
        link = page.index('href="/en/editions/test-week"')
        following = [
            page.find(other, heading + 1) for other in ("Coming up", "Running now", "Past editions")
        ]
        assert heading < link < min([p for p in following if p > heading] + [len(page)]), section


def test_the_page_shows_the_days_today_and_the_finish_line(edition_app):
    with time_machine.travel(DAY_2, tick=False):
        page = edition_app.test_client().get(EDITION).text
    assert "March 4, 2024 to March 6, 2024" in page and "Asia/Tokyo" in page
    assert "Day 2 of 3 where you are" in page
    assert '<li class="panel edition-day today" id="day-2" aria-current="date">' in page
    assert "Opens on March 6, 2024" in page  # day 3
    assert "Finish line: complete 2 more days." in page
    assert '<progress id="edition-progress" max="5" value="0">' in page
    assert 'href="/en/quizzes/a-quiz"' in page and "at least 50%" in page


def test_an_anonymous_visitor_gets_a_cacheable_page_and_a_participant_a_private_one(edition_app):
    client = edition_app.test_client()
    with time_machine.travel(DAY_1, tick=False):
        first = client.get(EDITION)
        assert "public" in first.headers["Cache-Control"] and "Set-Cookie" not in first.headers
        client.post(action_url("tell-a-friend"), data={"country": "IN"})
        mine = client.get(EDITION)
    assert mine.headers["Cache-Control"] == "private, no-store"
    assert "1 of 5 actions done" in mine.text


def test_streak_points_and_completion_through_the_site(edition_app, completions):
    client = edition_app.test_client()
    with time_machine.travel(DAY_1, tick=False):
        client.post(action_url("tell-a-friend"), data={"country": "IN"})
        client.post("/en/lessons/a-lesson/done", data={"country": "IN"})
        page = client.get(EDITION).text
        assert "Streak: 1 day in a row" in page and "40 points" in page
    with time_machine.travel(DAY_3, tick=False):  # day 2 missed; day 3 done
        submit(client, "/en/pledges/a-pledge", {"country": "IN"})
        assert completions == []
        client.post(action_url("update-phone"))
        page = client.get(EDITION).text
    # 4 actions, 2 full days, finished (complete_after: 2); the streak restarted on day 3.
    assert "Streak: 1 day in a row" in page
    assert f"{4 * 10 + 2 * 20 + 50} points" in page
    assert "You finished this edition on March 6, 2024." in page
    [(_participant_id, done)] = completions
    assert done.edition_slug == "test-week"
    assert done.completed_at == dt.datetime(2024, 3, 6, 3, 0)
    with time_machine.travel(DAY_3, tick=False):  # catching up later does not finish it again
        client.post(action_url("pass-quiz"))
        client.post(action_url("update-phone"))
    assert len(completions) == 1


def test_progress_and_completion_for_the_lead(edition_app):
    with edition_app.test_request_context():
        entry = queries.edition("test-week", "en")
        assert entry.plan.complete_after == 2 and entry.plan.actions_per_day == (2, 1, 2)
        assert standing.progress(None, entry, now=dt.datetime(2024, 3, 5)).today_index == 1
        assert standing.completion(None, entry) is None


def item_id(app) -> int:
    with app.app_context():
        return db.session.scalar(select(ContentItem.id).where(ContentItem.slug == "test-week"))


def add(participant_id, item, action, day, at):
    db.session.add(
        EditionCheckIn(
            participant_id=participant_id,
            item_id=item,
            action_id=action,
            day_index=day,
            via="task",
            created_at=at,
        )
    )


def test_merging_keeps_each_action_once_and_the_earlier_time(edition_app, completions):
    item = item_id(edition_app)
    early, late = dt.datetime(2024, 3, 4, 1), dt.datetime(2024, 3, 5, 1)
    with edition_app.test_request_context():
        anonymous, account = ParticipantFactory(country="IN"), ParticipantFactory(country="IN")
        add(anonymous.id, item, "tell-a-friend", 0, early)
        add(account.id, item, "tell-a-friend", 0, late)
        add(anonymous.id, item, "read-lesson", 0, early)
        add(account.id, item, "pass-quiz", 1, late)
        db.session.commit()
        merge(anonymous, account)
        db.session.commit()
        rows = db.session.execute(
            select(
                EditionCheckIn.participant_id, EditionCheckIn.action_id, EditionCheckIn.created_at
            ).order_by(EditionCheckIn.action_id)
        ).all()
        account_id = account.id
    assert rows == [
        (account_id, "pass-quiz", late),
        (account_id, "read-lesson", early),
        (account_id, "tell-a-friend", early),
    ]
    # Days 1 and 2 are now both complete: the merge finished the edition.
    assert [(who, done.completed_at) for who, done in completions] == [(account_id, late)]


def test_logging_in_merges_the_browsers_progress_into_the_account(edition_app):
    with time_machine.travel(DAY_1, tick=False):
        owner = edition_app.test_client()
        sign_up(owner)
        owner.post(action_url("tell-a-friend"), data={"country": "IN"})
        owner.get("/en/account/logout")
        other_browser = edition_app.test_client()
        other_browser.post("/en/lessons/a-lesson/done", data={"country": "IN"})
        other_browser.post(action_url("tell-a-friend"), data={"country": "IN"})
        assert log_in(other_browser).status_code == 302
        page = other_browser.get(EDITION).text
    with edition_app.app_context():
        assert db.session.query(Participant).count() == 1
    assert sorted(action for _, action, _ in check_ins(edition_app)) == [
        "read-lesson",
        "tell-a-friend",
    ]
    assert "2 of 5 actions done" in page


def test_my_progress_shows_the_edition_with_its_next_step(edition_app):
    client = edition_app.test_client()
    with time_machine.travel(DAY_1, tick=False):
        client.post(action_url("tell-a-friend"), data={"country": "IN"})
        page = client.get("/en/me").text
    assert 'href="/en/editions/test-week"' in page and "1 of 5 actions done" in page
    assert "10 points" in page and 'href="/en/editions/test-week#action-read-lesson"' in page


def test_the_page_speaks_the_visitors_language_and_marks_the_texts_language(edition_app):
    with time_machine.travel(DAY_1, tick=False):
        page = edition_app.test_client().get("/ja/editions/test-week").text
    assert "<h1>テスト週間</h1>" in page and "友だちに話す" in page and "今日" in page
    assert '<span lang="ja">はじめる</span>' in page
    assert "I did it" not in page and "やりました" in page
    # The lesson is translated; the quiz is not, so its title is marked as English.
    assert '<span lang="en" dir="ltr">A quiz</span>' in page


def test_the_page_stays_small(edition_app):
    with time_machine.travel(DAY_1, tick=False):
        page = edition_app.test_client().get(EDITION)
    assert len(page.data) < 50_000


def test_the_data_download_lists_the_check_ins(edition_app):
    client = edition_app.test_client()
    with time_machine.travel(DAY_1, tick=False):
        sign_up(client)
        client.post(action_url("tell-a-friend"), data={"country": "IN"})
        data = client.get("/en/account/export").get_json()
    [check_in] = data["participation"]["edition_check_ins"]
    assert check_in == {
        "edition": "test-week",
        "action": "tell-a-friend",
        "day": 1,
        "country": "IN",
        "at": "2024-03-04T03:00:00Z",
    }
