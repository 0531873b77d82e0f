"""The launch benchmark's crash variant, short form (issue 34): pledges and reads through nginx
and two gunicorn hosts while one host is SIGKILLed and PostgreSQL (a private cluster) restarted;
every acknowledged pledge is in the database afterwards, none is counted twice, and the counters
come back to the exact recount. The long form is `make bench-launch CRASH=1`."""

import argparse
import os

import pytest

from bench import launch
from bench.launch_stack import REDIS_URL
from bench.postgres import ClusterUnavailable, server_binaries
from tests.support.stack import require_nginx, unavailable

pytestmark = pytest.mark.deploy


def test_a_killed_host_and_a_database_restart_lose_no_acknowledged_pledge():
    require_nginx()
    try:
        server_binaries()
    except ClusterUnavailable as missing:
        unavailable(str(missing))
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        unavailable(f"Redis is unreachable at {REDIS_URL}: {error}")
    options = argparse.Namespace(
        rate=20,
        reads=20,
        seconds=9,  # the host dies at 3 s, PostgreSQL restarts at 4.5 s
        crash=True,
        pledge_connections=4,
        read_connections=2,
        profile=False,
    )
    result = launch.run(options, say=lambda message: None)
    assert [event["event"] for event in result["faults"]] == [
        "web1 SIGKILLed",
        "PostgreSQL restarted",
    ]
    assert result["acknowledged"] > 0
    assert result["lost"] == 0, result
    assert result["duplicated"] == 0, result
    assert result["stored"] >= result["acknowledged"]
    assert result["counters_match_after_s"] is not None, result
    assert result["stats_verify_ok"], result["stats_verify"]


def test_the_participant_of_each_acknowledged_pledge_is_read_from_the_access_log(tmp_path):
    log = tmp_path / "access.log"
    log.write_text(
        "GET 200 - /en/pledges/turn-on-mfa\n"
        "POST 302 abc.def /en/pledges/turn-on-mfa\n"
        "POST 302 - /en/pledges/turn-on-mfa\n"
        "POST 429 - /en/pledges/turn-on-mfa\n"
        f"POST 302 x.y /en/quizzes/spotting-phishing{os.linesep}"
    )
    # A 302 without the cookie still counts, as a pledge that cannot be found (lost).
    assert launch.acknowledged_cookies(log) == ["abc.def", ""]
