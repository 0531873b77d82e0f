"""The edition's "add to calendar" file: one all-day event per day in the visitor's window, in
their language, with a link back; parsed with the icalendar library, as a calendar would."""

import datetime as dt

import pytest
import time_machine
from icalendar import Calendar

from tests.support.editions import DAY_1, action_url

REAL = "quad-cyber-challenge-2024"


def calendar_of(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, response.text
    return response, Calendar.from_ical(response.data)


def events(calendar) -> list:
    return list(calendar.walk("VEVENT"))


def starts(calendar) -> list[dt.date]:
    return [event.decoded("dtstart") for event in events(calendar)]


def test_the_file_has_one_event_a_day_with_the_days_actions_and_a_link_back(synced):
    client = synced.test_client()
    response, calendar = calendar_of(client, f"/en/editions/{REAL}/calendar.ics")
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.headers["Content-Disposition"] == f'attachment; filename="{REAL}.ics"'
    assert "public" in response.headers["Cache-Control"]
    assert b"\r\n" in response.data and b"\n" not in response.data.replace(b"\r\n", b"")
    assert max(len(line) for line in response.data.split(b"\r\n")) <= 75  # folded
    assert calendar["VERSION"] == "2.0" and "Quad Cyber Challenge" in calendar["PRODID"]
    found = events(calendar)
    assert len(found) == 5
    first = found[0]
    assert first.decoded("dtstart") == dt.date(2024, 10, 21)  # the default window
    assert first.decoded("dtend") == dt.date(2024, 10, 22)
    assert isinstance(first.decoded("dtstamp"), dt.datetime)
    assert str(first["SUMMARY"]) == ("Quad Cyber Challenge 2024, day 1 of 5: Solve a cyber puzzle")
    description = str(first["DESCRIPTION"])
    assert "Try one beginner cyber security challenge" in description
    assert "Phishing and scams quiz" in description  # a quiz action: its quiz's title
    link = f"http://localhost/en/editions/{REAL}#day-1"
    assert str(first["URL"]) == link and link in description
    assert str(found[4]["URL"]).endswith("#day-5")
    assert len({str(event["UID"]) for event in found}) == 5
    # the link is on the edition page, and it leads to this file
    page = client.get(f"/en/editions/{REAL}").text
    assert f'href="/en/editions/{REAL}/calendar.ics"' in page and "Add to calendar" in page


@pytest.mark.parametrize(
    ("country", "first_day", "file_name"),
    [
        ("us", dt.date(2024, 10, 7), f"{REAL}-us.ics"),
        ("JP", dt.date(2024, 10, 11), f"{REAL}-jp.ics"),
        ("au", dt.date(2024, 10, 21), f"{REAL}-au.ics"),
        ("in", dt.date(2024, 10, 29), f"{REAL}-in.ics"),
        ("fr", dt.date(2024, 10, 21), f"{REAL}.ics"),  # no window of its own: the default one
    ],
)
def test_the_days_fall_on_the_local_dates_of_the_countrys_window(
    synced, country, first_day, file_name
):
    response, calendar = calendar_of(
        synced.test_client(), f"/en/editions/{REAL}/calendar.ics?country={country}"
    )
    assert starts(calendar) == [first_day + dt.timedelta(days=n) for n in range(5)]
    assert file_name in response.headers["Content-Disposition"]


def test_the_file_is_in_the_readers_language_with_the_same_uids(synced):
    client = synced.test_client()
    _, english = calendar_of(client, f"/en/editions/{REAL}/calendar.ics")
    _, hindi = calendar_of(client, f"/hi/editions/{REAL}/calendar.ics?country=in")
    _, japanese = calendar_of(client, f"/ja/editions/{REAL}/calendar.ics?country=jp")
    assert "एक साइबर पहेली हल करें" in str(events(hindi)[0]["SUMMARY"])
    assert "क्वाड साइबर चैलेंज 2024" in str(events(hindi)[0]["SUMMARY"])
    assert "サイバーパズルに挑戦する" in str(events(japanese)[0]["SUMMARY"])
    assert "初心者向けのサイバーセキュリティ問題を1つ解いてみる" in str(
        events(japanese)[0]["DESCRIPTION"]
    )
    assert str(events(japanese)[0]["URL"]) == f"http://localhost/ja/editions/{REAL}#day-1"
    for other in (hindi, japanese):
        summary = str(events(other)[0]["SUMMARY"])
        assert "day 1 of 5" not in summary  # the frame around the titles is translated too
        assert [str(e["UID"]) for e in events(other)] == [str(e["UID"]) for e in events(english)]


def test_a_participant_gets_their_saved_countrys_window_in_a_private_answer(edition_app):
    client = edition_app.test_client()
    with time_machine.travel("2024-03-11 15:00Z", tick=False):  # day 1 in New York
        assert client.post(action_url("tell-a-friend"), data={"country": "US"}).status_code == 303
        response, calendar = calendar_of(client, "/en/editions/test-week/calendar.ics")
    assert starts(calendar) == [dt.date(2024, 3, 11), dt.date(2024, 3, 12), dt.date(2024, 3, 13)]
    assert "public" not in response.headers["Cache-Control"]
    with time_machine.travel(DAY_1, tick=False):
        _, asked = calendar_of(client, "/en/editions/test-week/calendar.ics?country=ki")
    assert starts(asked)[0] == dt.date(2024, 3, 4)
    assert "America/New_York" not in str(events(asked)[0]["DESCRIPTION"])
    assert "Pacific/Kiritimati" in str(events(asked)[0]["DESCRIPTION"])


@pytest.mark.parametrize("country", ["usa", "1", "<script>", "u%20"])
def test_a_malformed_country_is_refused_without_a_server_error(synced, country):
    response = synced.test_client().get(f"/en/editions/{REAL}/calendar.ics?country={country}")
    assert response.status_code == 400
    assert "Bad request" in response.text


def test_an_unknown_edition_is_not_found(synced):
    assert synced.test_client().get("/en/editions/no-such-edition/calendar.ics").status_code == 404
