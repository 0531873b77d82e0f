"""Failed password checks slow the next attempt down; they never lock anyone out.

Two counts, each with a progressive delay once its free failures are used: one per e-mail address
(so guessing one account's password from many client addresses is slowed) and one per client
address (so one source guessing many accounts is slowed). The delay doubles with each further
failure, up to LOGIN_MAX_DELAY_SECONDS. Because an attacker can run up an address's count, the
owner always has a way in that no count can close: an e-mailed one-time sign-in link (and the
password reset link), whose use clears the address's count.

The address key is the normalised e-mail address, hashed, whether or not an account uses it: a
slowed address looks the same for a known and an unknown account, and the limiter's storage
(Redis in production) never holds the addresses themselves. The counts live there, through the
`limits` library's storage API, so every server sees the same ones.
"""

import hashlib
import math
import time

from flask import current_app

from challenge.extensions import limiter

NAMESPACE = "login-failures"


def _address_key(email: str) -> str:
    normalised = (email or "").strip().lower()
    return "account:" + hashlib.sha256(f"{NAMESPACE}:{normalised}".encode()).hexdigest()[:32]


def _source_key(source: str) -> str:
    return "source:" + hashlib.sha256(f"{NAMESPACE}:{source}".encode()).hexdigest()[:32]


def _counts(email: str, source: str | None) -> list[tuple[str, int]]:
    """(storage key, free failures) of each count this attempt falls under."""
    config = current_app.config
    prefix = f"{config['REDIS_KEY_PREFIX']}:{NAMESPACE}:"
    counts = [(prefix + _address_key(email), config["LOGIN_FREE_FAILURES_PER_ACCOUNT"])]
    if source:
        counts.append((prefix + _source_key(source), config["LOGIN_FREE_FAILURES_PER_SOURCE"]))
    return counts


def delay_after(failures: int, free: int) -> int:
    """Seconds to wait after `failures` consecutive failures: none while free, then 1, 2, 4... s."""
    if failures <= free:
        return 0
    return min(current_app.config["LOGIN_MAX_DELAY_SECONDS"], 2 ** min(failures - free - 1, 30))


def wait_seconds(email: str, source: str | None = None) -> int:
    """How long until this address (from this source) may try a password again; 0 when now."""
    storage = limiter.storage
    now = time.time()
    waits = [
        storage.get_expiry(key + ":wait") - now
        for key, _ in _counts(email, source)
        if storage.get(key + ":wait") > 0
    ]
    waits = [wait for wait in waits if wait > 0]
    return max(1, math.ceil(max(waits))) if waits else 0


def record_failure(email: str, source: str | None = None) -> None:
    storage = limiter.storage
    memory = current_app.config["LOGIN_FAILURE_MEMORY_SECONDS"]
    for key, free in _counts(email, source):
        failures = storage.incr(key + ":failures", memory)
        delay = delay_after(failures, free)
        if delay:
            storage.clear(key + ":wait")
            storage.incr(key + ":wait", delay)


def record_success(email: str) -> None:
    """A right password, or a link from the address's mailbox, starts the address's count again.
    A source's count is not cleared by one success: it may be guessing many accounts."""
    storage = limiter.storage
    key, _ = _counts(email, None)[0]
    storage.clear(key + ":failures")
    storage.clear(key + ":wait")
