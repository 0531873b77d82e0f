"""The console's editions list: status, dates and live totals, for the roles that see figures."""

import time_machine
from sqlalchemy import select

from challenge.accounts.models import Account
from challenge.extensions import db
from tests.staff.support import account, staff_client
from tests.support.editions import DAY_2, finish_days, participant_ids, sync_fixture


def with_check_ins(app):
    sync_fixture(app)
    for person in participant_ids(app, 2, "JP"):
        finish_days(app, person, (0, 1))
    finish_days(app, participant_ids(app, 1, "IN")[0], (0,), country="IN")
    return app


@time_machine.travel(DAY_2, tick=False)
def test_the_list_shows_status_dates_and_live_totals(app):
    with_check_ins(app)
    client = staff_client(app, "analyst")
    home = client.get("/staff/")
    assert 'href="/staff/editions"' in home.text
    page = client.get("/staff/editions")
    assert page.status_code == 200
    assert page.headers["Cache-Control"] == "no-store"
    text = page.text
    assert "Test Week" in text and "test-week" in text
    assert (
        "Running now" in text and "Coming up" in text
    )  # the default window runs; the US one is to come
    assert "Asia/Tokyo" in text and "America/New_York" in text
    assert "March 4, 2024" in text
    # Exact figures for staff: 3 participants, 2 completions; Japan 2 / 2, India 1 / 0.
    assert '<td class="number">3</td>' in text and '<td class="number">2</td>' in text
    assert "Japan: 2 / 2" in text and "India: 1 / 0" in text
    # Day by day: 3 on day 1 (none lost from the start), 2 on day 2 (one fewer), none on day 3.
    assert "<li>Day 1: 3 (0)</li>" in text and "<li>Day 2: 2 (1)</li>" in text
    assert "<li>Day 3: 0 (2)</li>" in text


def test_the_figures_follow_new_check_ins(app):
    sync_fixture(app)
    client = staff_client(app, "admin")
    assert '<td class="number">0</td>' in client.get("/staff/editions").text
    finish_days(app, participant_ids(app, 1, "JP")[0], (0, 1))
    assert "Japan: 1 / 1" in client.get("/staff/editions").text


def test_the_page_speaks_the_staff_members_language(app):
    sync_fixture(app)
    client = staff_client(app, "moderator")
    with app.app_context():
        found = db.session.scalar(
            select(Account).where(Account.email == "moderator@campaign.example")
        )
        found.locale = "ja"
        db.session.commit()
    page = client.get("/staff/editions")
    assert page.status_code == 200
    assert "<h1>開催回</h1>" in page.text and "国別：参加者 / 修了者" in page.text


def test_only_roles_that_see_figures_get_in(app):
    sync_fixture(app)
    assert staff_client(app, "translator").get("/staff/editions").status_code == 403
    assert (
        "/staff/editions"
        not in staff_client(app, "translator", email="t2@campaign.example").get("/staff/").text
    )
    assert account(app, "someone@example.org").get("/staff/editions").status_code == 403
    response = app.test_client().get("/staff/editions")
    assert response.status_code == 302 and "/account/login" in response.headers["Location"]
