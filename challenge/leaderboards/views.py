from functools import cache

from flask import redirect, render_template, request, url_for

from challenge.caching import public_page
from challenge.i18n.locales import current_locale
from challenge.leaderboards import bp
from challenge.leaderboards import population as population_data
from challenge.leaderboards.figures import METRIC_LABELS, country_page, organisation_page
from challenge.leaderboards.queries import METRICS
from challenge.leaderboards.windows import WINDOWS, window
from challenge.participation.countries import (
    country_codes,
    country_name,
    is_country,
    name_sort_key,
)
from challenge.participation.tallies import POINTS


@bp.get("/")
def index():
    return redirect(url_for("leaderboards.countries"))


@bp.get("/countries")
@public_page
def countries():
    sort = request.args.get("sort") if request.args.get("sort") in METRICS else "points"
    per_capita = request.args.get("view") == "per-capita"
    figures = country_page(window(request.args.get("window")), sort, per_capita)
    return render_template(
        "leaderboards/countries.html",
        **figures,
        sort=sort,
        per_capita=per_capita,
        windows=WINDOWS,
        metrics=METRIC_LABELS,
        population=population_data,
        points=POINTS,
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
        "page": min(max(page, 1), 100_000),
    }


@cache
def countries_by_name(locale: str) -> tuple[tuple[str, str], ...]:
    """(code, name) for the country filter, in the locale's order; the same for every request."""
    return tuple(
        sorted(
            ((code, country_name(code, locale)) for code in country_codes()),
            key=lambda pair: name_sort_key(pair[0], locale),
        )
    )


@bp.get("/organisations")
@public_page
def organisations():
    from challenge.leaderboards.organisations import BRACKET_LABELS, RANKINGS
    from challenge.organisations.models import SECTORS

    filters = organisation_filters(request.args)
    board = organisation_page(window(request.args.get("window")), filters)
    return render_template(
        "leaderboards/organisations.html",
        board=board,
        filters=filters,
        windows=WINDOWS,
        brackets=BRACKET_LABELS,
        rankings=RANKINGS,
        sectors=SECTORS,
        countries=countries_by_name(current_locale()),
    )
