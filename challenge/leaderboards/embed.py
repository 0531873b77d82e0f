"""Embeddable widgets: the only pages other sites may frame (see security.py)."""

from flask import render_template
from flask_babel import lazy_gettext as _l

from challenge.leaderboards import embed_bp
from challenge.leaderboards.queries import country_board, public_totals
from challenge.leaderboards.views import METRIC_LABELS, chart
from challenge.leaderboards.windows import window
from challenge.participation.countries import QUAD

EMBED_TOP = 5


@embed_bp.get("/countries")
def countries():
    board = country_board(window("all"), "points")
    return render_template(
        "leaderboards/embed.html",
        heading=_l("Leading countries"),
        rows=board.rows[:EMBED_TOP],
        board=board,
        totals=public_totals(board.window),
        chart=chart(
            board.rows[:EMBED_TOP],
            "points",
            False,
            title=_l("Leading countries: %(metric)s", metric=METRIC_LABELS["points"]),
            chart_id="embed-chart",
        ),
    )


@embed_bp.get("/quad")
def quad():
    board = country_board(window("all"), "points")
    rows = [row for code in QUAD for row in board.rows if row.country == code]
    return render_template(
        "leaderboards/embed.html",
        heading=_l("The Quad members"),
        rows=rows,
        board=board,
        totals=public_totals(board.window),
        chart=chart(
            rows,
            "points",
            False,
            title=_l("Quad members: %(metric)s", metric=METRIC_LABELS["points"]),
            chart_id="embed-chart",
        ),
    )
