"""Organisations in the console: the list, verify and unverify (shared with `flask orgs`), and
merging a duplicate so that nothing is counted twice."""

import datetime as dt

from sqlalchemy import select

from challenge.extensions import db
from challenge.organisations.models import OrganisationInvitation
from challenge.participation.models import Participant
from challenge.participation.organisations import OrganisationAdmin
from tests.factories import submit
from tests.organisations.support import (
    account,
    cli,
    counts_match,
    join,
    join_url,
    org_tally,
    organisation,
    registered,
    take_part,
)
from tests.staff.builders import make_organisation
from tests.staff.support import audit_entries, staff_client

LIST = "/staff/organisations"


def test_the_list_puts_unverified_organisations_first_and_filters(synced):
    make_organisation(synced, "zebra-verified")
    make_organisation(synced, "old-unverified", verified=False)
    make_organisation(synced, "new-unverified", verified=False)
    moderator = staff_client(synced, "moderator")
    page = moderator.get(LIST).text
    # Unverified ones first, oldest first (a queue); then verified ones by name.
    assert page.index("Old Unverified") < page.index("New Unverified") < page.index("Zebra")
    only = moderator.get(LIST + "?status=unverified").text
    assert "Zebra Verified" not in only and "Old Unverified" in only
    found = moderator.get(LIST + "?q=zebra").text
    assert "Zebra Verified" in found and "Old Unverified" not in found
    assert moderator.get(LIST + "?status=nonsense&page=abc").status_code == 200


def test_verify_and_unverify_from_the_console_are_audited(synced):
    owner = account(synced, "owner@example.gov.in")
    slug = registered(synced, owner)
    moderator = staff_client(synced, "moderator")
    response = submit(
        moderator, f"{LIST}/{slug}/verify", {"next": LIST + "?status=unverified"}, page=LIST
    )
    assert response.status_code == 303 and response.headers["Location"].endswith(
        "?status=unverified"
    )
    assert organisation(synced, slug).verified_at is not None
    assert synced.test_client().get(f"/en/orgs/{slug}").status_code == 200
    for hostile in ("https://evil.example/", "/staff/organisations\nSet-Cookie: x=1"):
        back = submit(moderator, f"{LIST}/{slug}/unverify", {"next": hostile}, page=LIST)
        assert back.status_code == 303 and back.headers["Location"] == LIST
    assert organisation(synced, slug).verified_at is None
    verify, unverify, _again = audit_entries(synced, "organisations.verify") + audit_entries(
        synced, "organisations.unverify"
    )
    assert verify.actor == "moderator@campaign.example" and verify.target == f"organisation:{slug}"
    assert verify.before == {"verified": False}
    assert unverify.before == {"verified": True} and unverify.after == {"verified": False}
    # The command line runs the same operation, so it is audited too.
    cli(synced, "orgs", "verify", slug)
    assert audit_entries(synced, "organisations.verify")[-1].actor == "command line"


def two_organisations(app):
    """The kept organisation and its duplicate, each with a member who pledged, read a lesson and
    passed a quiz (one before joining, one after), admins and overlapping invitations."""
    owner = account(app, "owner@example.gov.in")
    kept = registered(app, owner)
    cli(app, "orgs", "verify", kept)
    other = account(app, "other@example.gov.in")
    duplicate = registered(app, other, name="Ministry of Examples (India)")
    first, second = app.test_client(), app.test_client()
    take_part(app, first)
    join(app, first, kept)
    join(app, second, duplicate, display_name="Asha", share_name="y")
    take_part(app, second, country="JP")
    submit(owner, f"/en/orgs/{kept}/admins", {"email": "both@example.gov.in"})
    submit(other, f"/en/orgs/{duplicate}/admins", {"email": "both@example.gov.in"})
    submit(other, f"/en/orgs/{duplicate}/admins", {"email": "only@example.gov.in"})
    return kept, duplicate, owner, other


def test_merging_moves_members_admins_invitations_and_counts_once(synced):
    app = synced
    kept, duplicate, _owner, other = two_organisations(app)
    duplicate_id, kept_id = organisation(app, duplicate).id, organisation(app, kept).id
    old_link = join_url(app, duplicate)
    before = {
        m: org_tally(app, kept, m) + org_tally(app, duplicate, m)
        for m in ("participants", "pledges", "lessons", "quiz_passes", "points", "quiz_attempts")
    }
    assert before["participants"] == 2 and before["pledges"] == 2 and before["quiz_passes"] == 2
    admin = staff_client(app, "admin")
    page = admin.get(f"{LIST}/{duplicate}/merge")
    assert page.status_code == 200 and "This cannot be undone" in page.text
    response = submit(admin, f"{LIST}/{duplicate}/merge", {"keep": kept, "confirm": "y"})
    assert response.status_code == 303
    assert (
        "is merged into Ministry of Examples: 1 member moved."
        in admin.get(response.headers["Location"]).text
    )

    after = {m: org_tally(app, kept, m) for m in before}
    assert after == before
    counts_match(app)
    verify = cli(app, "stats", "verify")
    assert verify.exit_code == 0 and "All counts match" in verify.output
    with app.app_context():
        members = db.session.execute(
            select(Participant.organisation_id, Participant.share_name_with_org)
        ).all()
        assert sorted(members) == [(kept_id, False), (kept_id, False)]
        admins = db.session.scalars(select(OrganisationAdmin.organisation_id)).all()
        assert sorted(admins) == [kept_id, kept_id]
        invitations = db.session.execute(
            select(OrganisationInvitation.organisation_id, OrganisationInvitation.email).order_by(
                OrganisationInvitation.email
            )
        ).all()
        assert invitations == [(kept_id, "both@example.gov.in"), (kept_id, "only@example.gov.in")]
        assert (
            db.session.scalar(
                select(Participant.id).where(Participant.organisation_id == duplicate_id)
            )
            is None
        )
    # The duplicate is gone: its join link and page no longer work; its admins run the kept one.
    assert app.test_client().get(old_link).status_code == 404
    assert app.test_client().get(f"/en/orgs/{duplicate}").status_code == 404
    assert other.get(f"/en/orgs/{kept}/dashboard").status_code == 200
    (entry,) = audit_entries(app, "organisations.merge")
    assert entry.target == f"{duplicate} → {kept}" and entry.actor == "admin@campaign.example"
    assert entry.before["duplicate"]["members"] == 1 and entry.before["kept"]["members"] == 1
    assert entry.after == {
        "duplicate": None,
        "kept": {
            **entry.before["kept"],
            "members": 2,
            "admins": ["other@example.gov.in", "owner@example.gov.in"],
        },
    }


def test_merging_into_an_organisation_whose_tallies_share_days(synced):
    """Daily tallies of both on the same day add up rather than collide."""
    app = synced
    kept, duplicate, _owner, _other = two_organisations(app)
    with app.app_context():
        from challenge.participation.models import DailyTally

        today = dt.datetime.now(dt.UTC).date()
        days = db.session.scalars(
            select(DailyTally.day).where(DailyTally.scope.like("org:%"))
        ).all()
        assert today in days
    submit(
        staff_client(app, "moderator"), f"{LIST}/{duplicate}/merge", {"keep": kept, "confirm": "y"}
    )
    counts_match(app)
    assert org_tally(app, kept, "participants") == 2


def test_a_merge_with_bad_input_changes_nothing(synced):
    make_organisation(synced, "kept-org")
    make_organisation(synced, "dup-org", verified=False)
    admin = staff_client(synced, "admin")
    url = f"{LIST}/dup-org/merge"
    for data, message in (
        ({"keep": "no-such-org", "confirm": "y"}, "No organisation has that slug."),
        ({"keep": "dup-org", "confirm": "y"}, "this one is the duplicate"),
        ({"keep": "kept-org"}, "Tick the box to confirm."),
        ({"keep": ""}, "Enter the slug of the organisation to keep."),
    ):
        response = submit(admin, url, data)
        assert response.status_code == 400 and message in response.text, message
        assert "There is a problem" in response.text
    assert admin.get(url).status_code == 200
    assert audit_entries(synced, "organisations.merge") == []
    assert admin.get(f"{LIST}/missing/merge").status_code == 404
