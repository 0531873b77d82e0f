"""A Redis key prefix of this test run's own, for the servers the tests start on the shared Redis
(tests/deploy, tests/scaleout): only keys under it are deleted afterwards, so runs sharing one
Redis never touch each other's keys. Skipped without Redis, except in CI (CI=true)."""

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import redis

from tests.support.stack import unavailable

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@dataclass(frozen=True)
class RedisKeys:
    client: redis.Redis
    prefix: str

    def under(self, name: str) -> str:
        """A prefix of its own for one group of servers, inside the run's."""
        return f"{self.prefix}:{name}"

    def keys(self, prefix: str, pattern: str) -> list[bytes]:
        return list(self.client.scan_iter(match=f"{prefix}:{pattern}"))


@pytest.fixture(scope="session")
def redis_keys() -> Iterator[RedisKeys]:
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as error:
        client.close()
        unavailable(f"Redis is unreachable at {REDIS_URL}: {error}")
    keys = RedisKeys(client, f"qcc-test-{uuid.uuid4().hex[:12]}")
    yield keys
    for key in client.scan_iter(match=f"{keys.prefix}:*", count=1000):
        client.delete(key)
    client.close()
