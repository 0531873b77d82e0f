"""Job kinds and their handlers, and the periodic jobs: features register theirs at start-up, so
the queue never imports a feature (a reminder is one more kind)."""

from collections.abc import Callable
from dataclasses import dataclass

from huey import crontab


@dataclass(frozen=True)
class Periodic:
    name: str
    run: Callable[[], str]  # returns a short outcome (a count), never personal data
    schedule: crontab


HANDLERS: dict[str, Callable[[dict, str], None]] = {}
PERIODIC: dict[str, Periodic] = {}
FREQUENT: dict[str, Callable[[], object]] = {}


def handler(kind: str):
    """Register `function(payload, idempotency_key)` as what runs a job of `kind`. It may run
    more than once for one job (a worker killed before it recorded the job done), so it must
    make a second run harmless, for instance by recording its effect under the key."""

    def register(function):
        HANDLERS[kind] = function
        return function

    return register


def frequent(name: str):
    """Register `function()` to run every JOBS_FREQUENT_SECONDS in each worker, in a thread of its
    own (a crontab counts in minutes). Workers run it side by side, so it must be safe to run
    concurrently, and it keeps no record of its runs: it is for short, idempotent chores."""

    def register(function):
        FREQUENT[name] = function
        return function

    return register


def periodic(name: str, schedule: crontab):
    """Register a job run on `schedule` by the worker; it must be safe to run twice."""

    def register(function):
        PERIODIC[name] = Periodic(name, function, schedule)
        return function

    return register
