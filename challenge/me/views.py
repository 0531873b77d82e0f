"""The participant's page and their data download."""

from flask import flash, jsonify, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from challenge import ratelimits
from challenge.i18n.locales import current_locale
from challenge.me import bp
from challenge.me.export import account_export, participation_export
from challenge.me.forms import CountryForm, EraseForm
from challenge.me.queries import participant_progress
from challenge.organisations import operations as organisation_operations
from challenge.organisations.forms import ShareNameForm
from challenge.participation.erasure import erase_browser_participant
from challenge.participation.identity import current_participant
from challenge.participation.operations import set_country
from challenge.participation.organisations import administered_by, by_id


@bp.get("/me")
def progress(country_form=None, share_form=None, status=200):
    participant = current_participant()
    organisation = by_id(participant.organisation_id) if participant else None
    if country_form is None:
        country_form = CountryForm(country=participant.country if participant else None)
    return render_template(
        "me/progress.html",
        progress=participant_progress(participant, current_locale()),
        organisation=organisation,
        share_form=share_form
        or ShareNameForm(
            share_name=participant.share_name_with_org if organisation else False
        ).for_participant(participant),
        administered=administered_by(current_user),
        country_form=country_form,
    ), status


@bp.post("/me/country")
@ratelimits.writes()
def change_country():
    """The country given once, on the first participation, changed here."""
    participant = current_participant()
    form = CountryForm()
    if participant is None:
        return redirect(url_for("me.progress"))
    if not form.validate_on_submit():
        return progress(country_form=form, status=400)
    set_country(participant, form.country.data)
    flash(_("Your country is saved."))
    return redirect(url_for("me.progress", _anchor="your-country"))


@bp.post("/me/organisation")
@ratelimits.writes()
def share_name():
    """Whether the organisation's admins see the display name, and a name while there is none
    (asked with the age question, as everywhere a visitor gives one)."""
    participant = current_participant()
    if participant is None or participant.organisation_id is None:
        return redirect(url_for("me.progress"))
    form = ShareNameForm().for_participant(participant)
    if not form.validate_on_submit():
        return progress(share_form=form, status=400)
    display_name = form.display_name.data if form.display_name else None
    organisation_operations.share_name(participant, form.share_name.data, display_name)
    flash(_("Your choice is saved."))
    return redirect(url_for("me.progress", _anchor="organisation"))


@bp.route("/me/erase", methods=["GET", "POST"])
@ratelimits.writes()
def erase():
    """A participant without an account erases what the site holds about this browser, after
    ticking a box to confirm; an account's participation goes with the account (its own page)."""
    if current_user.is_authenticated:
        return redirect(url_for("accounts.delete"))
    participant = current_participant()
    form = EraseForm()
    if participant is None:
        if form.is_submitted():  # erased already (another tab), or never took part
            return redirect(url_for("me.progress"))
        return render_template("me/erase.html", form=None)
    if form.validate_on_submit():
        erase_browser_participant(participant)
        flash(_("Your data is erased. This browser is no longer linked to anything you did."))
        return redirect(url_for("me.progress"))
    status = 400 if form.errors else 200
    return render_template("me/erase.html", form=form), status


@bp.get("/account/export")
@login_required
def export():
    response = jsonify(account_export(current_user))
    response.headers["Content-Disposition"] = (
        'attachment; filename="quad-cyber-challenge-my-data.json"'
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/me/data.json")
def browser_export():
    """Everything recorded about this browser's participant, for a visitor without an account."""
    response = jsonify({"participation": participation_export(current_participant())})
    response.headers["Content-Disposition"] = (
        'attachment; filename="quad-cyber-challenge-my-data.json"'
    )
    response.headers["Cache-Control"] = "no-store"
    return response
