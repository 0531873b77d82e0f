"""Ticking a task by a plain form POST: counted once, refused clearly when it may not count."""

import time_machine

from tests.support.editions import (
    AFTER,
    BEFORE,
    DAY_1,
    DAY_2,
    EDITION,
    action_url,
    check_in_count,
    check_ins,
)


def test_a_task_is_ticked_once_however_often_the_form_is_sent(edition_app):
    client = edition_app.test_client()
    with time_machine.travel(DAY_1, tick=False):
        first = client.post(action_url("tell-a-friend"), data={"country": "IN"})
        assert first.status_code == 303
        assert first.headers["Location"] == f"{EDITION}#action-tell-a-friend"
        for _ in range(2):  # a replay and a double click
            again = client.post(action_url("tell-a-friend"), data={"country": "IN"})
            assert again.status_code == 303
        page = client.get(EDITION).text
    assert [(action, day) for _, action, day in check_ins(edition_app)] == [("tell-a-friend", 0)]
    assert "1 of 5 actions done" in page and "10 points" in page


def test_the_shared_form_names_the_action_in_its_button(edition_app):
    client = edition_app.test_client()
    with time_machine.travel(DAY_1, tick=False):
        response = client.post(
            "/en/editions/test-week/check-in", data={"country": "IN", "action": "tell-a-friend"}
        )
    assert response.status_code == 303 and check_in_count(edition_app) == 1


def test_a_missed_day_can_be_caught_up_while_the_edition_runs(edition_app):
    client = edition_app.test_client()
    with time_machine.travel("2024-03-06 03:00Z", tick=False):
        assert client.post(action_url("tell-a-friend"), data={"country": "IN"}).status_code == 303
    assert [(action, day) for _, action, day in check_ins(edition_app)] == [("tell-a-friend", 0)]


def test_an_unknown_action_is_a_404_and_counts_nothing(edition_app):
    client = edition_app.test_client()
    with time_machine.travel(DAY_1, tick=False):
        for action in ("no-such-action", "<script>", "x" * 500):
            response = client.post(action_url(action), data={"country": "IN"})
            assert response.status_code == 404
            assert "This edition has no such action" in response.text
            assert "<script>" not in response.text
        shared = client.post("/en/editions/test-week/check-in", data={"country": "IN"})
        assert shared.status_code == 404
    assert check_in_count(edition_app) == 0


def test_an_unknown_edition_is_a_404(edition_app):
    response = edition_app.test_client().post("/en/editions/no-such/actions/tell-a-friend")
    assert response.status_code == 404


def test_a_day_not_yet_open_is_refused_in_the_visitors_language(edition_app):
    client = edition_app.test_client()
    with time_machine.travel(DAY_1, tick=False):
        response = client.post(action_url("update-phone", "ja"), data={"country": "IN"})
    assert response.status_code == 409
    assert "2024年3月6日" in response.text and "Come back" not in response.text
    assert check_in_count(edition_app) == 0


def test_a_closed_edition_takes_no_check_in_and_keeps_what_was_done(edition_app):
    client = edition_app.test_client()
    with time_machine.travel(DAY_2, tick=False):
        client.post(action_url("tell-a-friend"), data={"country": "IN"})
    with time_machine.travel(AFTER, tick=False):
        response = client.post(action_url("update-phone"), data={"country": "IN"})
        assert response.status_code == 409
        assert "This edition has ended" in response.text
        page = client.get(EDITION).text
    assert "This edition has ended. It is kept here as it stood" in page
    assert "I did it" not in page and "1 of 5 actions done" in page
    assert check_in_count(edition_app) == 1


def test_an_edition_not_started_yet_takes_no_check_in(edition_app):
    with time_machine.travel(BEFORE, tick=False):
        response = edition_app.test_client().post(
            action_url("tell-a-friend"), data={"country": "IN"}
        )
    assert response.status_code == 409 and "It starts on March 4, 2024" in response.text
    assert check_in_count(edition_app) == 0


def test_the_country_sets_the_window(edition_app):
    """On 4 March New York's window (11-13 March) has not started; Tokyo's default one has."""
    with time_machine.travel(DAY_1, tick=False):
        us = edition_app.test_client().post(action_url("tell-a-friend"), data={"country": "US"})
        india = edition_app.test_client().post(action_url("tell-a-friend"), data={"country": "IN"})
    assert (us.status_code, india.status_code) == (409, 303)
    with time_machine.travel("2024-03-11 15:00Z", tick=False):  # 11:00 in New York
        us = edition_app.test_client().post(action_url("tell-a-friend"), data={"country": "US"})
    assert us.status_code == 303


def test_a_lesson_action_is_not_ticked_by_the_form_before_the_lesson_is_read(edition_app):
    client = edition_app.test_client()
    with time_machine.travel(DAY_1, tick=False):
        response = client.post(action_url("read-lesson"), data={"country": "IN"})
    assert response.status_code == 409
    assert "ticks itself when you do it" in response.text
    assert 'href="/en/lessons/a-lesson"' in response.text
    assert check_in_count(edition_app) == 0


def test_a_cross_site_form_is_refused_and_counts_nothing(edition_app):
    client = edition_app.test_client()
    with time_machine.travel(DAY_1, tick=False):
        forged = client.post(
            action_url("tell-a-friend"),
            data={"country": "IN"},
            headers={"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"},
        )
        no_fetch_metadata = client.post(
            action_url("tell-a-friend"), data={"country": "IN"}, headers={"Origin": "null"}
        )
    assert (forged.status_code, no_fetch_metadata.status_code) == (403, 403)
    assert check_in_count(edition_app) == 0


def test_a_tampered_form_is_a_400_with_a_message(edition_app):
    client = edition_app.test_client()
    with time_machine.travel(DAY_1, tick=False):
        bad_country = client.post(action_url("tell-a-friend"), data={"country": "XX"})
        no_country = client.post(action_url("tell-a-friend"), data={})
        robot = client.post(action_url("tell-a-friend"), data={"country": "IN", "homepage": "x"})
    assert (
        bad_country.status_code == 400 and "Choose your country from the list." in bad_country.text
    )
    assert no_country.status_code == 400 and "Choose your country." in no_country.text
    assert robot.status_code == 400 and "looked automated" in robot.text
    assert check_in_count(edition_app) == 0


def test_the_get_of_an_action_url_is_not_a_check_in(edition_app):
    response = edition_app.test_client().get(action_url("tell-a-friend"))
    assert response.status_code == 405 and check_in_count(edition_app) == 0
