"""Organisations in an edition: an admin signs on (a form with its token, audited, once), listed
partners appear on the edition page, and the admin reads the members' funnel and its CSV, with
figures under the privacy threshold held back; anyone else gets a 404."""

import time_machine
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

from challenge.audit.models import AuditEntry
from challenge.clock import utcnow
from challenge.editions.partners import suppressed_steps
from challenge.extensions import db
from challenge.participation.organisations import Organisation
from tests.factories import submit
from tests.support.editions import DAY_2, EDITION, finish_days, people_in, rebuild_tallies
from tests.support.factories import ParticipantFactory
from tests.support.visitors import sign_up

ORGANISATION = {
    "name": "Ministry of Examples",
    "country": "IN",
    "sector": "government",
    "headcount": "200",
    "website": "https://example.gov.in",
    "email_domain": "example.gov.in",
}


def admin_of_verified_organisation(app):
    """A client logged in as the admin of a verified organisation; (client, slug, id)."""
    client = app.test_client()
    sign_up(client, email="admin@example.gov.in")
    response = submit(client, "/en/orgs/new", ORGANISATION)
    assert response.status_code == 302, response.text
    slug = response.headers["Location"].split("/")[-2]
    assert app.test_cli_runner().invoke(args=["orgs", "verify", slug]).exit_code == 0
    with app.app_context():
        organisation_id = db.session.scalar(
            select(Organisation.id).where(Organisation.slug == slug)
        )
    return client, slug, organisation_id


def sign_ons(app) -> int:
    with app.app_context():
        return db.session.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.action == "editions.sign_on")
        )


def test_an_admin_signs_on_once_and_a_listed_partner_shows_on_the_edition(edition_app):
    client, slug, _ = admin_of_verified_organisation(edition_app)
    page = f"/en/editions/organisations/{slug}"
    listing = client.get(page)
    assert listing.status_code == 200 and "Test Week" in listing.text
    assert listing.headers["Cache-Control"] == "no-store"
    url = f"/en/editions/test-week/organisations/{slug}/sign-on"
    for _ in range(2):  # a replay changes nothing
        response = submit(client, url, {"listed": "y"}, page=page)
        assert response.status_code == 303
    assert sign_ons(edition_app) == 1
    assert "Signed on" in client.get(page).text
    with time_machine.travel(DAY_2, tick=False):
        edition = edition_app.test_client().get(EDITION).text
    assert "Partner organisations" in edition and "Ministry of Examples" in edition


def test_an_unlisted_partner_stays_off_the_public_list(edition_app):
    client, slug, _ = admin_of_verified_organisation(edition_app)
    page = f"/en/editions/organisations/{slug}"
    url = f"/en/editions/test-week/organisations/{slug}/sign-on"
    assert submit(client, url, {}, page=page).status_code == 303
    assert sign_ons(edition_app) == 1
    with time_machine.travel(DAY_2, tick=False):
        assert "Ministry of Examples" not in edition_app.test_client().get(EDITION).text


def test_a_forged_form_or_another_account_changes_nothing(edition_app):
    client, slug, _ = admin_of_verified_organisation(edition_app)
    url = f"/en/editions/test-week/organisations/{slug}/sign-on"
    assert client.post(url, data={"listed": "y"}).status_code == 400  # no token
    other = edition_app.test_client()
    sign_up(other, email="someone@example.org")
    assert other.get(f"/en/editions/organisations/{slug}").status_code == 404
    assert submit(other, url, {"listed": "y"}, page="/en/account/").status_code == 404
    assert client.get(f"/en/editions/test-week/organisations/{slug}/funnel.csv").status_code == 404
    anonymous = edition_app.test_client().get(f"/en/editions/organisations/{slug}")
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]
    assert sign_ons(edition_app) == 0


def members_doing(app, organisation_id: int, count: int, days) -> None:
    """`count` new members of the organisation, each checking in on every action of `days`."""
    with app.app_context():
        ids = [
            ParticipantFactory(country="IN", organisation_id=organisation_id, joined_at=utcnow()).id
            for _ in range(count)
        ]
    for id_ in ids:
        finish_days(app, id_, days, country="IN")


def funnel_rows(client, slug: str) -> list[list[str]]:
    csv = client.get(f"/en/editions/test-week/organisations/{slug}/funnel.csv")
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    return [line.split(",") for line in csv.text.strip().splitlines()]


def test_the_funnel_counts_members_day_by_day_with_the_drop_between_days(edition_app):
    edition_app.config["PRIVACY_MIN_GROUP"] = 3
    client, slug, organisation_id = admin_of_verified_organisation(edition_app)
    page = f"/en/editions/organisations/{slug}"
    submit(client, f"/en/editions/test-week/organisations/{slug}/sign-on", {}, page=page)
    members_doing(edition_app, organisation_id, 6, (0, 1, 2))
    members_doing(edition_app, organisation_id, 3, (0,))
    people_in(edition_app, 5, "IN", finished=True)  # not members
    rebuild_tallies(edition_app)
    assert funnel_rows(client, slug) == [
        ["Step", "Members", "Drop from the step before"],
        ["Started", "9", ""],
        ["Day 1: Start", "9", "0"],
        ["Day 2: Test yourself", "6", "3"],  # 9 - 6
        ["Day 3: Promise", "6", "0"],
        ["Finished", "6", ""],
        ["Completion rate (%)", "67", ""],
    ]
    html = client.get(page).text
    assert "67%" in html and "Drop from the step before" in html


def test_no_figure_or_drop_singles_out_fewer_than_the_threshold(edition_app):
    edition_app.config["PRIVACY_MIN_GROUP"] = 3
    client, slug, organisation_id = admin_of_verified_organisation(edition_app)
    page = f"/en/editions/organisations/{slug}"
    submit(client, f"/en/editions/test-week/organisations/{slug}/sign-on", {}, page=page)
    members_doing(edition_app, organisation_id, 4, (0, 1, 2))
    members_doing(edition_app, organisation_id, 3, (0, 1))
    members_doing(edition_app, organisation_id, 2, (0,))
    members_doing(edition_app, organisation_id, 1, (1,))  # started on day 2
    rebuild_tallies(edition_app)
    assert funnel_rows(client, slug) == [
        ["Step", "Members", "Drop from the step before"],
        ["Started", "10", ""],
        ["Day 1: Start", "", ""],  # 9: one fewer than started, one person
        ["Day 2: Test yourself", "", ""],  # 8: two fewer than started
        ["Day 3: Promise", "4", ""],  # the day before is held back, and so its drop
        ["Finished", "7", ""],  # 3 fewer than started, 3 more than day 3
        ["Completion rate (%)", "70", ""],
    ]


def test_no_funnel_figure_shows_while_fewer_than_the_threshold_started(edition_app):
    edition_app.config["PRIVACY_MIN_GROUP"] = 3
    client, slug, organisation_id = admin_of_verified_organisation(edition_app)
    page = f"/en/editions/organisations/{slug}"
    submit(client, f"/en/editions/test-week/organisations/{slug}/sign-on", {}, page=page)
    people_in(edition_app, 2, "IN", finished=True, organisation_id=organisation_id)
    rebuild_tallies(edition_app)
    csv = client.get(f"/en/editions/test-week/organisations/{slug}/funnel.csv").text
    assert [line.split(",")[1:] for line in csv.strip().splitlines()[1:]] == [["", ""]] * 6


@given(
    started=st.integers(0, 60),
    per_day=st.lists(st.integers(0, 60), min_size=1, max_size=6),
    completed=st.integers(0, 60),
    k=st.integers(1, 12),
)
def test_every_difference_between_shown_figures_is_zero_or_at_least_k(
    started, per_day, completed, k
):
    figures = suppressed_steps(started, per_day, completed, k)
    shown = [figures.started, *figures.days, figures.completed]
    values = [value for value in shown if value is not None]
    assert all(value >= k for value in values)
    for first in values:
        for second in values:
            assert first == second or abs(first - second) >= k
    steps = [figures.started, *figures.days[:-1]]
    for before, after, drop in zip(steps, figures.days, figures.drops, strict=True):
        assert drop == (None if before is None or after is None else before - after)
    if started >= k:
        assert figures.started == started
