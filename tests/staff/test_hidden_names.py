"""A hidden name is never shown publicly again: not on the pledge wall, the organisation pages,
the leaderboards (HTML, JSON, CSV), the embeds, the join link or an organisation's dashboard. A
hidden organisation still ranks, as "Name withheld", without its name or slug."""

import pytest

from challenge.content.operations import sync_tree
from tests.factories import submit
from tests.organisations.support import account, cli, join, join_url, registered
from tests.staff.builders import approve_every_name, organisation_id, participant_named, set_state
from tests.support.schemas import check

PERSON = "Zanzibar Quokka"
ORGANISATION = "Hidden Ministry of Examples"
SLUG = "hidden-ministry-of-examples"
MFA = "/en/pledges/turn-on-mfa"
BOARD = "bracket=50-249"
SCHEMA = "OrganisationLeaderboard"
PUBLIC_PAGES = [
    "/en/",
    "/en/pledges/",
    MFA,
    "/hi/pledges/turn-on-mfa",
    "/en/orgs/",
    "/en/leaderboards/organisations?" + BOARD,
    "/ja/leaderboards/organisations?" + BOARD,
    "/en/leaderboards/organisations?window=30d&" + BOARD,
    "/en/leaderboards/countries",
    "/api/v1/leaderboards/organisations?" + BOARD,
    "/api/v1/leaderboards/organisations.csv?" + BOARD,
    "/api/v1/leaderboards/organisations?window=week&" + BOARD,
    "/api/v1/stats",
    "/embed/en/countries",
    "/embed/en/quad",
]


@pytest.fixture
def world(make_app, real_content_tree):
    """An organisation with a member who shows a display name on the wall and to the admins."""
    app = make_app(PRIVACY_MIN_GROUP=1)
    with app.app_context():
        sync_tree(real_content_tree, "en")
    owner = account(app, "owner@example.gov.in")
    slug = registered(app, owner, name=ORGANISATION)
    assert slug == SLUG
    cli(app, "orgs", "verify", slug)
    member = app.test_client()
    join(app, member, slug, display_name=PERSON, share_name="y")
    fields = {"country": "IN", "age_band": "18-or-over", "display_name": PERSON, "show_name": "y"}
    submit(member, MFA, fields)
    approve_every_name(app)
    return app, owner, member


def seen(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code in (200, 404), (url, response.status_code)
    return response.get_data(as_text=True)


def test_approved_names_do_appear_so_the_checks_below_can_fail(world):
    app, owner, _member = world
    visitor = app.test_client()
    assert PERSON in seen(visitor, MFA)
    assert ORGANISATION in seen(visitor, "/en/orgs/") and SLUG in seen(visitor, "/en/orgs/")
    assert ORGANISATION in seen(visitor, "/api/v1/leaderboards/organisations?" + BOARD)
    assert PERSON in owner.get(f"/en/orgs/{SLUG}/dashboard").text


def test_a_hidden_display_name_appears_nowhere(world):
    app, owner, member = world
    set_state(app, "participant", participant_named(app, PERSON), "hidden")
    visitor = app.test_client()
    for url in PUBLIC_PAGES:
        assert PERSON not in seen(visitor, url), url
    assert PERSON not in seen(member, MFA)  # not even to its owner, on the public wall
    assert PERSON not in owner.get(f"/en/orgs/{SLUG}/dashboard").text
    assert PERSON not in owner.get(f"/en/orgs/{SLUG}/export.csv").text
    # Its owner still sees it where they set it: the pledge form keeps it.
    assert f'value="{PERSON}"' in member.get("/en/pledges/install-updates").text


def test_a_hidden_organisation_name_appears_nowhere_but_still_ranks(world):
    app, owner, member = world
    set_state(app, "organisation", organisation_id(app, SLUG), "hidden")
    visitor = app.test_client()
    for url in PUBLIC_PAGES:
        body = seen(visitor, url)
        assert ORGANISATION not in body and SLUG not in body, url
    assert visitor.get(f"/en/orgs/{SLUG}").status_code == 404
    board = seen(visitor, "/en/leaderboards/organisations?" + BOARD)
    assert "Name withheld" in board
    data = visitor.get("/api/v1/leaderboards/organisations?" + BOARD).get_json()
    (row,) = data["organisations"]
    assert (row["name"], row["slug"], row["members"], row["rank"]) == (None, None, 1, 1)
    document = visitor.get("/api/openapi.json").get_json()
    check(document, SCHEMA, data)  # null name and slug are documented
    csv_row = seen(visitor, "/api/v1/leaderboards/organisations.csv?" + BOARD).splitlines()[1]
    assert csv_row.startswith("1,,,IN,")
    # Members and link holders see the placeholder too; its admins and staff still see the name.
    for url in (join_url(app, SLUG), "/en/me", "/hi/me"):
        body = seen(member, url)
        assert ORGANISATION not in body and SLUG not in body, url
    assert "Name withheld" in seen(member, "/en/me")
    link_holder = app.test_client()
    assert ORGANISATION not in seen(link_holder, join_url(app, SLUG))
    assert ORGANISATION in owner.get(f"/en/orgs/{SLUG}/dashboard").text
    assert ORGANISATION in owner.get(f"/en/orgs/{SLUG}").text


def test_a_pending_organisation_name_is_withheld_publicly_but_not_from_members(world):
    app, _owner, member = world
    set_state(app, "organisation", organisation_id(app, SLUG), "pending")
    visitor = app.test_client()
    for url in PUBLIC_PAGES:
        assert ORGANISATION not in seen(visitor, url), url
    assert ORGANISATION in seen(member, join_url(app, SLUG))
    assert ORGANISATION in seen(member, "/en/me")
