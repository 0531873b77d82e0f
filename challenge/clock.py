"""Time as the database stores it."""

import datetime as dt


def utcnow() -> dt.datetime:
    """Naive UTC: what every timestamp column holds, on SQLite and PostgreSQL alike."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
