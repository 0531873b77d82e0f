"""Membership over time: leaving, switching, merging at log-in, deleting, sharing one's name."""

import pytest
from sqlalchemy import select
from sqlalchemy.orm.attributes import set_committed_value

from challenge.extensions import db
from challenge.participation import tallies
from challenge.participation.models import Participant
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
from tests.support.tallies import stored
from tests.support.visitors import log_in


def test_leaving_takes_everything_away(org):
    app, slug, _owner = org
    visitor = app.test_client()
    take_part(app, visitor)
    join(app, visitor, slug, display_name="Asha", share_name="y")
    response = submit(visitor, "/en/me/organisation/leave", {}, page="/en/me")
    assert response.status_code == 302
    assert "You have left Ministry of Examples" in visitor.get("/en/me").text
    assert member_of(app) == [(None, False)]
    for metric in ("participants", "pledges", "lessons", "quiz_attempts", "points"):
        assert org_tally(app, slug, metric) == 0
    with app.app_context():
        assert tallies.read_one("pledges") == 1  # the campaign's own counts stay
    counts_match(app)


def test_switching_asks_first_and_moves_everything(org):
    app, slug, _owner = org
    other_owner = account(app, "boss@other.example")
    other = registered(app, other_owner, name="Other Company", sector="business")
    visitor = app.test_client()
    take_part(app, visitor)
    join(app, visitor, slug)
    page = visitor.get(join_url(app, other)).text
    assert "You are a member of <bdi>Ministry of Examples</bdi>" in page
    assert "Leave <bdi>Ministry of Examples</bdi> and join <bdi>Other Company</bdi>" in page
    response = join(app, visitor, other)
    assert response.status_code == 302
    assert member_of(app) == [(organisation(app, other).id, False)]
    assert org_tally(app, slug, "pledges") == org_tally(app, slug, "participants") == 0
    assert org_tally(app, other, "pledges") == org_tally(app, other, "participants") == 1
    counts_match(app)


def test_a_switch_is_never_made_without_the_confirmation(org):
    app, slug, _owner = org
    other = registered(app, account(app, "boss@other.example"), name="Other Company")
    visitor = app.test_client()
    join(app, visitor, slug)
    # A form from before the visitor joined (it says nothing about leaving) is refused.
    response = submit(visitor, join_url(app, other), {"leaving": ""}, page=join_url(app, other))
    assert response.status_code == 409 and "Your membership has changed" in response.text
    assert (
        "Leave <bdi>Ministry of Examples</bdi> and join <bdi>Other Company</bdi>" in response.text
    )
    assert member_of(app) == [(organisation(app, slug).id, False)]
    counts_match(app)


def test_members_choose_whether_admins_see_their_name(org):
    app, slug, owner = org
    shy, open_ = app.test_client(), app.test_client()
    join(app, shy, slug, display_name="Shy Person")
    join(app, open_, slug, display_name="Asha", share_name="y")
    dashboard = owner.get(f"/en/orgs/{slug}/dashboard").text
    assert "<bdi>Asha</bdi>" in dashboard and "Shy Person" not in dashboard
    page = shy.get("/en/me").text
    assert "Let the organisation" in page
    submit(shy, "/en/me/organisation", {"share_name": "y"}, page="/en/me")
    submit(open_, "/en/me/organisation", {}, page="/en/me")
    dashboard = owner.get(f"/en/orgs/{slug}/dashboard").text
    assert "<bdi>Shy Person</bdi>" in dashboard and "Asha" not in dashboard


def test_consent_is_asked_again_after_leaving(org):
    app, slug, _owner = org
    visitor = app.test_client()
    join(app, visitor, slug, display_name="Asha", share_name="y")
    submit(visitor, "/en/me/organisation/leave", {}, page="/en/me")
    join(app, visitor, slug)
    assert member_of(app) == [(organisation(app, slug).id, False)]


def test_logging_in_keeps_one_membership_and_counts_merged_rows_once(org):
    app, slug, _owner = org
    other = registered(app, account(app, "boss@other.example"), name="Other Company")
    phone = account(app, "asha@example.org")
    submit(phone, "/en/pledges/turn-on-mfa", {"country": "IN"})
    join(app, phone, other)
    laptop = app.test_client()
    submit(laptop, "/en/pledges/turn-on-mfa", {"country": "IN"})
    submit(laptop, "/en/pledges/install-updates", {"country": "IN"})
    join(app, laptop, slug)
    counts_match(app)
    log_in(laptop, email="asha@example.org")
    # The account's own organisation wins; the browser's rows join it, counted once.
    assert [row for row in member_of(app) if row[0]] == [(organisation(app, other).id, False)]
    assert org_tally(app, other, "pledges") == 2 and org_tally(app, other, "participants") == 1
    assert org_tally(app, slug, "pledges") == org_tally(app, slug, "participants") == 0
    counts_match(app)


def test_logging_in_brings_the_browsers_membership_to_an_account_without_one(org):
    app, slug, _owner = org
    account(app, "asha@example.org")
    laptop = app.test_client()
    take_part(app, laptop)
    join(app, laptop, slug, display_name="Asha", share_name="y")
    log_in(laptop, email="asha@example.org")
    members = [row for row in member_of(app) if row[0]]
    assert members == [(organisation(app, slug).id, True)]
    assert org_tally(app, slug, "participants") == 1 and org_tally(app, slug, "quiz_passes") == 1
    counts_match(app)


def test_deleting_an_account_keeps_the_organisations_counts(org):
    from tests.support.visitors import PASSWORD

    app, slug, owner = org
    member = account(app, "asha@example.org")
    take_part(app, member)
    join(app, member, slug, display_name="Asha", share_name="y")
    with app.app_context():
        before = stored()
    submit(member, "/en/account/delete", {"confirm": "y", "password": PASSWORD})
    with app.app_context():
        assert stored() == before
    assert member_of(app) == [(organisation(app, slug).id, False)]
    assert "Asha" not in owner.get(f"/en/orgs/{slug}/dashboard").text
    counts_match(app)


def test_joining_twice_at_once_counts_once(org):
    """Two confirmations racing (a double click): the compare-and-set lets one through."""
    from challenge.participation.operations import MembershipChanged, set_organisation

    app, slug, _owner = org
    other = registered(app, account(app, "boss@other.example"), name="Other Company")
    visitor = app.test_client()
    submit(visitor, "/en/pledges/turn-on-mfa", {"country": "IN"})
    join(app, visitor, slug)
    with app.app_context():
        stale = db.session.scalar(select(Participant))
        set_committed_value(stale, "organisation_id", None)  # as read before the other request
        with pytest.raises(MembershipChanged):
            set_organisation(stale, organisation(app, other).id)
        db.session.rollback()
    assert member_of(app) == [(organisation(app, slug).id, False)]
    counts_match(app)


def test_the_data_download_names_the_membership_and_the_organisations_administered(org):
    app, slug, owner = org
    member = account(app, "asha@example.org")
    join(app, member, slug, display_name="Asha", share_name="y")
    membership = member.get("/en/account/export").get_json()["participation"]["membership"]
    assert membership["slug"] == slug and membership["name_shown_to_admins"] is True
    administered = owner.get("/en/account/export").get_json()["account"]
    assert administered["organisations_administered"] == [
        {"name": "Ministry of Examples", "slug": slug}
    ]
