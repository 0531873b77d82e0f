"""The content section's clock, in naive UTC like every timestamp column. Tests replace `now` to
travel in time; nothing else should."""

from challenge.clock import utcnow


def now():
    return utcnow()
