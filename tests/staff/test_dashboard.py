"""The campaign dashboard: totals, the last 30 days by country as an SVG chart with its table,
the most-read lessons, the quiz questions most often answered wrong, and CSV exports."""

import csv
import io

from sqlalchemy import event, select

from challenge.accounts.models import Account
from challenge.content.loader import load_tree
from challenge.content.operations import sync_tree
from challenge.extensions import db
from challenge.staff.dashboard import queries
from tests.factories import submit
from tests.staff.builders import make_organisation
from tests.staff.support import staff_client
from tests.support.quizzes import answer_sheet, send
from tests.support.tallies import fold_pending

QUIZ = "/en/quizzes/spotting-phishing"


def take_part(app, country: str, *, wrong=()):
    client = app.test_client()
    submit(client, "/en/pledges/turn-on-mfa", {"country": country})
    submit(client, "/en/lessons/backups/done", {}, page="/en/lessons/backups")
    assert send(client, answer_sheet(app, wrong=wrong), url=QUIZ, country=None).status_code == 302
    fold_pending(app)  # the pledge's counts, as the job worker folds them
    return client


def campaign(app):
    take_part(app, "IN", wrong=("parcel-text",))
    take_part(app, "IN", wrong=("parcel-text", "signs"))
    take_part(app, "JP")
    make_organisation(app, "verified-org")
    make_organisation(app, "new-org", verified=False)


def test_the_dashboard_shows_totals_days_countries_lessons_and_missed_questions(synced):
    campaign(synced)
    page = staff_client(synced, "analyst").get("/staff/dashboard")
    assert page.status_code == 200
    html = page.text
    assert "Campaign dashboard" in html and "style=" not in html and "<script" not in html
    totals = html[html.index('id="totals-heading"') : html.index('id="daily-heading"')]
    assert "<dt>Participants</dt><dd>3</dd>" in totals
    assert "<dt>Organisations</dt><dd>2</dd>" in totals
    assert "<dt>Verified organisations</dt><dd>1</dd>" in totals
    # The chart is inline SVG drawn with CSS classes, and its figures are in a table.
    assert '<svg viewBox="0 0 640 220" role="img"' in html and 'class="org-chart-bar"' in html
    assert "New participants per day in all countries" in html
    assert '<caption id="daily-caption">Participation per day in all countries</caption>' in html
    assert html.count('<th scope="row"><time datetime=') == queries.DAYS
    assert (
        '<option value="IN">India</option>' in html and 'href="/staff/dashboard?country=JP"' in html
    )
    countries = html[html.index('id="countries-caption"') :]
    assert countries.index("India") < countries.index("Japan")  # 2 new participants before 1
    lessons = html[html.index('id="lessons-caption"') :]
    assert lessons.index("Back up what matters") < lessons.index("</tbody>")
    questions = html[html.index('id="questions-caption"') :]
    assert questions.index("A parcel you were not expecting") < questions.index(
        "Signs of a phishing message"
    )
    assert "Download this table as CSV" in html


def test_one_country_at_a_time(synced):
    campaign(synced)
    analyst = staff_client(synced, "analyst")
    japan = analyst.get("/staff/dashboard?country=jp").text
    assert "New participants per day in Japan" in japan
    assert '<option value="JP" selected>Japan</option>' in japan
    with synced.app_context():
        days = queries.daily("JP")
        assert sum(day.participants for day in days) == 1 and days[-1].pledges == 1
        assert sum(day.participants for day in queries.daily()) == 3
    unknown = analyst.get("/staff/dashboard?country=ZZ")
    assert unknown.status_code == 200 and "in all countries" in unknown.text


def test_missed_questions_are_read_from_the_answer_tallies_in_one_query(synced):
    campaign(synced)
    with synced.app_context():
        statements = []
        engine = db.engine

        def count(*_args):
            statements.append(1)

        event.listen(engine, "before_cursor_execute", count)
        try:
            counts = queries.answer_counts()
        finally:
            event.remove(engine, "before_cursor_execute", count)
        assert len(statements) == 1
        assert sum(n for _item, key, _value, n in counts if key == "parcel-text") == 3
        rows = {row.question_id: row for row in queries.wrong_answers("en")}
        parcel, signs, bank = rows["parcel-text"], rows["signs"], rows["bank-call"]
        assert (parcel.attempts, parcel.wrong) == (3, 2) and round(parcel.wrong_rate, 2) == 0.67
        assert (signs.attempts, signs.wrong, bank.wrong) == (3, 1, 0)
        assert queries.wrong_answers("en")[0].question_id == "parcel-text"
        assert str(queries.wrong_answers("hi")[0].title).startswith("ऐसा पार्सल")


def test_staff_read_the_dashboard_in_their_own_language(synced):
    campaign(synced)
    analyst = staff_client(synced, "analyst")
    with synced.app_context():
        found = db.session.scalar(
            select(Account).where(Account.email == "analyst@campaign.example")
        )
        found.locale = "hi"
        db.session.commit()
    page = analyst.get("/staff/dashboard").text
    assert '<html lang="hi"' in page and "ऐसा पार्सल जिसकी आपको उम्मीद नहीं थी" in page
    assert '<option value="IN">भारत</option>' in page


def rows_of(response) -> list[list[str]]:
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["Cache-Control"] == "no-store"
    return list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


def test_every_table_exports_as_csv(synced):
    campaign(synced)
    analyst = staff_client(synced, "analyst")
    totals = rows_of(analyst.get("/staff/dashboard/totals.csv"))
    assert totals[0] == ["Figure", "Value"] and ["Participants", "3"] in totals
    daily = rows_of(analyst.get("/staff/dashboard/daily.csv?country=IN"))
    assert len(daily) == 1 + queries.DAYS and daily[-1][1:3] == ["India", "2"]
    countries = rows_of(analyst.get("/staff/dashboard/countries.csv"))
    assert countries[1][:3] == ["IN", "India", "2"]
    lessons = rows_of(analyst.get("/staff/dashboard/lessons.csv"))
    assert lessons[1] == ["Back up what matters", "backups", "3", "3"]
    questions = rows_of(analyst.get("/staff/dashboard/questions.csv"))
    assert questions[0][-1] == "Wrong answers (%)"
    assert questions[1][3:] == ["parcel-text", "3", "2", "66.7"]
    assert analyst.get("/staff/dashboard/passwords.csv").status_code == 404


def test_moderators_see_the_dashboard_but_export_nothing(synced):
    moderator = staff_client(synced, "moderator")
    page = moderator.get("/staff/dashboard")
    assert page.status_code == 200 and "Download this table as CSV" not in page.text
    assert moderator.get("/staff/dashboard/totals.csv").status_code == 403


def test_exports_neutralise_spreadsheet_formulas(make_app, content):
    content.lesson("formula", title='=HYPERLINK("https://evil.example")')
    content.quiz("a-quiz", lesson="formula", title="+cmd")
    app = make_app()
    with app.app_context():
        tree = load_tree(content.root, ("en", "hi", "ja"), "en")
        assert not tree.errors, tree.errors
        sync_tree(tree, "en")
    analyst = staff_client(app, "analyst")
    client = app.test_client()
    submit(client, "/en/lessons/formula/done", {}, page="/en/lessons/formula")
    lessons = rows_of(analyst.get("/staff/dashboard/lessons.csv"))
    assert lessons[1][0] == '\'=HYPERLINK("https://evil.example")'
    assert (
        send(
            client,
            answer_sheet(app, "a-quiz", wrong=("parcel",)),
            url="/en/quizzes/a-quiz",
            country="IN",
        ).status_code
        == 302
    )
    questions = rows_of(analyst.get("/staff/dashboard/questions.csv"))
    assert questions[1][0] == "'+cmd" and questions[1][1] == "A parcel text"
