from flask import abort, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _

from challenge import ratelimits
from challenge.caching import public_page
from challenge.cards import card_response, card_url
from challenge.content.queries import published_item
from challenge.editions import bp
from challenge.editions.calendar import BadCountry, chosen_country, edition_calendar, file_name
from challenge.editions.certificates import certificate_of
from challenge.editions.forms import CheckInForm
from challenge.editions.operations import CheckInRefused, check_in
from challenge.editions.partners import listed_partners
from challenge.editions.queries import edition as find_edition
from challenge.editions.queries import listing, participant_country
from challenge.editions.reminders.forms import ReminderForm
from challenge.editions.results import shown_standings
from challenge.editions.standing import progress
from challenge.extensions import csrf
from challenge.i18n.locales import current_locale
from challenge.participation.identity import current_participant

ACTION_ENDPOINTS = {"lesson": "lessons.lesson", "quiz": "quizzes.quiz", "pledge": "pledges.pledge"}


def edition_or_404(slug: str):
    entry = find_edition(slug, current_locale())
    if entry is None:
        abort(404)
    return entry


def linked_items(entry) -> dict:
    """The lesson, quiz or pledge of each action that names one, in the reader's language."""
    found = {}
    for day in entry.days:
        for action in day.actions:
            if not action.is_task:
                found[action.id] = published_item(action.kind, action.ref, current_locale())
    return found


@bp.get("/")
@public_page
def index():
    return render_template(
        "editions/index.html",
        editions=listing(current_locale(), participant_country(current_participant())),
    )


def card_text(entry) -> dict:
    return {"heading": _("Take part"), "title": entry.title, "locale": entry.shown.locale}


def render_edition(entry, form, status=200, refused=None, reminder_form=None):
    participant = current_participant()
    standings, final, k = shown_standings(entry)
    return render_template(
        "editions/edition.html",
        standings=standings,
        partners=listed_partners(entry.item_id),
        final=final,
        k=k,
        edition=entry,
        certificate=certificate_of(participant, entry.slug),
        progress=progress(participant, entry),
        form=form,
        items=linked_items(entry),
        endpoints=ACTION_ENDPOINTS,
        refused=refused,
        card_image=card_url("editions.card", card_text(entry), slug=entry.slug),
        reminder_form=reminder_form or ReminderForm(formdata=None),
    ), status


@bp.get("/<slug>")
@public_page
def edition(slug: str):
    entry = edition_or_404(slug)
    return render_edition(entry, CheckInForm().for_participant(current_participant()))


@bp.get("/<slug>/card.png")
def card(slug: str):
    """The edition's share card (challenge/cards), for its page's Open Graph tags."""
    return card_response(**card_text(edition_or_404(slug)))


@bp.get("/<slug>/calendar.ics")
@public_page
def calendar(slug: str):
    entry = edition_or_404(slug)
    try:
        country = chosen_country(
            request.args.get("country"), participant_country(current_participant())
        )
    except BadCountry:
        abort(400)
    response = make_response(edition_calendar(entry, country, current_locale()))
    response.headers["Content-Type"] = "text/calendar; charset=utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="{file_name(entry, country)}"'
    return response


@bp.post("/<slug>/check-in")
@bp.post("/<slug>/actions/<action_id>")
@csrf.exempt  # a shared page's form: challenge/cross_origin.py guards it
@ratelimits.writes()
@ratelimits.participation()
def tick(slug: str, action_id: str | None = None):
    entry = edition_or_404(slug)
    action_id = action_id or request.form.get("action", "")
    participant = current_participant()
    form = CheckInForm().for_participant(participant)
    if not form.validate_on_submit():
        return render_edition(entry, form, status=400)
    try:
        check_in(
            entry,
            action_id,
            country=form.country.data if form.country else None,
            locale=current_locale(),
            participant=participant,
        )
    except CheckInRefused as refused:
        return render_template(
            "editions/refused.html",
            edition=entry,
            refused=refused,
            item=published_item(refused.action.kind, refused.action.ref, current_locale())
            if refused.action is not None and not refused.action.is_task
            else None,
            endpoints=ACTION_ENDPOINTS,
        ), refused.status
    anchor = f"action-{action_id}"
    return redirect(url_for("editions.edition", slug=slug, _anchor=anchor), code=303)
