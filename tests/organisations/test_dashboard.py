"""The dashboard's figures equal the rows, in the page's language; the CSV; the public page."""

import csv
import datetime as dt
import io

import pytest
from babel.dates import format_date
from sqlalchemy import func, select, update

from challenge.clock import utcnow
from challenge.extensions import db
from challenge.lessons.models import LessonCompletion
from challenge.organisations.dashboard import daily, dashboard
from challenge.participation.models import Participant
from challenge.participation.organisations import Organisation
from challenge.pledges.models import PledgeTaken
from challenge.quizzes.models import QuizAttempt
from tests.factories import submit
from tests.organisations.support import join, organisation, staff
from tests.support.quizzes import answer_sheet, questions, send


@pytest.fixture
def org_showing_everything(org):
    """The organisation, with its figures shown however few take part (these tests use one to three).
    tests/organisations/test_small_groups.py checks what the default threshold holds back."""
    org[0].config["PRIVACY_MIN_GROUP"] = 1
    return org


def populate(app, slug):
    """Three members doing different things, and an outsider who is not counted."""
    first, second, third, outsider = (app.test_client() for _ in range(4))
    for client in (first, second, third, outsider):
        submit(client, "/en/pledges/turn-on-mfa", {"country": "IN"})
    submit(first, "/en/pledges/install-updates", {"country": "IN"})
    submit(first, "/en/lessons/backups/done", {}, page="/en/lessons/backups")
    send(first, answer_sheet(app), country=None)
    wrong = [question["id"] for question in questions(app)[:3]]
    send(second, answer_sheet(app, wrong=wrong), country=None)
    send(second, answer_sheet(app), country=None)
    send(outsider, answer_sheet(app), country=None)
    join(app, first, slug, display_name="Asha", share_name="y")
    join(app, second, slug, display_name='=HYPERLINK("https://evil.example")', share_name="y")
    join(app, third, slug, display_name="Hidden Person")
    return first, second, third


def row_figures(app, organisation_id: int) -> dict:
    """The same figures, counted from the rows."""
    members = select(Participant.id).where(Participant.organisation_id == organisation_id)
    with app.app_context():

        def rows(model, *where):
            return db.session.scalar(
                select(func.count())
                .select_from(model)
                .where(model.participant_id.in_(members), *where)
            )

        attempts = db.session.scalars(
            select(QuizAttempt).where(QuizAttempt.participant_id.in_(members))
        ).all()
        per_pledge = dict(
            db.session.execute(
                select(PledgeTaken.item_id, func.count())
                .where(PledgeTaken.participant_id.in_(members))
                .group_by(PledgeTaken.item_id)
            ).all()
        )
        return {
            "members": db.session.scalar(select(func.count()).select_from(members.subquery())),
            "pledges": rows(PledgeTaken),
            "lessons": rows(LessonCompletion),
            "quiz_attempts": len(attempts),
            "quiz_passes": sum(attempt.first_pass for attempt in attempts),
            "pass_rate": sum(a.passed for a in attempts) / len(attempts),
            "average_score": sum(a.percent for a in attempts) / len(attempts) / 100,
            "per_pledge": per_pledge,
        }


def test_the_dashboard_figures_equal_the_rows(org_showing_everything):
    app, slug, owner = org_showing_everything
    populate(app, slug)
    found = organisation(app, slug)
    expected = row_figures(app, found.id)
    assert expected["members"] == 3 and expected["pledges"] == 4 and expected["quiz_attempts"] == 3
    with app.test_request_context("/en/"):
        figures = dashboard(db.session.get(Organisation, found.id), "en", with_names=True)
        assert figures.members == expected["members"]
        assert figures.pledges == expected["pledges"]
        assert figures.lessons == expected["lessons"]
        assert figures.quiz_attempts == expected["quiz_attempts"]
        assert figures.quiz_passes == expected["quiz_passes"]
        assert figures.pass_rate == pytest.approx(expected["pass_rate"])
        assert figures.average_score == pytest.approx(expected["average_score"])
        assert figures.rate == pytest.approx(3 / 200)
        assert {
            entry.shown.item.id: entry.count for entry in figures.pledge_counts if entry.count
        } == expected["per_pledge"]
        assert sum(day.pledges for day in figures.days) == expected["pledges"]
        assert sum(day.members for day in figures.days) == expected["members"]
        assert [name for name, _joined in figures.names] == [
            '=HYPERLINK("https://evil.example")',
            "Asha",
        ]
    page = owner.get(f"/en/orgs/{slug}/dashboard")
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    assert "<dt>Participation rate</dt><dd>1.5%</dd>" in page.text
    assert "<dt>Pass rate</dt><dd>66.7%</dd>" in page.text
    assert "<bdi>Asha</bdi>" in page.text and "Hidden Person" not in page.text
    assert "@" not in page.text.split("<main", 1)[1].split("Join link", 1)[0]  # no addresses
    assert 'role="img" aria-labelledby="chart-title chart-desc"' in page.text
    assert '<table class="daily">' in page.text and " style=" not in page.text


def test_the_dashboard_is_in_the_pages_language(org_showing_everything):
    app, slug, owner = org_showing_everything
    submit(
        owner,
        f"/en/orgs/{slug}/settings",
        {
            "name": "Ministry of Examples",
            "country": "IN",
            "sector": "government",
            "headcount": "100000",
            "goal_percent": "50",
        },
    )
    join(app, app.test_client(), slug)
    today = utcnow().date()
    hindi = owner.get(f"/hi/orgs/{slug}/dashboard").text
    assert '<html lang="hi"' in hindi and "1,00,000" in hindi
    assert format_date(today, "medium", locale="hi") in hindi
    japanese = owner.get(f"/ja/orgs/{slug}/dashboard").text
    assert '<html lang="ja"' in japanese and "100,000" in japanese
    assert format_date(today, "medium", locale="ja") in japanese
    assert '<progress id="goal-progress" max="100" value="0.0">' in japanese


def test_goal_progress_is_shown(org_showing_everything):
    app, slug, owner = org_showing_everything
    submit(
        owner,
        f"/en/orgs/{slug}/settings",
        {
            "name": "Ministry of Examples",
            "country": "IN",
            "sector": "government",
            "headcount": "4",
            "goal_percent": "50",
        },
    )
    join(app, app.test_client(), slug)
    page = owner.get(f"/en/orgs/{slug}/dashboard").text
    assert "Progress towards your goal of 50%" in page
    assert '<progress id="goal-progress" max="100" value="50.0">' in page


def test_the_daily_series_starts_with_the_first_activity_and_keeps_90_days(org_showing_everything):
    app, slug, _owner = org_showing_everything
    member = app.test_client()
    submit(member, "/en/pledges/turn-on-mfa", {"country": "IN"})
    today = utcnow().date()
    with app.app_context():
        db.session.execute(update(PledgeTaken).values(created_at=utcnow() - dt.timedelta(days=20)))
        db.session.commit()
    join(app, member, slug)
    with app.app_context():
        found = db.session.get(Organisation, organisation(app, slug).id)
        days = daily(found)
        assert days[0].day == today - dt.timedelta(days=20) and days[-1].day == today
        assert days[0].pledges == 1 and days[-1].members == 1
        found.created_at = utcnow() - dt.timedelta(days=400)
        days = daily(found)
        assert len(days) == 90 and days[0].day == today - dt.timedelta(days=89)


def parse(response) -> list[list[str]]:
    assert response.data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))


def test_the_csv_has_the_aggregates_and_only_consenting_names(org_showing_everything):
    app, slug, owner = org_showing_everything
    populate(app, slug)
    response = owner.get(f"/en/orgs/{slug}/export.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="{slug}-participation.csv"'
    )
    assert response.headers["Cache-Control"] == "no-store"
    rows = parse(response)
    assert rows[0] == ["Section", "Item", "Value"]
    values = {(section, item): value for section, item, value in rows[1:]}
    assert values[("Totals", "Members")] == "3"
    assert values[("Totals", "Pledges taken")] == "4"
    assert values[("Totals", "Quiz attempts")] == "3"
    assert values[("Totals", "Participation rate (%)")] == "1.5"
    assert values[("Pledges", "Turn on multi-factor authentication")] == "3"
    names = [item for section, item, _ in rows if section == "Members who share their name"]
    assert names == ['\'=HYPERLINK("https://evil.example")', "Asha"]
    assert "Hidden Person" not in response.text and "@example" not in response.text


def test_staff_see_the_figures_but_not_the_names(org_showing_everything):
    app, slug, _owner = org_showing_everything
    populate(app, slug)
    analyst = staff(app, "analyst@campaign.example", "analyst")
    page = analyst.get(f"/en/orgs/{slug}/dashboard")
    assert page.status_code == 200 and "campaign staff" in page.text
    assert "Asha" not in page.text and "Join link" not in page.text
    rows = parse(analyst.get(f"/en/orgs/{slug}/export.csv"))
    assert ("Totals", "Members", "3") in {tuple(row) for row in rows}
    assert not [row for row in rows if row[0] == "Members who share their name"]


def test_the_csv_speaks_the_pages_language(org_showing_everything):
    app, slug, owner = org_showing_everything
    join(app, app.test_client(), slug)
    rows = parse(owner.get(f"/ja/orgs/{slug}/export.csv"))
    titles = [item for section, item, _ in rows if section not in {rows[1][0]}]
    assert any("多要素認証" in title for title in titles)


def test_public_figures_appear_only_past_the_privacy_threshold(small_groups):
    app, slug, _owner = small_groups
    visitor = app.test_client()
    for _ in range(2):
        member = app.test_client()
        submit(member, "/en/pledges/turn-on-mfa", {"country": "IN"})
        join(app, member, slug)
    page = visitor.get(f"/en/orgs/{slug}").text
    assert "Figures appear once 3 people have joined." in page and "Pledges taken" not in page
    join(app, app.test_client(), slug)
    page = visitor.get(f"/en/orgs/{slug}").text
    assert "Figures appear once" not in page
    assert "<dt>Members</dt><dd>3</dd>" in page and "<dt>Pledges taken</dt><dd>2</dd>" in page


def test_the_default_threshold_is_ten(org):
    app, slug, _owner = org
    join(app, app.test_client(), slug)
    page = app.test_client().get(f"/en/orgs/{slug}").text
    assert "Figures appear once 10 people have joined." in page
