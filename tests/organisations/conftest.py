"""The organisation most tests start from."""

import pytest

from challenge.content.operations import sync_tree
from tests.organisations.support import account, cli, registered


@pytest.fixture
def org(synced):
    """(app, slug of a verified organisation of 200 people, its admin's client)."""
    owner = account(synced, "owner@example.gov.in")
    slug = registered(synced, owner)
    cli(synced, "orgs", "verify", slug)
    return synced, slug, owner


@pytest.fixture
def small_groups(make_app, real_content_tree):
    """(app, slug, admin's client) of a verified organisation whose figures show from 3 people."""
    app = make_app(PRIVACY_MIN_GROUP=3)
    with app.app_context():
        sync_tree(real_content_tree, "en")
    owner = account(app, "owner@example.gov.in")
    slug = registered(app, owner)
    cli(app, "orgs", "verify", slug)
    return app, slug, owner
