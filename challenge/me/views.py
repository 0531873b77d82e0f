"""The participant's page and their data download."""

from flask import jsonify, render_template
from flask_login import current_user, login_required

from challenge.i18n.locales import current_locale
from challenge.me import bp
from challenge.me.export import account_export
from challenge.me.queries import participant_progress
from challenge.organisations.forms import ShareNameForm
from challenge.participation.identity import current_participant
from challenge.participation.organisations import administered_by, by_id


@bp.get("/me")
def progress():
    participant = current_participant()
    organisation = by_id(participant.organisation_id) if participant else None
    return render_template(
        "me/progress.html",
        progress=participant_progress(participant, current_locale()),
        organisation=organisation,
        share_form=ShareNameForm(
            share_name=participant.share_name_with_org if organisation else False
        ).for_participant(participant),
        administered=administered_by(current_user),
    )


@bp.get("/account/export")
@login_required
def export():
    response = jsonify(account_export(current_user))
    response.headers["Content-Disposition"] = (
        'attachment; filename="quad-cyber-challenge-my-data.json"'
    )
    response.headers["Cache-Control"] = "no-store"
    return response
