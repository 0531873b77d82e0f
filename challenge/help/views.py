"""The help pages. They are the same for everyone who asks for the same address: the country is
in the query (?country=au), never read from a cookie into a page a shared cache could keep."""

from flask import abort, redirect, render_template, request, url_for

from challenge.caching import public_page
from challenge.help import bp
from challenge.help.queries import (
    FOLDERS,
    channels,
    country_links,
    folder_for_country,
    situation,
)
from challenge.help.situations import SITUATIONS
from challenge.i18n.locales import current_locale
from challenge.participation.identity import current_participant
from challenge.urls import keep_query


class BadCountry(Exception):
    """?country= names no country."""


def requested_folder() -> str | None:
    """The channels folder the query asks for; raises BadCountry for one that names none."""
    value = request.args.get("country")
    if value is None:
        return None
    if value in FOLDERS:
        return value
    folder = folder_for_country(value.strip()) if len(value) <= 8 else None
    if folder is None:
        raise BadCountry(value)
    return folder


def canonical_redirect(endpoint: str, folder: str, **values):
    """?country=AU or ?country=nz: the same page has one address per folder (?country=au,
    ?country=other), so shared caches keep one copy of it."""
    return redirect(url_for(endpoint, country=folder, **values), code=301)


@bp.get("/")
@public_page
def index():
    try:
        folder = requested_folder()
    except BadCountry:
        folder, status = None, 400
    else:
        status = 200
        if folder is not None and request.args["country"] != folder:
            return canonical_redirect("help.index", folder)
    if folder is not None:
        keep_query(country=folder)
    return render_template(
        "help/index.html",
        situations=SITUATIONS,
        folder=folder,
        countries=country_links(current_locale()),
        bad_country=status == 400,
    ), status


@bp.get("/<situation_id>")
@public_page
def situation_page(situation_id: str):
    chosen = situation(situation_id)
    if chosen is None:
        abort(404)
    try:
        folder = requested_folder()
    except BadCountry:
        return render_situation(chosen, None, bad_country=True), 400
    if folder is not None and request.args["country"] != folder:
        return canonical_redirect("help.situation_page", folder, situation_id=situation_id)
    if folder is None:
        participant = current_participant()
        known = folder_for_country(participant.country) if participant else None
        if known is not None:
            # their own country, on the address every visitor from there shares
            return redirect(
                url_for("help.situation_page", situation_id=situation_id, country=known)
            )
    else:
        keep_query(country=folder)
    return render_situation(chosen, folder)


def render_situation(chosen, folder: str | None, bad_country: bool = False):
    found = channels(folder, current_locale()) if folder else None
    return render_template(
        "help/situation.html",
        situation=chosen,
        folder=folder,
        channels=found,
        shown=found.for_situation(chosen.id) if found else [],
        countries=country_links(current_locale()),
        bad_country=bad_country,
    )
