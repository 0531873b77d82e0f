"""The daily activity chart's geometry; the template draws it as inline SVG (no script, no styles)."""

from dataclasses import dataclass

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
    day: Day


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    peak: int  # the value at the top of the axis
    first: Day | None
    last: Day | None
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM


def bar_chart(days: list[Day]) -> Chart:
    """One bar per day: pledges, lessons read and quiz attempts together."""
    peak = max((day.actions for day in days), default=0) or 1
    slot = (WIDTH - LEFT - RIGHT) / max(len(days), 1)
    plot = HEIGHT - TOP - BOTTOM
    bars = []
    for index, day in enumerate(days):
        height = round(plot * day.actions / peak, 1)
        bars.append(
            Bar(
                x=round(LEFT + index * slot + slot * GAP / 2, 1),
                y=round(TOP + plot - height, 1),
                width=round(max(slot * (1 - GAP), 1), 1),
                height=height,
                day=day,
            )
        )
    return Chart(bars, peak, days[0] if days else None, days[-1] if days else None)
