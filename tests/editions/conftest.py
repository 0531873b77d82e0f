import pytest

from tests.support.editions import sync_fixture


@pytest.fixture
def edition_app(app):
    """The app with the fixture tree (an edition, the lesson, quiz and pledge it names) imported."""
    sync_fixture(app)
    return app
