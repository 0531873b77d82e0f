"""Failed password checks counted per account (RATE_LIMIT_LOGIN_ACCOUNT), on top of the limit per
client address, so guessing one account's password from many addresses is slowed too.

The key is the normalised e-mail address, hashed, whether or not an account uses it: a locked
address looks the same for a known and an unknown account, and the limiter's storage (Redis)
never holds the addresses themselves. Counters live in the rate limiter's storage.
"""

import hashlib
import math
import time

from flask import current_app
from limits import parse_many

from challenge.extensions import limiter

NAMESPACE = "login-account"


def _key(email: str) -> str:
    normalised = (email or "").strip().lower()
    return hashlib.sha256(f"{NAMESPACE}:{normalised}".encode()).hexdigest()[:32]


def _limits():
    return parse_many(current_app.config["RATE_LIMIT_LOGIN_ACCOUNT"])


def wait_seconds(email: str) -> int:
    """How long until the address may try again; 0 when it is not locked."""
    key = _key(email)
    waits = [
        limiter.limiter.get_window_stats(item, NAMESPACE, key).reset_time - time.time()
        for item in _limits()
        if not limiter.limiter.test(item, NAMESPACE, key)
    ]
    return max(1, math.ceil(max(waits))) if waits else 0


def record_failure(email: str) -> None:
    key = _key(email)
    for item in _limits():
        limiter.limiter.hit(item, NAMESPACE, key)


def record_success(email: str) -> None:
    """The count is of consecutive failures: a right password starts it again."""
    key = _key(email)
    for item in _limits():
        limiter.limiter.clear(item, NAMESPACE, key)
