"""Joining with the link or a pledge's join code; replacing the link; the email domain rule."""

import datetime as dt

import pytest
from sqlalchemy import select, update

from challenge.extensions import db
from challenge.lessons.models import LessonCompletion
from challenge.participation import tallies
from challenge.participation.models import Participant
from challenge.pledges.models import PledgeTaken
from challenge.quizzes.models import QuizAttempt
from tests.factories import submit
from tests.organisations.support import (
    account,
    counts_match,
    join,
    join_url,
    member_of,
    org_tally,
    organisation,
    registered,
    take_part,
)
from tests.support.tallies import stored_daily


def test_opening_the_link_changes_nothing(org):
    app, slug, _owner = org
    visitor = app.test_client()
    page = visitor.get(join_url(app, slug))
    assert page.status_code == 200
    assert "Join Ministry of Examples" in page.text and 'name="country"' in page.text
    assert page.headers["Cache-Control"] == "no-store"
    assert page.headers["Referrer-Policy"] == "no-referrer"
    assert "noindex" in page.headers["X-Robots-Tag"]
    assert "qcc_participant" not in page.headers.get("Set-Cookie", "")
    assert member_of(app) == []


def test_a_new_visitor_joins_and_is_counted(org):
    app, slug, _owner = org
    visitor = app.test_client()
    response = join(app, visitor, slug, country="JP")
    assert response.status_code == 302 and response.headers["Location"] == "/en/me#organisation"
    found = organisation(app, slug)
    assert member_of(app) == [(found.id, False)]
    progress = visitor.get("/en/me").text
    assert "You are now a member of Ministry of Examples" in progress
    assert "Leave <bdi>Ministry of Examples</bdi>" in progress
    assert org_tally(app, slug, "participants") == 1
    with app.app_context():
        assert tallies.read_one("participants", "country:JP") == 1
    counts_match(app)
    again = visitor.get(join_url(app, slug))
    assert "You are already a member of <bdi>Ministry of Examples</bdi>" in again.text


def test_joining_brings_everything_done_before_on_its_own_days(org):
    app, slug, _owner = org
    visitor = app.test_client()
    take_part(app, visitor)
    last_week = dt.datetime(2026, 1, 5, 9, 30)
    with app.app_context():
        for model in (PledgeTaken, LessonCompletion, QuizAttempt):
            db.session.execute(update(model).values(created_at=last_week))
        db.session.commit()
    join(app, visitor, slug)
    assert org_tally(app, slug, "pledges") == 1
    assert org_tally(app, slug, "lessons") == 1
    assert org_tally(app, slug, "quiz_passes") == 1
    assert org_tally(app, slug, "quiz_attempts") == 1
    assert org_tally(app, slug, "points") == sum(tallies.POINTS.values())
    counts_match(app)
    with app.app_context():
        days = {key[2] for key in stored_daily() if key[0] == "pledges"}
    assert days == {last_week.date()}
    # What members do next is counted in the organisation straight away.
    submit(visitor, "/en/pledges/install-updates", {"country": "IN"})
    assert org_tally(app, slug, "pledges") == 2
    counts_match(app)


def test_a_rotated_link_stops_working(org):
    app, slug, owner = org
    old = join_url(app, slug)
    response = submit(owner, f"/en/orgs/{slug}/join-code", {}, page=f"/en/orgs/{slug}/dashboard")
    assert response.status_code == 302
    assert "There is a new join link" in owner.get(response.headers["Location"]).text
    new = join_url(app, slug)
    assert new != old
    refused = app.test_client().get(old)
    assert refused.status_code == 404 and "This join link does not work" in refused.text
    assert app.test_client().get(new).status_code == 200
    assert join(app, app.test_client(), slug).status_code == 302


def test_an_unknown_code_is_a_clear_404(org):
    app, _slug, _owner = org
    for code in ("not-a-code", "x" * 300):
        response = app.test_client().get(f"/en/join/{code}")
        assert response.status_code == 404 and "This join link does not work" in response.text


@pytest.fixture
def domain_only(org):
    app, slug, owner = org
    submit(
        owner,
        f"/en/orgs/{slug}/settings",
        {
            "name": "Ministry of Examples",
            "country": "IN",
            "sector": "government",
            "headcount": "200",
            "email_domain": "example.gov.in",
            "domain_only": "y",
        },
    )
    assert organisation(app, slug).domain_only
    return org


def test_domain_only_refuses_visitors_without_a_matching_confirmed_address(domain_only):
    app, slug, _owner = domain_only
    url = join_url(app, slug)
    anonymous = app.test_client().get(url)
    assert anonymous.status_code == 403
    assert "example.gov.in" in anonymous.text and f"/en/account/login?next={url}" in anonymous.text
    unconfirmed = account(app, "new@example.gov.in", verified=False).get(url)
    assert unconfirmed.status_code == 403 and "not confirmed yet" in unconfirmed.text
    elsewhere = account(app, "someone@gmail.example")
    assert elsewhere.get(url).status_code == 403
    posted = submit(elsewhere, url, {"country": "IN"}, page="/en/account/")
    assert posted.status_code == 403
    subdomain = account(app, "student@students.example.gov.in")
    assert subdomain.get(url).status_code == 403
    assert member_of(app) == []


def test_domain_only_admits_confirmed_addresses_in_the_domain(domain_only):
    app, slug, _owner = domain_only
    colleague = account(app, "colleague@Example.gov.in")
    assert colleague.get(join_url(app, slug)).status_code == 200
    assert join(app, colleague, slug).status_code == 302
    assert member_of(app) == [(organisation(app, slug).id, False)]
    counts_match(app)


def test_a_pledge_with_a_join_code_joins_in_the_same_request(org):
    app, slug, _owner = org
    visitor = app.test_client()
    code = organisation(app, slug).join_code
    response = submit(
        visitor, "/en/pledges/turn-on-mfa", {"country": "IN", "join_code": f" {code} "}
    )
    assert response.status_code == 302
    assert member_of(app) == [(organisation(app, slug).id, False)]
    assert org_tally(app, slug, "pledges") == org_tally(app, slug, "participants") == 1
    assert org_tally(app, slug, "pledges", f":pledge:{pledge_id(app)}") == 1
    counts_match(app)


def pledge_id(app, slug="turn-on-mfa") -> int:
    from challenge.content.queries import published_item

    with app.app_context():
        return published_item("pledge", slug, "en").item.id


def test_a_wrong_join_code_saves_nothing(org):
    app, _slug, _owner = org
    response = submit(
        app.test_client(), "/en/pledges/turn-on-mfa", {"country": "IN", "join_code": "nope"}
    )
    assert response.status_code == 400
    assert "That join code does not match any organisation" in response.text
    with app.app_context():
        assert db.session.scalar(select(PledgeTaken)) is None
        assert db.session.scalar(select(Participant)) is None


def test_a_join_code_never_moves_a_member_of_another_organisation(org):
    app, slug, _owner = org
    other = registered(app, account(app, "boss@other.example"), name="Other Company")
    visitor = app.test_client()
    join(app, visitor, slug)
    code = organisation(app, other).join_code
    response = submit(visitor, "/en/pledges/turn-on-mfa", {"country": "IN", "join_code": code})
    assert response.status_code == 400
    assert "open its join link and confirm there" in response.text
    assert member_of(app) == [(organisation(app, slug).id, False)]
    with app.app_context():
        assert db.session.scalar(select(PledgeTaken)) is None
    counts_match(app)


def test_a_join_code_respects_the_domain_rule(domain_only):
    app, slug, _owner = domain_only
    code = organisation(app, slug).join_code
    response = submit(
        app.test_client(), "/en/pledges/turn-on-mfa", {"country": "IN", "join_code": code}
    )
    assert response.status_code == 400 and "example.gov.in" in response.text
    assert member_of(app) == []


def test_a_display_name_on_joining_asks_the_age_first(org):
    app, slug, _owner = org
    visitor = app.test_client()
    page = visitor.get(join_url(app, slug)).text
    assert page.count('name="age_band"') == 4 and "checked" not in page  # neutral, none chosen
    unanswered = join(app, visitor, slug, display_name="Asha", age_band="")
    assert unanswered.status_code == 400
    assert "To give a display name, choose your age" in unanswered.text
    assert member_of(app) == []  # nothing saved, not even the membership


@pytest.mark.parametrize(("country", "band"), [("IN", "16-17"), ("US", "under-13")])
def test_below_the_threshold_a_member_joins_without_the_name(org, country, band):
    app, slug, _owner = org
    visitor = app.test_client()
    refused = join(app, visitor, slug, country=country, age_band=band, display_name="Asha")
    assert refused.status_code == 400
    assert "Leave the name empty to go on without it." in refused.text
    assert member_of(app) == []
    joined = join(app, visitor, slug, country=country, age_band=band)
    assert joined.status_code == 302
    with app.app_context():
        member = db.session.scalar(select(Participant))
        assert member.organisation_id == organisation(app, slug).id
        assert member.display_name is None and band not in str(vars(member))


def test_a_name_given_later_on_my_progress_asks_the_age_too(org):
    app, slug, _owner = org
    member = app.test_client()
    join(app, member, slug)
    refused = submit(
        member,
        "/en/me/organisation",
        {"display_name": "Asha", "share_name": "y", "age_band": "13-15", "country": "IN"},
        page="/en/me",
    )
    assert refused.status_code == 400 and "Leave the name empty" in refused.text
    assert 'id="organisation"' in refused.text  # the page again, with the error by the field
    named = submit(
        member,
        "/en/me/organisation",
        {"display_name": "Asha", "share_name": "y", "age_band": "18-or-over"},
        page="/en/me",
    )
    assert named.status_code == 302
    with app.app_context():
        stored = db.session.scalar(select(Participant))
        assert (stored.display_name, stored.share_name_with_org) == ("Asha", True)
