"""One of the two gunicorn hosts behind nginx dies (SIGKILL, master and workers) while pledges are
coming in: every pledge the site acknowledged is in the database, and the site keeps answering
through the other host."""

import http.client
import threading
import time
import urllib.parse

import pytest
from sqlalchemy import create_engine, func, select

from challenge.pledges.models import PledgeTaken

pytestmark = pytest.mark.deploy

PLEDGE = "/en/pledges/turn-on-mfa"
SENDERS = 4


@pytest.fixture(scope="module")
def busy_stack(start):
    # The edge and the app would otherwise (rightly) limit this many writes from one address.
    return start(
        EDGE_WRITE_RATE="1000r/s",
        EDGE_WRITE_BURST="1000",
        RATE_LIMIT_WRITES="100000 per minute",
        RATE_LIMIT_PARTICIPANT="100000 per minute",
    )


def pledged(stack_database) -> int:
    engine = create_engine(stack_database)
    try:
        with engine.connect() as connection:
            return connection.scalar(select(func.count()).select_from(PledgeTaken))
    finally:
        engine.dispose()


def test_killing_one_host_loses_no_acknowledged_pledge(busy_stack, stack_database):
    before = pledged(stack_database)
    origin = {"Origin": busy_stack.url, "Content-Type": "application/x-www-form-urlencoded"}
    body = urllib.parse.urlencode({"country": "AU"}).encode()
    acknowledged, refused, stop = [], [], threading.Event()

    def send():
        while not stop.is_set():
            try:  # a new anonymous participant each time: no cookie is sent
                reply = busy_stack.request("POST", PLEDGE, headers=origin, body=body)
            except (OSError, http.client.HTTPException):  # the dying host's answer cut short
                refused.append("connection")
                continue
            (acknowledged if reply.status in (302, 303) else refused).append(reply.status)

    senders = [threading.Thread(target=send) for _ in range(SENDERS)]
    for sender in senders:
        sender.start()
    try:
        deadline = time.monotonic() + 60
        while len(acknowledged) < 40 and time.monotonic() < deadline:
            time.sleep(0.05)
        busy_stack.kill_host("web1")
        killed_at = len(acknowledged)
        while len(acknowledged) < killed_at + 40 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stop.set()
        for sender in senders:
            sender.join(timeout=30)

    assert len(acknowledged) >= killed_at + 40, (len(acknowledged), refused[-5:])
    # Acknowledged means committed: nothing the site said yes to is missing. A pledge committed
    # by the dying host just before it could answer is there too, unacknowledged: at most one
    # per sender.
    stored = pledged(stack_database) - before
    assert len(acknowledged) <= stored <= len(acknowledged) + SENDERS
    # nginx stops sending to the dead host: the site answers through the other one.
    for _ in range(10):
        assert busy_stack.get(PLEDGE).status == 200, busy_stack.logs()
