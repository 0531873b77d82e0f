"""A PostgreSQL database of this package's own (migrated, content/ synced) and Redis, for the
stacks the tests start. Skipped without PostgreSQL, Redis or nginx, except in CI (CI=true)."""

import os
import uuid

import flask_migrate
import pytest

from challenge import create_app
from challenge.content.operations import sync_tree
from challenge.extensions import db
from tests.conftest import create_postgres_database, drop_postgres_database, settings
from tests.support.stack import require_nginx, start_stack, unavailable

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
SECRET_KEY = "deploy-test-secret-key"


@pytest.fixture(scope="package")
def redis_prefix():
    """A Redis key prefix of this run's own; only its keys are deleted after."""
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as error:
        unavailable(f"Redis is unreachable at {REDIS_URL}: {error}")
    prefix = f"qcc-test-{uuid.uuid4().hex[:12]}"
    yield prefix
    for key in client.scan_iter(match=f"{prefix}:*", count=1000):
        client.delete(key)
    client.close()


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
def start(stack_database, redis_prefix, tmp_path_factory):
    """start(**settings): a running stack on the package's database; stopped after the package."""
    stacks = []

    def start_one(**overrides):
        directory = tmp_path_factory.mktemp("stack")
        environment = {
            "REDIS_KEY_PREFIX": f"{redis_prefix}:{len(stacks)}",
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


@pytest.fixture(scope="package")
def stack(start):
    """The stack most tests share: public pages kept 30 s by the micro-cache (the default is 1 s,
    too short to see a HIT reliably on a busy machine)."""
    return start(PAGE_CACHE_SECONDS="30")
