"""Moderation: names wait for review, decisions apply to the name seen, and everything is audited."""

import re

import pytest

from challenge.moderation import queries
from tests.factories import submit
from tests.organisations.support import ORGANISATION, account, cli, registered
from tests.staff.builders import name_state, organisation_id, participant_named, set_state
from tests.staff.support import audit_entries, staff_client

MFA = "/en/pledges/turn-on-mfa"


def pledge(client, name, url=MFA, show=True):
    data = {"country": "IN", "age_band": "18-or-over", "display_name": name}
    data.update({"show_name": "y"} if show else {})
    response = submit(client, url, data)
    assert response.status_code == 302, response.text
    return client


def references(page: str) -> dict[str, str]:
    """{name: "kind:id:version"} of the rows on a moderation page."""
    found = re.findall(
        r'name="decide" value="(?:approve|hide) ([a-z]+:\d+:\d+)">.*?: ([^<]+)</span>', page
    )
    return {name: reference for reference, name in found}


def decide(client, reference: str, decision="approve", url="/staff/moderation"):
    return submit(client, url, {"decide": f"{decision} {reference}"})


def test_a_new_display_name_waits_for_review_before_the_wall_shows_it(synced):
    owner = pledge(synced.test_client(), "Asha")
    assert "Asha" not in synced.test_client().get(MFA).text
    own = owner.get(MFA).text  # the owner sees their own name, and why others do not yet
    assert "<bdi>Asha</bdi>" in own and "only you see your name" in own

    moderator = staff_client(synced, "moderator")
    queue = moderator.get("/staff/moderation")
    assert queue.status_code == 200 and "Public wall of pledges" in queue.text
    response = decide(moderator, references(queue.text)["Asha"])
    assert response.status_code == 303
    assert "1 name approved." in moderator.get(response.headers["Location"]).text

    public = synced.test_client().get(MFA).text
    assert "<bdi>Asha</bdi> · India" in public and "only you see" not in public
    assert "No names are waiting for review." in moderator.get("/staff/moderation").text
    participant = participant_named(synced, "Asha")
    (entry,) = audit_entries(synced, "moderation.approve")
    assert (
        entry.target == f"participant:{participant}" and entry.actor == "moderator@campaign.example"
    )
    assert entry.before == {"state": "pending"} and entry.after == {"state": "approved"}
    assert "Asha" not in str(entry.before) + str(entry.after)  # a person's name outlives no account


def test_a_changed_name_goes_back_to_the_queue(synced):
    client = pledge(synced.test_client(), "Asha")
    participant = participant_named(synced, "Asha")
    set_state(synced, "participant", participant, "approved")
    pledge(client, "Asha Again", url="/en/pledges/install-updates")
    assert name_state(synced, "participant", participant) == ("pending", 2)
    page = synced.test_client().get("/en/pledges/install-updates").text
    assert "Asha" not in page


def test_a_decision_on_a_name_changed_since_the_page_was_shown_is_not_applied(synced):
    client = pledge(synced.test_client(), "Asha")
    moderator = staff_client(synced, "moderator")
    seen = references(moderator.get("/staff/moderation").text)["Asha"]
    pledge(client, "Something Else", url="/en/pledges/install-updates")
    response = decide(moderator, seen)
    assert (
        "changed or was decided since the page was shown"
        in moderator.get(response.headers["Location"]).text
    )
    assert name_state(synced, "participant", participant_named(synced, "Something Else")) == (
        "pending",
        2,
    )
    assert audit_entries(synced, "moderation.approve") == []


def test_names_nobody_else_would_see_are_not_in_the_queue(synced):
    pledge(synced.test_client(), "Private Person", show=False)
    page = staff_client(synced, "moderator").get("/staff/moderation").text
    assert "Private Person" not in page


def test_the_queue_is_oldest_first_paged_and_decided_in_bulk(synced, monkeypatch):
    for name in ("First", "Second", "Third"):
        pledge(synced.test_client(), name)
    moderator = staff_client(synced, "moderator")
    page = moderator.get("/staff/moderation").text
    assert page.index("First") < page.index("Second") < page.index("Third")
    monkeypatch.setattr(queries, "PAGE_SIZE", 2)
    assert list(references(moderator.get("/staff/moderation?page=2").text)) == ["Third"]
    monkeypatch.setattr(queries, "PAGE_SIZE", 50)
    chosen = references(page)
    response = submit(
        moderator,
        "/staff/moderation",
        {"bulk": "hide", "selected": [chosen["First"], chosen["Third"]]},
    )
    assert "2 names hidden." in moderator.get(response.headers["Location"]).text
    hidden = moderator.get("/staff/moderation?state=hidden").text
    assert "First" in hidden and "Third" in hidden and "Second" not in hidden
    assert "moderator@campaign.example" in hidden  # who decided, and when
    assert [entry.action for entry in audit_entries(synced)][-2:] == ["moderation.hide"] * 2


def test_a_hidden_name_can_be_shown_again(synced):
    pledge(synced.test_client(), "Asha")
    participant = participant_named(synced, "Asha")
    set_state(synced, "participant", participant, "hidden")
    moderator = staff_client(synced, "moderator")
    hidden = moderator.get("/staff/moderation?state=hidden")
    assert "Show again" in hidden.text
    decide(moderator, references(hidden.text)["Asha"], url="/staff/moderation?state=hidden")
    assert name_state(synced, "participant", participant)[0] == "approved"
    (entry,) = audit_entries(synced, "moderation.unhide")
    assert entry.before == {"state": "hidden"}
    assert "<bdi>Asha</bdi>" in synced.test_client().get(MFA).text
    search = moderator.get("/staff/moderation?state=approved&q=ash").text
    assert "Asha" in search


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"bulk": "approve"}, "Tick at least one name first."),
        ({"bulk": "delete", "selected": "participant:1:1"}, "not one the console offers"),
        ({"decide": "approve participant:1"}, "not a name to review"),
        ({"decide": "approve account:1:1"}, "not a name to review"),
        ({"decide": "approve"}, "not a name to review"),
        ({"decide": "hide participant:99999999999999999:1"}, "not a name to review"),
    ],
)
def test_bad_decisions_are_refused_with_a_clear_message(synced, data, message):
    moderator = staff_client(synced, "moderator")
    response = submit(moderator, "/staff/moderation", data, page="/en/account/login")
    assert response.status_code == 400 and message in response.text


def test_organisation_names_are_reviewed_when_verified_and_again_when_renamed(synced):
    owner = account(synced, "owner@example.gov.in")
    slug = registered(synced, owner)
    org = organisation_id(synced, slug)
    moderator = staff_client(synced, "moderator")
    queue = moderator.get("/staff/moderation?kind=organisation").text
    assert "Ministry of Examples" in queue and "Nowhere yet: not verified" in queue
    assert cli(synced, "orgs", "verify", slug).exit_code == 0
    assert name_state(synced, "organisation", org) == ("approved", 1)
    (entry,) = audit_entries(synced, "organisations.verify")
    assert entry.actor == "command line"
    assert entry.after == {"verified": True, "name_approved": "Ministry of Examples"}

    renamed = {**ORGANISATION, "name": "Ministry of New Things"}
    assert submit(owner, f"/en/orgs/{slug}/settings", renamed).status_code == 302
    assert name_state(synced, "organisation", org) == ("pending", 2)
    visitor = synced.test_client()
    assert visitor.get(f"/en/orgs/{slug}").status_code == 404
    assert "Ministry of New Things" not in visitor.get("/en/orgs/").text
    own = owner.get(f"/en/orgs/{slug}").text
    assert "waiting for review by moderators" in own
    decide(moderator, references(moderator.get("/staff/moderation").text)["Ministry of New Things"])
    assert visitor.get(f"/en/orgs/{slug}").status_code == 200
    (entry,) = audit_entries(synced, "moderation.approve")
    assert entry.target == f"organisation:{slug}"
    assert entry.after == {"state": "approved", "name": "Ministry of New Things"}


def test_verifying_never_approves_a_hidden_name(synced):
    owner = account(synced, "owner@example.gov.in")
    slug = registered(synced, owner)
    org = organisation_id(synced, slug)
    set_state(synced, "organisation", org, "hidden")
    cli(synced, "orgs", "verify", slug)
    assert name_state(synced, "organisation", org)[0] == "hidden"
    assert synced.test_client().get(f"/en/orgs/{slug}").status_code == 404
