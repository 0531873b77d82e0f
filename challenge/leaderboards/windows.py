"""Time windows: all time, the current campaign week, the last 30 days (UTC days)."""

import datetime as dt
from dataclasses import dataclass

from flask import current_app
from flask_babel import lazy_gettext as _l

WINDOWS = {
    "all": _l("All time"),
    "week": _l("This campaign week"),
    "30d": _l("Last 30 days"),
}
DEFAULT = "all"


@dataclass(frozen=True)
class Window:
    key: str
    start: dt.date | None  # None: all time
    end: dt.date

    @property
    def label(self):
        return WINDOWS[self.key]


def campaign_week_start(today: dt.date, campaign_start: dt.date | None) -> dt.date:
    """Weeks run in 7-day steps from the campaign's start date (Mondays when none is set)."""
    if campaign_start is None or campaign_start > today:
        return today - dt.timedelta(days=today.weekday())
    return today - dt.timedelta(days=(today - campaign_start).days % 7)


def window(key: str | None, today: dt.date | None = None) -> Window:
    """The named window ending today; unknown names fall back to all time."""
    today = today or dt.datetime.now(dt.UTC).date()
    key = key if key in WINDOWS else DEFAULT
    if key == "week":
        start = campaign_week_start(today, current_app.config.get("CAMPAIGN_START"))
    elif key == "30d":
        start = today - dt.timedelta(days=29)
    else:
        start = None
    return Window(key=key, start=start, end=today)
