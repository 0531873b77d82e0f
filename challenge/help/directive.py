"""`{{channels: SITUATION}}` in a lesson: where to get help for SITUATION in the visitor's country,
from content/channels/, so that no lesson writes a channel's name or number itself."""

from flask import render_template, request
from markupsafe import Markup

from challenge.content import directives
from challenge.help.queries import (
    FOLDERS,
    channels,
    country_links,
    folder_for_country,
    situation,
)
from challenge.i18n.locales import current_locale
from challenge.participation.identity import current_participant


def visitor_folder() -> str | None:
    """?country= on the page's address, else the participant's country; a country the query
    does not name is ignored here (the lesson is still worth reading)."""
    asked = request.args.get("country", "")
    if asked in FOLDERS:
        return asked
    folder = folder_for_country(asked) if 0 < len(asked) <= 8 else None
    if folder is not None:
        return folder
    participant = current_participant()  # a visitor with a cookie: a private page anyway
    return folder_for_country(participant.country) if participant else None


@directives.renderer("channels")
def render_channels(situation_id: str) -> Markup:
    chosen = situation(situation_id)
    folder = visitor_folder()
    found = channels(folder, current_locale()) if folder else None
    return Markup(  # noqa: S704 - an autoescaped template's output
        render_template(
            "help/_lesson_channels.html",
            situation=chosen,
            folder=folder,
            channels=found,
            shown=found.for_situation(situation_id) if found else [],
            countries=country_links(current_locale()),
        )
    )
