"""What the leaderboard pages and widgets show, computed from the tallies and cached.

Each function computes one page's figures and charts for its parameters; `cached` shares the result
between servers until the next write moves the data revision (challenge/caching). Rendered text
(country names, number formats, chart titles) depends on the locale, so the locale is in the key.
"""

from flask_babel import format_decimal, format_number
from flask_babel import lazy_gettext as _l

from challenge.caching import cached
from challenge.i18n.locales import current_locale
from challenge.leaderboards.charts import Bar, bar_chart
from challenge.leaderboards.organisations import organisation_board
from challenge.leaderboards.queries import country_board, per_capita_rows, public_totals
from challenge.leaderboards.windows import Window
from challenge.participation.countries import QUAD, country_name, name_sort_key
from challenge.participation.public import public_figure

METRIC_LABELS = {
    "participants": _l("Participants"),
    "pledges": _l("Pledges"),
    "lessons": _l("Lessons completed"),
    "quiz_passes": _l("Quizzes passed"),
    "points": _l("Points"),
}
TOP = 10
EMBED_TOP = 5


def window_params(window: Window) -> tuple:
    return (window.key, window.start, window.end)


def chart(rows, metric: str, per_capita: bool, *, title: str, chart_id: str):
    locale = current_locale()

    def value(row):
        return row.per_100k(metric) if per_capita else getattr(row.figures, metric)

    def shown(number):
        return format_decimal(number, "#,##0.0") if per_capita else format_number(number)

    return bar_chart(
        [
            Bar(
                label=country_name(row.country, locale),
                value=value(row),
                shown_value=shown(value(row)),
                highlight=row.country in QUAD,
            )
            for row in rows
        ],
        title=title,
        chart_id=chart_id,
    )


def country_page(window: Window, sort: str, per_capita: bool) -> dict:
    """The country leaderboard's board, rows and both charts."""
    locale = current_locale()

    def compute() -> dict:
        board = country_board(window, sort, name_of=lambda code: name_sort_key(code, locale))
        rows = per_capita_rows(board.rows, sort) if per_capita else board.rows
        quad = [row for code in QUAD for row in rows if row.country == code]
        metric = METRIC_LABELS[sort]
        return {
            "board": board,
            "rows": rows,
            "quad": quad,
            "top_chart": chart(
                rows[:TOP],
                sort,
                per_capita,
                title=_l("Leading countries: %(metric)s", metric=metric),
                chart_id="top-chart",
            ),
            "quad_chart": chart(
                quad,
                sort,
                per_capita,
                title=_l("Quad members: %(metric)s", metric=metric),
                chart_id="quad-chart",
            ),
        }

    return cached("countries-page", (*window_params(window), sort, per_capita, locale), compute)


def embed_widget(kind: str, window: Window) -> dict:
    """The embeddable widget's rows, chart and totals: the leading countries, or the Quad."""
    locale = current_locale()

    def compute() -> dict:
        board = country_board(window, "points")
        if kind == "quad":
            rows = [row for code in QUAD for row in board.rows if row.country == code]
            title = _l("Quad members: %(metric)s", metric=METRIC_LABELS["points"])
        else:
            rows = board.rows[:EMBED_TOP]
            title = _l("Leading countries: %(metric)s", metric=METRIC_LABELS["points"])
        return {
            "board": board,
            "rows": rows,
            "totals": public_totals(window),
            "chart": chart(rows, "points", False, title=title, chart_id="embed-chart"),
        }

    return cached("embed", (kind, *window_params(window), locale), compute)


def organisation_page(window: Window, filters: dict):
    """One page of the organisation leaderboard for the given filters."""

    params = (*window_params(window), *(filters[name] for name in sorted(filters)))
    return cached("organisations-page", params, lambda: organisation_board(window, **filters))


def campaign_totals(window: Window) -> dict:
    """People taking part, pledges and countries for the home page; each None while below the
    privacy threshold (countries: those shown on the leaderboard, None when there are none)."""

    def compute() -> dict:
        total = public_totals(window)
        board = country_board(window, "participants")
        return {
            "participants": public_figure(total.participants) if total else None,
            "pledges": public_figure(total.pledges) if total else None,
            "countries": len(board.rows) or None,
        }

    return cached("campaign-totals", window_params(window), compute)
