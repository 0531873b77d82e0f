"""The organisation most tests start from."""

import pytest

from tests.organisations.support import account, cli, registered


@pytest.fixture
def org(synced):
    """(app, slug of a verified organisation of 200 people, its admin's client)."""
    owner = account(synced, "owner@example.gov.in")
    slug = registered(synced, owner)
    cli(synced, "orgs", "verify", slug)
    return synced, slug, owner
