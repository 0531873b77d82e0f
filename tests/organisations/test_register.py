"""Registering an organisation, its slug, validation, verification, settings and admins."""

import pytest
from sqlalchemy import func, select

from challenge.accounts.operations import find
from challenge.extensions import db
from challenge.mail import outbox
from challenge.organisations import operations
from challenge.organisations.queries import admins_of
from challenge.participation.organisations import (
    Organisation,
    OrganisationAdmin,
    by_slug,
    slug_base,
)
from tests.factories import last_link, submit
from tests.organisations.support import (
    ORGANISATION,
    account,
    cli,
    organisation,
    register,
    registered,
)


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def admin_emails(app, slug) -> list[str]:

    with app.app_context():
        return [admin.email for admin in admins_of(by_slug(slug))]


def test_registering_needs_an_account(synced):
    response = synced.test_client().get("/en/orgs/new")
    assert response.status_code == 302 and "/en/account/login" in response.headers["Location"]


def test_the_registrant_becomes_the_admin_of_an_unverified_organisation(synced):
    owner = account(synced, "owner@example.gov.in")
    response = register(owner, email_domain="@Example.GOV.in")
    assert response.status_code == 302
    assert response.headers["Location"] == "/en/orgs/ministry-of-examples/dashboard"
    found = organisation(synced, "ministry-of-examples")
    assert (found.name, found.country, found.sector, found.headcount) == (
        "Ministry of Examples",
        "IN",
        "government",
        200,
    )
    assert found.email_domain == "example.gov.in" and found.website == "https://example.gov.in"
    assert found.verified_at is None and not found.domain_only and len(found.join_code) >= 20
    assert admin_emails(synced, "ministry-of-examples") == ["owner@example.gov.in"]
    dashboard = owner.get(response.headers["Location"])
    assert "Awaiting verification" in dashboard.text and "is registered" in dashboard.text


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Ministère de l'Intérieur", "ministere-de-l-interieur"),
        ("  ACME   Corp.  ", "acme-corp"),
        ("भारतीय विश्वविद्यालय", "org"),
        ("東京大学", "org"),
        ("x" * 120, "x" * 60),
    ],
)
def test_slugs_are_ascii_with_a_fallback(name, slug):
    assert slug_base(name) == slug


def test_clashing_and_reserved_slugs_get_a_number(synced):
    owner = account(synced, "owner@example.gov.in")
    assert registered(synced, owner) == "ministry-of-examples"
    assert registered(synced, owner) == "ministry-of-examples-2"
    assert registered(synced, owner, name="Ministry of Examples!") == "ministry-of-examples-3"
    assert registered(synced, owner, name="New") == "new-2"
    assert registered(synced, owner, name="東京大学") == "org"
    assert registered(synced, owner, name="大阪大学") == "org-2"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "Enter the organisation's name."),
        ("name", "x" * 121, "Use at most 120 characters."),
        ("name", "evil\u202eorg", "Use letters, numbers"),
        ("country", "EU", "Choose your country from the list."),
        ("sector", "", "Choose a sector."),
        ("sector", "military", "Choose a sector from the list."),
        ("headcount", "0", "from 1 to 10,000,000"),
        ("headcount", "10000001", "from 1 to 10,000,000"),
        ("headcount", "many", "Enter a whole number, such as 250."),
        ("headcount", "", "Enter how many people"),
        ("website", "http://example.org", "starts with https://"),
        ("website", "javascript:alert(1)", "starts with https://"),
        ("website", "https://not a site", "Enter a full web address"),
        ("email_domain", "not a domain", "Enter a domain like example.org"),
        ("email_domain", "person@example.org", "Enter a domain like example.org"),
        ("email_domain", "localhost", "Enter a domain like example.org"),
    ],
)
def test_invalid_registrations_save_nothing(synced, field, value, message):
    owner = account(synced, "owner@example.gov.in")
    response = register(owner, **{field: value})
    assert response.status_code == 400
    assert "There is a problem" in response.text and message in response.text
    assert count(synced, Organisation) == 0


def test_grouped_headcounts_and_international_domains_are_accepted(synced):
    owner = account(synced, "owner@example.gov.in")
    slug = registered(synced, owner, headcount="12,500", email_domain="bücher.example")
    found = organisation(synced, slug)
    assert found.headcount == 12500 and found.email_domain == "xn--bcher-kva.example"


def test_registration_pages_are_in_the_readers_language(synced):
    owner = account(synced, "owner@example.gov.in")
    page = owner.get("/hi/orgs/new")
    assert page.status_code == 200 and '<html lang="hi"' in page.text
    assert '<option value="IN">भारत</option>' in page.text
    response = submit(owner, "/ja/orgs/new", {**ORGANISATION, "headcount": "0"})
    assert response.status_code == 400 and '<html lang="ja"' in response.text
    assert '<option selected value="IN">インド</option>' in response.text


def test_staff_verify_from_the_command_line(synced):
    owner = account(synced, "owner@example.gov.in")
    slug = registered(synced, owner)
    listed = cli(synced, "orgs", "list", "--unverified")
    assert listed.exit_code == 0 and slug in listed.output and "unverified" in listed.output
    assert cli(synced, "orgs", "verify", slug).exit_code == 0
    assert organisation(synced, slug).verified_at is not None
    assert slug not in cli(synced, "orgs", "list", "--unverified").output
    assert "\tverified\t" in cli(synced, "orgs", "list").output
    assert cli(synced, "orgs", "unverify", slug).exit_code == 0
    assert organisation(synced, slug).verified_at is None
    missing = cli(synced, "orgs", "verify", "no-such-org")
    assert missing.exit_code != 0 and "No organisation" in missing.output


def test_unverified_organisations_are_hidden_until_verified(synced):
    owner = account(synced, "owner@example.gov.in")
    slug = registered(synced, owner)
    visitor = synced.test_client()
    assert visitor.get(f"/en/orgs/{slug}").status_code == 404
    assert "Ministry of Examples" not in visitor.get("/en/orgs/").text
    own = owner.get(f"/en/orgs/{slug}")
    assert own.status_code == 200 and "Awaiting verification" in own.text
    cli(synced, "orgs", "verify", slug)
    public = visitor.get(f"/en/orgs/{slug}")
    assert public.status_code == 200
    assert "Verified" in public.text and "India" in public.text and "Government" in public.text
    assert "Ministry of Examples" in visitor.get("/en/orgs/").text
    assert organisation(synced, slug).join_code not in public.text


def test_admins_edit_the_settings_and_the_slug_stays(synced):
    owner = account(synced, "owner@example.gov.in")
    slug = registered(synced, owner)
    form = owner.get(f"/en/orgs/{slug}/settings")
    assert form.status_code == 200 and 'value="Ministry of Examples"' in form.text
    response = submit(
        owner,
        f"/en/orgs/{slug}/settings",
        {
            **ORGANISATION,
            "name": "Ministry of Better Examples",
            "sector": "critical_infrastructure",
            "headcount": "400",
            "domain_only": "y",
            "goal_percent": "60",
        },
    )
    assert response.status_code == 302
    found = organisation(synced, slug)
    assert (found.slug, found.name, found.sector, found.headcount) == (
        slug,
        "Ministry of Better Examples",
        "critical_infrastructure",
        400,
    )
    assert found.domain_only and found.goal_percent == 60


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"domain_only": "y", "email_domain": ""}, "Enter an email domain first."),
        ({"goal_percent": "0"}, "from 1 to 100"),
        ({"goal_percent": "101"}, "from 1 to 100"),
    ],
)
def test_invalid_settings_change_nothing(synced, data, message):
    owner = account(synced, "owner@example.gov.in")
    slug = registered(synced, owner)
    response = submit(owner, f"/en/orgs/{slug}/settings", {**ORGANISATION, **data})
    assert response.status_code == 400 and message in response.text
    found = organisation(synced, slug)
    assert not found.domain_only and found.goal_percent is None


def test_admins_invite_by_email_without_revealing_accounts(synced):
    owner = account(synced, "owner@example.gov.in")
    slug = registered(synced, owner)
    colleague = account(synced, "colleague@example.gov.in")
    for email in ("colleague@example.gov.in", "nobody@example.gov.in"):
        response = submit(owner, f"/en/orgs/{slug}/admins", {"email": email})
        assert response.status_code == 302
        page = owner.get(response.headers["Location"]).text
        assert f"We have sent an invitation to {email}" in page
    with synced.app_context():
        sent = outbox()
        assert [message["To"] for message in sent[-2:]] == [
            "colleague@example.gov.in",
            "nobody@example.gov.in",
        ]
        assert "Ministry of Examples" in sent[-1]["Subject"]
        link = last_link(sent[-2:-1])
    assert admin_emails(synced, slug) == ["owner@example.gov.in"]  # invited, not yet admins
    # The invitation works only for the account with that confirmed address, and once.
    stranger = account(synced, "stranger@example.org")
    assert stranger.get(link).status_code == 403
    assert submit(stranger, link, {}, page="/en/account/").status_code == 403
    assert colleague.get(link).status_code == 200
    accepted = submit(colleague, link, {})
    assert accepted.status_code == 302 and accepted.headers["Location"].endswith("/dashboard")
    assert admin_emails(synced, slug) == ["colleague@example.gov.in", "owner@example.gov.in"]
    assert colleague.get(link).status_code == 404
    assert colleague.get(f"/en/orgs/{slug}/dashboard").status_code == 200


def test_an_invitation_needs_a_confirmed_address(synced):
    owner = account(synced, "owner@example.gov.in")
    slug = registered(synced, owner)
    unconfirmed = account(synced, "new@example.gov.in", verified=False)
    submit(owner, f"/en/orgs/{slug}/admins", {"email": "new@example.gov.in"})
    with synced.app_context():
        link = last_link(outbox())
    refused = unconfirmed.get(link)
    assert refused.status_code == 403 and "Confirm your email address first" in refused.text
    assert synced.test_client().get(link).status_code == 302  # to log in


def test_the_last_admin_cannot_be_removed(synced):
    owner = account(synced, "owner@example.gov.in")
    slug = registered(synced, owner)
    with synced.app_context():
        owner_id = db.session.scalar(select(OrganisationAdmin.account_id))
    page = owner.get(f"/en/orgs/{slug}/admins").text
    assert "the last one cannot be removed" in page
    response = submit(
        owner, f"/en/orgs/{slug}/admins/{owner_id}/remove", {}, page=f"/en/orgs/{slug}/admins"
    )
    assert response.status_code == 302
    assert "at least one admin" in owner.get(response.headers["Location"]).text
    assert admin_emails(synced, slug) == ["owner@example.gov.in"]


def test_admins_remove_each_other_but_not_the_last(synced):

    owner = account(synced, "owner@example.gov.in")
    slug = registered(synced, owner)
    colleague = account(synced, "colleague@example.gov.in")
    with synced.app_context():
        operations.add_admin(by_slug(slug), find("colleague@example.gov.in"))
        owner_id = find("owner@example.gov.in").id
        colleague_id = find("colleague@example.gov.in").id
    removed = submit(
        colleague, f"/en/orgs/{slug}/admins/{owner_id}/remove", {}, page=f"/en/orgs/{slug}/admins"
    )
    assert removed.status_code == 302
    assert admin_emails(synced, slug) == ["colleague@example.gov.in"]
    assert owner.get(f"/en/orgs/{slug}/dashboard").status_code == 404
    last = submit(
        colleague,
        f"/en/orgs/{slug}/admins/{colleague_id}/remove",
        {},
        page=f"/en/orgs/{slug}/admins",
    )
    assert last.status_code == 302
    assert admin_emails(synced, slug) == ["colleague@example.gov.in"]


def test_my_progress_lists_the_organisations_i_administer(synced):
    owner = account(synced, "owner@example.gov.in")
    slug = registered(synced, owner)
    page = owner.get("/en/me").text
    assert f'href="/en/orgs/{slug}/dashboard"' in page and "You administer:" in page


def test_deleting_the_only_admin_leaves_the_organisation_for_staff_to_recover(synced):
    from tests.support.visitors import PASSWORD

    owner = account(synced, "owner@example.gov.in")
    slug = registered(synced, owner)
    assert (
        submit(owner, "/en/account/delete", {"confirm": "y", "password": PASSWORD}).status_code
        == 200
    )
    assert admin_emails(synced, slug) == []
    account(synced, "rescuer@example.gov.in")
    result = cli(synced, "orgs", "add-admin", slug, "rescuer@example.gov.in")
    assert result.exit_code == 0 and "now an admin" in result.output
    assert admin_emails(synced, slug) == ["rescuer@example.gov.in"]
