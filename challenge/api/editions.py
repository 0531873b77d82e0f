"""Editions in the open data: each one's schedule and its participant and completion totals.
Aggregates only, from the edition tallies through the edition's leaderboards, so a figure under
the privacy threshold is null and no figure can be had by subtracting shown ones from a total
(complementary suppression, docs/editions.md; openapi_editions.py)."""

from flask import current_app

from challenge.api import bp
from challenge.api.responses import error, json_response
from challenge.api.views import requested_locale
from challenge.caching import public_page
from challenge.clock import utcnow
from challenge.content.fields import SLUG
from challenge.editions import rules
from challenge.editions.leaderboard import Standings, standings
from challenge.editions.queries import Edition, edition, editions
from challenge.participation.countries import country_name


def totals_json(figures: Standings) -> dict:
    return {"participants": figures.participants, "completions": figures.completions}


def window_json(window: rules.Window, country: str | None, now) -> dict:
    return {
        "country": country.upper() if country else None,
        "starts": window.starts.isoformat(),
        "ends": window.ends.isoformat(),
        "time_zone": window.time_zone,
        "status": rules.phase(window, rules.local_date(window, now)),
    }


def overall_status(windows: list[dict]) -> str:
    """Running while any window runs; upcoming while any is still to come; else ended."""
    statuses = {window["status"] for window in windows}
    for status in (rules.RUNNING, rules.UPCOMING):
        if status in statuses:
            return status
    return rules.ENDED


def edition_json(entry: Edition, figures: Standings, now) -> dict:
    windows = [window_json(entry.plan.default, None, now)]
    windows += [
        window_json(window, country, now) for country, window in sorted(entry.plan.windows.items())
    ]
    return {
        "slug": entry.slug,
        "title": entry.title,
        "theme": entry.theme or None,
        "locale": entry.shown.locale,
        "status": overall_status(windows),
        "windows": windows,
        "totals": totals_json(figures),
    }


@bp.get("/v1/editions")
@public_page
def edition_list():
    locale = requested_locale()
    if locale is None:
        return error("locale must be one of: " + ", ".join(current_app.config["LOCALES"]))
    now, k = utcnow(), current_app.config["PRIVACY_MIN_GROUP"]
    entries = editions(locale, now)
    return json_response(
        {
            "privacy_threshold": k,
            "editions": [
                edition_json(entry, standings(entry.item_id, k), now) for entry in entries
            ],
        }
    )


def country_rows(entry: Edition, figures: Standings, locale: str) -> list[dict]:
    """Countries with their own window always (null figures unless shown); any other once the
    leaderboard shows it, so that a handful of people is never singled out by their country
    appearing at all, nor by the total minus the countries shown."""
    shown = {group.key: group for group in figures.countries}
    codes = {country.upper() for country in entry.plan.windows} | set(shown)
    rows = []
    for code in sorted(codes):
        group = shown.get(code)
        rows.append(
            {
                "country": code,
                "name": country_name(code, locale),
                "participants": group.participants if group else None,
                "completions": group.completions if group else None,
            }
        )
    return rows


@bp.get("/v1/editions/<slug>")
@public_page
def edition_detail(slug: str):
    locale = requested_locale()
    if locale is None:
        return error("locale must be one of: " + ", ".join(current_app.config["LOCALES"]))
    now, k = utcnow(), current_app.config["PRIVACY_MIN_GROUP"]
    entry = edition(slug, locale, now) if len(slug) <= 80 and SLUG.match(slug) else None
    if entry is None:
        return error("no published edition has this slug", 404)
    figures = standings(entry.item_id, k)
    data = edition_json(entry, figures, now)
    data["privacy_threshold"] = k
    data["complete_after"] = entry.plan.complete_after
    data["days"] = [
        {
            "number": day.number,
            "title": day.title,
            "actions": [
                {"id": action.id, "kind": action.kind, "title": action.title, "ref": action.ref}
                for action in day.actions
            ],
        }
        for day in entry.days
    ]
    data["countries"] = country_rows(entry, figures, locale)
    data["other_countries"] = figures.other_countries
    return json_response(data)
