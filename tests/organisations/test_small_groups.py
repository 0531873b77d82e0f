"""An organisation's admins cannot read one member's actions or quiz score from a small group.

With PRIVACY_MIN_GROUP = 3: below three members the dashboard and its CSV hold back what members
have done; below three quiz takers they hold back the pass rate and the average score.
"""

import csv
import io

import pytest
from flask_babel import force_locale, ngettext

from tests.factories import submit
from tests.organisations.support import join, staff
from tests.support.quizzes import answer_sheet, questions, send

HELD_BACK = "What members have done appears once 3 people have joined"
SCORES_HELD_BACK = "The pass rate and average score appear once 3 members have taken a quiz"


def member(app, slug, *, quiz: bool, wrong: int = 0, **joining):
    """A new member who took a pledge and, if `quiz`, a quiz with `wrong` answers wrong."""
    client = app.test_client()
    submit(client, "/en/pledges/turn-on-mfa", {"country": "IN"})
    if quiz:
        mistakes = [question["id"] for question in questions(app)[:wrong]]
        send(client, answer_sheet(app, wrong=mistakes), country=None)
    join(app, client, slug, **joining)
    return client


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.text.lstrip("\ufeff"))))


def test_below_the_threshold_only_membership_is_shown(small_groups):
    app, slug, owner = small_groups
    member(app, slug, quiz=True, wrong=2, display_name="Asha", share_name="y")
    member(app, slug, quiz=False)
    page = owner.get(f"/en/orgs/{slug}/dashboard").text
    assert "<dt>Members</dt><dd>2</dd>" in page
    assert HELD_BACK in page
    for withheld in ("Pledges taken", "Quiz attempts", "Average score", "Pass rate", "Day by day"):
        assert withheld not in page
    assert "Asha" in page  # she agreed to show her name to the admins
    rows = csv_rows(owner.get(f"/en/orgs/{slug}/export.csv"))
    items = {item for _section, item, _value in rows}
    assert "Members" in items and "Not shown" in items
    assert not items & {"Pledges taken", "Quiz attempts", "Pass rate (%)", "Average score (%)"}
    assert not any(section in {"Pledges", "Pledges, per day"} for section, _i, _v in rows)


def test_one_quiz_taker_among_enough_members_keeps_their_score(small_groups):
    app, slug, owner = small_groups
    taker = member(app, slug, quiz=True, wrong=3)
    send(taker, answer_sheet(app), country=None)  # attempts, however many, are one person's
    member(app, slug, quiz=False)
    member(app, slug, quiz=False)
    page = owner.get(f"/en/orgs/{slug}/dashboard").text
    assert HELD_BACK not in page and "<dt>Pledges taken</dt><dd>3</dd>" in page
    assert "<dt>Quiz attempts</dt><dd>2</dd>" in page
    assert SCORES_HELD_BACK in page
    assert "Average score" not in page and "Pass rate" not in page
    items = {item for _s, item, _v in csv_rows(owner.get(f"/en/orgs/{slug}/export.csv"))}
    assert "Pass rate and average score not shown" in items
    assert not items & {"Pass rate (%)", "Average score (%)"}


def test_enough_quiz_takers_show_the_scores(small_groups):
    app, slug, owner = small_groups
    for wrong in (0, 0, 3):
        member(app, slug, quiz=True, wrong=wrong)
    page = owner.get(f"/en/orgs/{slug}/dashboard").text
    assert HELD_BACK not in page and SCORES_HELD_BACK not in page
    assert "<dt>Average score</dt>" in page and "<dt>Pass rate</dt>" in page
    items = {item for _s, item, _v in csv_rows(owner.get(f"/en/orgs/{slug}/export.csv"))}
    assert {"Pass rate (%)", "Average score (%)"} <= items


def test_staff_see_the_same_figures_held_back(small_groups):
    app, slug, _owner = small_groups
    member(app, slug, quiz=True)
    analyst = staff(app, "analyst@example.org", "analyst")
    page = analyst.get(f"/en/orgs/{slug}/dashboard").text
    assert HELD_BACK in page and "Average score" not in page


@pytest.mark.parametrize("locale", ["hi", "ja"])
def test_the_note_is_in_the_pages_language(small_groups, locale):
    app, slug, owner = small_groups
    member(app, slug, quiz=True)
    with app.test_request_context(f"/{locale}/"), force_locale(locale):
        note = ngettext(
            "What members have done appears once %(num)s person has joined, so that no one's "
            "actions can be singled out.",
            "What members have done appears once %(num)s people have joined, so that no one's "
            "actions can be singled out.",
            3,
        )
    assert HELD_BACK not in note  # translated, not the English source
    page = owner.get(f"/{locale}/orgs/{slug}/dashboard").text
    assert f'<html lang="{locale}"' in page
    assert str(note).replace("'", "&#39;") in page and HELD_BACK not in page
