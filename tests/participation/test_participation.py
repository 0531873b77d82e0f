"""Countries from CLDR, lesson completion, progress, and counts that match the rows."""

from sqlalchemy import func, select

from challenge.extensions import db
from challenge.lessons.models import LessonCompletion
from challenge.participation.countries import country_choices, country_codes
from tests.factories import submit
from tests.support.tallies import recount, stored


def test_countries_are_iso_3166_named_and_sorted_per_locale():
    assert len(country_codes()) == 249
    assert {"AU", "IN", "JP", "US"} <= country_codes() and "EU" not in country_codes()
    groups = dict(country_choices("hi"))
    assert [code for code, _ in groups["quad"]] == ["AU", "IN", "US", "JP"] or len(
        groups["quad"]
    ) == 4
    assert ("IN", "भारत") in groups["quad"]
    names = [name for _, name in dict(country_choices("en"))["all"]]
    assert names == sorted(names, key=str.casefold) or names.index("Åland Islands") < names.index(
        "Zambia"
    )
    assert ("JP", "日本") in dict(country_choices("ja"))["quad"]


def test_country_select_is_grouped_with_the_quad_first(synced):
    html = synced.test_client().get("/ja/pledges/turn-on-mfa").text
    assert html.index('<optgroup label="クアッド参加国">') < html.index(
        '<optgroup label="すべての国">'
    )
    assert '<option value="IN">インド</option>' in html


def test_marking_a_lesson_read_asks_the_country_once(synced):
    client = synced.test_client()
    page = client.get("/en/lessons/backups").text
    assert 'name="country"' in page
    response = submit(
        client, "/en/lessons/backups/done", {"country": "AU"}, page="/en/lessons/backups"
    )
    assert response.status_code == 302
    page = client.get("/en/lessons/backups").text
    assert "You marked this lesson as read on" in page
    other = client.get("/en/lessons/software-updates").text
    assert 'name="country"' not in other
    assert (
        submit(
            client, "/en/lessons/software-updates/done", {}, page="/en/lessons/software-updates"
        ).status_code
        == 302
    )
    assert (
        submit(
            client, "/en/lessons/software-updates/done", {}, page="/en/account/login"
        ).status_code
        == 302
    )
    with synced.app_context():
        assert db.session.scalar(select(func.count()).select_from(LessonCompletion)) == 2
        assert recount() == stored()
    listing = client.get("/en/lessons/").text
    assert listing.count('class="done"') == 2


def test_lesson_completion_needs_a_valid_country_at_first(synced):
    client = synced.test_client()
    response = submit(
        client, "/en/lessons/backups/done", {"country": "ZZ"}, page="/en/lessons/backups"
    )
    assert response.status_code == 400 and "Choose your country from the list." in response.text


def test_progress_page_shows_pledges_and_lessons(synced):
    client = synced.test_client()
    assert "You have not taken part yet" in client.get("/en/me").text
    submit(client, "/en/pledges/install-updates", {"country": "US"})
    submit(client, "/en/lessons/backups/done", {}, page="/en/lessons/backups")
    page = client.get("/ja/me").text
    assert "アップデート" in page
    assert "バックアップ" in page
    assert "アメリカ合衆国" in page


def test_counts_match_rows_after_many_writes(synced):
    countries = ["IN", "JP", "AU", "US", "IN", "ID"]
    pledges = ["turn-on-mfa", "install-updates", "back-up-data"]
    for n, country in enumerate(countries):
        client = synced.test_client()
        for slug in pledges[: n % 3 + 1]:
            submit(client, f"/en/pledges/{slug}", {"country": country})
        submit(client, "/en/lessons/backups/done", {}, page="/en/lessons/backups")
        submit(
            client, "/en/pledges/turn-on-mfa", {"country": country}, page="/en/account/login"
        )  # a duplicate
    with synced.app_context():
        counted = stored()
        assert counted == recount()
        assert counted[("participants", "all")] == 6
        assert counted[("participants", "country:IN")] == 2
        assert counted[("points", "all")] == (1 + 2 + 3 + 1 + 2 + 3) * 10 + 6 * 5


def test_the_remembered_country_is_not_asked_again(synced):
    from tests.factories import submit

    client = synced.test_client()
    submit(client, "/en/pledges/turn-on-mfa", {"country": "IN"})
    page = client.get("/en/pledges/install-updates").text
    assert 'name="country"' not in page  # changed on "My progress" instead
    me = client.get("/en/me").text
    assert me.count('value="IN" selected') + me.count('selected value="IN"') == 1
