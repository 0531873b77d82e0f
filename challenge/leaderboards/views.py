from functools import cache

from flask import redirect, render_template, request, url_for

from challenge.caching import public_page
from challenge.caching.store import cached_html
from challenge.i18n.locales import current_locale
from challenge.leaderboards import bp
from challenge.leaderboards import population as population_data
from challenge.leaderboards.figures import (
    METRIC_LABELS,
    country_page,
    organisation_page,
    window_params,
)
from challenge.leaderboards.organisations import BRACKET_LABELS, BRACKETS, RANKINGS
from challenge.leaderboards.queries import METRICS
from challenge.leaderboards.windows import WINDOWS, window
from challenge.participation.countries import (
    country_codes,
    country_name,
    is_country,
    name_sort_key,
)
from challenge.participation.organisations import SECTORS
from challenge.participation.tallies import POINTS


@bp.get("/")
def index():
    return redirect(url_for("leaderboards.countries"))


@bp.get("/countries")
@public_page
def countries():
    sort = request.args.get("sort") if request.args.get("sort") in METRICS else "points"
    per_capita = request.args.get("view") == "per-capita"
    chosen = window(request.args.get("window"))
    # Links keep the choices made, and only those (nothing else from the query string).
    query = {"window": chosen.key, "sort": sort, "view": "per-capita" if per_capita else None}
    query = {key: value for key, value in query.items() if value not in (None, "all", "points")}

    def context() -> dict:
        return {
            **country_page(chosen, sort, per_capita),
            "sort": sort,
            "per_capita": per_capita,
            "windows": WINDOWS,
            "metrics": METRIC_LABELS,
            "population": population_data,
            "points": POINTS,
            "query": query,
        }

    params = (*window_params(chosen), sort, per_capita, current_locale())
    content = cached_html("countries-html", params, "leaderboards/_countries.html", context)
    return render_template("leaderboards/countries.html", content=content)


def organisation_filters(args) -> dict:
    """The organisation board's choices from a query string; anything unknown falls back."""

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

    filters = organisation_filters(request.args)
    chosen = window(request.args.get("window"))
    defaults = {"window": "all", "bracket": "1-49", "ranking": "rate", "page": 1}
    query = {
        key: value
        for key, value in {"window": chosen.key, **filters}.items()
        if value is not None and defaults.get(key) != value
    }

    def context() -> dict:
        return {
            "board": organisation_page(chosen, filters),
            "filters": filters,
            "windows": WINDOWS,
            "brackets": BRACKET_LABELS,
            "rankings": RANKINGS,
            "sectors": SECTORS,
            "countries": countries_by_name(current_locale()),
            "query": query,
        }

    params = (*window_params(chosen), *sorted(query.items()), current_locale())
    content = cached_html("organisations-html", params, "leaderboards/_organisations.html", context)
    return render_template("leaderboards/organisations.html", content=content)
