"""Fixtures for the caching tests."""

import pytest


@pytest.fixture
def cached_app(make_app, real_content_tree):
    from challenge.content.operations import sync_tree

    app = make_app(PAGE_CACHE_SECONDS=60, PRIVACY_MIN_GROUP=1)
    with app.app_context():
        sync_tree(real_content_tree, "en")
    return app
