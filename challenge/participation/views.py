from flask import render_template

from challenge.i18n.locales import current_locale
from challenge.participation import bp
from challenge.participation.identity import current_participant
from challenge.participation.queries import participant_progress


@bp.get("/me")
def progress():
    return render_template(
        "participation/progress.html",
        progress=participant_progress(current_participant(), current_locale()),
    )
