"""The daily bar chart's geometry; organisations/_chart.html draws it as inline SVG (no script, no
styles). Any list of days works: each needs a `.day` date, and `value` says how tall its bar is."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from challenge.organisations.dashboard import Day

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 48, 8, 12, 28  # room for the axis labels
GAP = 0.15  # of each day's slot, between bars


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    day: Any  # the day's figures (a Day on an organisation's dashboard)
    value: int = 0


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    peak: int  # the value at the top of the axis
    first: Any | None
    last: Any | None
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM


def _actions(day: Day) -> int:
    return day.actions


def bar_chart(days: list, value: Callable[[Any], int] = _actions) -> Chart:
    """One bar per day, `value(day)` high: by default pledges, lessons read and quiz attempts."""
    peak = max((value(day) for day in days), default=0) or 1
    slot = (WIDTH - LEFT - RIGHT) / max(len(days), 1)
    plot = HEIGHT - TOP - BOTTOM
    bars = []
    for index, day in enumerate(days):
        height = round(plot * value(day) / peak, 1)
        bars.append(
            Bar(
                x=round(LEFT + index * slot + slot * GAP / 2, 1),
                y=round(TOP + plot - height, 1),
                width=round(max(slot * (1 - GAP), 1), 1),
                height=height,
                day=day,
                value=value(day),
            )
        )
    return Chart(bars, peak, days[0] if days else None, days[-1] if days else None)
