"""Open-data endpoints, version 1. Their shapes are described in openapi.py; tests hold them to it."""

from flask import current_app, request

from challenge.api import bp
from challenge.api.openapi import openapi_document
from challenge.api.openapi_organisations import ORGANISATION_COLUMNS
from challenge.api.responses import csv_response, error, json_response
from challenge.caching import cached, public_page
from challenge.leaderboards.organisations import BRACKETS, RANKINGS, organisation_board
from challenge.leaderboards.queries import METRICS, country_board, public_totals
from challenge.leaderboards.windows import WINDOWS, window
from challenge.participation.countries import country_name, is_country, name_sort_key
from challenge.participation.organisations import SECTORS


def requested_window():
    key = request.args.get("window", "all")
    if key not in WINDOWS:
        return None
    return window(key)


def requested_locale() -> str | None:
    locale = request.args.get("locale", current_app.config["DEFAULT_LOCALE"])
    return locale if locale in current_app.config["LOCALES"] else None


def window_json(chosen) -> dict:
    return {
        "key": chosen.key,
        "start": chosen.start.isoformat() if chosen.start else None,
        "end": chosen.end.isoformat(),
    }


def country_data():
    chosen, locale = requested_window(), requested_locale()
    sort = request.args.get("sort", "points")
    if chosen is None:
        return None, error("window must be one of: " + ", ".join(WINDOWS))
    if locale is None:
        return None, error("locale must be one of: " + ", ".join(current_app.config["LOCALES"]))
    if sort not in METRICS:
        return None, error("sort must be one of: " + ", ".join(METRICS))

    def compute() -> dict:
        board = country_board(chosen, sort, name_of=lambda code: name_sort_key(code, locale))
        return {
            "window": window_json(chosen),
            "sort": sort,
            "privacy_threshold": board.k,
            "countries": [
                {
                    "rank": row.rank,
                    "country": row.country,
                    "name": country_name(row.country, locale),
                    **row.figures.as_dict(),
                }
                for row in board.rows
            ],
            "other": board.other.as_dict() if board.other else None,
        }

    params = (chosen.key, chosen.start, chosen.end, sort, locale)
    return cached("api-countries", params, compute), None


@bp.get("/v1/leaderboards/countries")
@public_page
def country_leaderboard():
    data, problem = country_data()
    return problem or json_response(data)


@bp.get("/v1/leaderboards/countries.csv")
@public_page
def country_leaderboard_csv():
    data, problem = country_data()
    if problem:
        return problem
    rows = [
        [c["rank"], c["country"], c["name"], *(c[m] for m in METRICS)] for c in data["countries"]
    ]
    if data["other"]:
        rows.append(["", "", "other", *(data["other"][m] for m in METRICS)])
    return csv_response(
        ["rank", "country", "name", *METRICS], rows, f"countries-{data['window']['key']}.csv"
    )


def stats_data():
    chosen = {key: window(key) for key in WINDOWS}

    def compute() -> dict:
        windows = {}
        for key, each in chosen.items():
            totals = public_totals(each)
            windows[key] = {
                "window": window_json(each),
                "totals": totals.as_dict() if totals else None,
            }
        return {"privacy_threshold": current_app.config["PRIVACY_MIN_GROUP"], "windows": windows}

    params = [day for each in chosen.values() for day in (each.start, each.end)]
    return cached("api-stats", params, compute)


@bp.get("/v1/stats")
@public_page
def stats():
    return json_response(stats_data())


@bp.get("/v1/stats.csv")
@public_page
def stats_csv():
    data = stats_data()
    rows = []
    for key, entry in data["windows"].items():
        totals = entry["totals"] or {}
        rows.append(
            [
                key,
                entry["window"]["start"] or "",
                entry["window"]["end"],
                *(totals.get(m, "") for m in METRICS),
            ]
        )
    return csv_response(["window", "start", "end", *METRICS], rows, "stats.csv")


@bp.get("/openapi.json")
@public_page
def openapi():
    return json_response(openapi_document())


def organisation_data():

    chosen = requested_window()
    args = request.args
    if chosen is None:
        return None, error("window must be one of: " + ", ".join(WINDOWS))
    if args.get("bracket", "1-49") not in BRACKETS:
        return None, error("bracket must be one of: " + ", ".join(BRACKETS))
    if args.get("ranking", "rate") not in RANKINGS:
        return None, error("ranking must be one of: " + ", ".join(RANKINGS))
    if args.get("sector") and args["sector"] not in SECTORS:
        return None, error("sector must be one of: " + ", ".join(SECTORS))
    if args.get("country") and not is_country(args["country"]):
        return None, error("country must be an ISO 3166-1 alpha-2 code")
    page = args.get("page", "1")
    # Six ASCII digits at most: str.isdigit() also takes "²", and int() refuses 4,301 digits.
    if not (page.isascii() and page.isdigit() and len(page) <= 6) or not 1 <= int(page) <= 100_000:
        return None, error("page must be a whole number from 1")
    filters = {
        "bracket": args.get("bracket", "1-49"),
        "ranking": args.get("ranking", "rate"),
        "country": args.get("country") or None,
        "sector": args.get("sector") or None,
        "page": int(page),
    }
    return cached(
        "api-organisations",
        (chosen.key, chosen.start, chosen.end, *filters.values()),
        lambda: organisation_json(chosen, filters),
    ), None


def organisation_json(chosen, filters: dict) -> dict:

    board = organisation_board(chosen, **filters)
    return {
        "window": window_json(chosen),
        "bracket": board.bracket,
        "ranking": board.ranking,
        "privacy_threshold": board.k,
        "page": board.page,
        "pages": board.pages,
        "total": board.total,
        "organisations": [
            {
                "rank": row.rank,
                "slug": row.slug,
                "name": row.name,
                "country": row.country,
                "sector": row.sector,
                "headcount": row.headcount,
                "members": row.members,
                "points": row.points,
                "participation_rate": round(row.rate, 4),
                "points_per_member": round(row.points_per_member, 2),
            }
            for row in board.rows
        ],
    }


@bp.get("/v1/leaderboards/organisations")
@public_page
def organisation_leaderboard():
    data, problem = organisation_data()
    return problem or json_response(data)


@bp.get("/v1/leaderboards/organisations.csv")
@public_page
def organisation_leaderboard_csv():
    data, problem = organisation_data()
    if problem:
        return problem
    rows = [[org[column] for column in ORGANISATION_COLUMNS] for org in data["organisations"]]
    return csv_response(list(ORGANISATION_COLUMNS), rows, "organisations.csv")
