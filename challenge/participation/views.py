from flask import render_template
from flask_login import current_user

from challenge.i18n.locales import current_locale
from challenge.organisations.forms import ShareNameForm
from challenge.participation import bp
from challenge.participation.identity import current_participant
from challenge.participation.organisations import administered_by, by_id
from challenge.participation.queries import participant_progress


@bp.get("/me")
def progress():
    participant = current_participant()
    organisation = by_id(participant.organisation_id) if participant else None
    return render_template(
        "participation/progress.html",
        progress=participant_progress(participant, current_locale()),
        organisation=organisation,
        share_form=ShareNameForm(
            share_name=participant.share_name_with_org if organisation else False
        ).for_participant(participant),
        administered=administered_by(current_user),
    )
