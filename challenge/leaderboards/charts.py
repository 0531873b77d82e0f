"""Server-rendered SVG bar charts: no script, no inline styles, and a data table beside each one."""

from dataclasses import dataclass

from markupsafe import Markup, escape

BAR_HEIGHT = 28
GAP = 10
LABEL_WIDTH = 170
VALUE_WIDTH = 90
WIDTH = 640


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    shown_value: str  # the value formatted for the page's locale
    highlight: bool = False


def bar_chart(bars: list[Bar], *, title: str, chart_id: str) -> Markup:
    """A horizontal bar chart; the caller puts the same figures in a table for screen readers."""
    height = max(1, len(bars)) * (BAR_HEIGHT + GAP) + GAP
    top = max((bar.value for bar in bars), default=0) or 1
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    parts = [
        f'<svg class="chart" id="{escape(chart_id)}" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-labelledby="{escape(chart_id)}-title" focusable="false">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
    ]
    for index, bar in enumerate(bars):
        y = GAP + index * (BAR_HEIGHT + GAP)
        length = max(2, round(span * bar.value / top)) if bar.value else 0
        kind = "bar highlight" if bar.highlight else "bar"
        parts.append(
            f'<text class="chart-label" x="{LABEL_WIDTH - 8}" y="{y + BAR_HEIGHT * 0.7:.0f}" '
            f'text-anchor="end">{escape(bar.label)}</text>'
            f'<rect class="{kind}" x="{LABEL_WIDTH}" y="{y}" width="{length}" height="{BAR_HEIGHT}" rx="3"/>'
            f'<text class="chart-value" x="{LABEL_WIDTH + length + 6}" y="{y + BAR_HEIGHT * 0.7:.0f}">'
            f"{escape(bar.shown_value)}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text above is escaped
