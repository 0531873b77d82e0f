"""A PostgreSQL database of this package's own (migrated, content/ synced) and Redis, for the
stacks the tests start. Skipped without PostgreSQL, Redis or nginx, except in CI (CI=true)."""

import tempfile
from pathlib import Path

import flask_migrate
import pytest

from challenge import create_app
from challenge.content.operations import sync_tree
from challenge.extensions import db
from tests.conftest import create_postgres_database, drop_postgres_database, settings
from tests.support.redis_keys import REDIS_URL
from tests.support.stack import require_nginx, start_stack

SECRET_KEY = "deploy-test-secret-key"


@pytest.fixture(scope="package")
def stack_database(real_content_tree):
    require_nginx()
    name, url = create_postgres_database()  # skips when unreachable, or fails in CI
    app = create_app(settings(url))
    with app.app_context():
        flask_migrate.upgrade()
        sync_tree(real_content_tree, "en")
        db.engine.dispose()
    yield url
    drop_postgres_database(name)


@pytest.fixture(scope="package")
def start(stack_database, redis_keys):
    """start(**settings): a running stack on the package's database; stopped after the package."""
    stacks = []
    # Not under pytest's private folders: run as root, nginx's workers switch to an unprivileged
    # user, who must be able to reach the micro-cache.
    folder = tempfile.TemporaryDirectory(prefix="qcc-stack-")
    Path(folder.name).chmod(0o755)

    def start_one(**overrides):
        directory = Path(folder.name) / f"stack{len(stacks)}"
        directory.mkdir(mode=0o755)
        environment = {
            "REDIS_KEY_PREFIX": redis_keys.under(f"stack{len(stacks)}"),
            "SECRET_KEY": SECRET_KEY,
            "INSTANCE_PATH": str(directory / "instance"),
            "WEB_CONCURRENCY": "2",
            "MAIL_BACKEND": "file",
            "LOG_LEVEL": "WARNING",
            **overrides,
        }
        stacks.append(start_stack(directory, stack_database, REDIS_URL, **environment))
        return stacks[-1]

    yield start_one
    for stack in stacks:
        stack.stop()
    folder.cleanup()


@pytest.fixture(scope="package")
def stack(start):
    """The stack most tests share: public pages kept 30 s by the micro-cache (the default is 1 s,
    too short to see a HIT reliably on a busy machine)."""
    return start(PAGE_CACHE_SECONDS="30")
