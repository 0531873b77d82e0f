from flask import redirect, render_template, request, url_for
from flask_babel import format_decimal, format_number
from flask_babel import lazy_gettext as _l

from challenge.i18n.locales import current_locale
from challenge.leaderboards import bp
from challenge.leaderboards import population as population_data
from challenge.leaderboards.charts import Bar, bar_chart
from challenge.leaderboards.queries import METRICS, country_board, per_capita_rows
from challenge.leaderboards.windows import WINDOWS, window
from challenge.participation.countries import (
    QUAD,
    country_codes,
    country_name,
    is_country,
    name_sort_key,
)
from challenge.participation.tallies import POINTS

METRIC_LABELS = {
    "participants": _l("Participants"),
    "pledges": _l("Pledges"),
    "lessons": _l("Lessons completed"),
    "quiz_passes": _l("Quizzes passed"),
    "points": _l("Points"),
}
TOP = 10


def board_from_request():
    locale = current_locale()
    sort = request.args.get("sort") if request.args.get("sort") in METRICS else "points"
    return country_board(
        window(request.args.get("window")),
        sort,
        name_of=lambda code: name_sort_key(code, locale),
    ), sort


@bp.get("/")
def index():
    return redirect(url_for("leaderboards.countries"))


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


@bp.get("/countries")
def countries():
    board, sort = board_from_request()
    per_capita = request.args.get("view") == "per-capita"
    rows = per_capita_rows(board.rows, sort) if per_capita else board.rows
    quad = [row for code in QUAD for row in rows if row.country == code]
    metric = METRIC_LABELS[sort]
    return render_template(
        "leaderboards/countries.html",
        board=board,
        rows=rows,
        quad=quad,
        sort=sort,
        per_capita=per_capita,
        windows=WINDOWS,
        metrics=METRIC_LABELS,
        population=population_data,
        points=POINTS,
        top_chart=chart(
            rows[:TOP],
            sort,
            per_capita,
            title=_l("Leading countries: %(metric)s", metric=metric),
            chart_id="top-chart",
        ),
        quad_chart=chart(
            quad,
            sort,
            per_capita,
            title=_l("Quad members: %(metric)s", metric=metric),
            chart_id="quad-chart",
        ),
    )


def organisation_filters(args) -> dict:
    """The organisation board's choices from a query string; anything unknown falls back."""
    from challenge.leaderboards.organisations import BRACKETS, RANKINGS
    from challenge.organisations.models import SECTORS

    country = args.get("country") or None
    try:
        page = int(args.get("page", 1))
    except ValueError:
        page = 1
    return {
        "bracket": args.get("bracket") if args.get("bracket") in BRACKETS else "1-49",
        "ranking": args.get("ranking") if args.get("ranking") in RANKINGS else "rate",
        "country": country if is_country(country) else None,
        "sector": args.get("sector") if args.get("sector") in SECTORS else None,
        "page": page,
    }


@bp.get("/organisations")
def organisations():
    from challenge.leaderboards.organisations import BRACKET_LABELS, RANKINGS, organisation_board
    from challenge.organisations.models import SECTORS

    filters = organisation_filters(request.args)
    board = organisation_board(window(request.args.get("window")), **filters)
    locale = current_locale()
    return render_template(
        "leaderboards/organisations.html",
        board=board,
        filters=filters,
        windows=WINDOWS,
        brackets=BRACKET_LABELS,
        rankings=RANKINGS,
        sectors=SECTORS,
        countries=sorted(
            ((code, country_name(code, locale)) for code in country_codes()),
            key=lambda pair: name_sort_key(pair[0], locale),
        ),
    )
