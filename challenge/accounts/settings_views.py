"""The account holder's settings page: name, country, language, and the consents they gave."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from challenge import ratelimits
from challenge.accounts import bp, consents
from challenge.accounts import operations as accounts
from challenge.accounts.forms import EmptyForm, SettingsForm


@bp.route("/", methods=["GET", "POST"])
@login_required
@ratelimits.writes()
def settings():
    participant = accounts.participant_of(current_user)
    form = SettingsForm(
        display_name=participant.display_name if participant else None,
        show_name=participant.show_name if participant else False,
        country=participant.country if participant else None,
        language=current_user.locale,
    )
    if form.validate_on_submit():
        accounts.update_settings(
            current_user,
            display_name=form.display_name.data,
            show_name=form.show_name.data,
            country=form.country.data,
            language=form.language.data,
        )
        flash(_("Your settings are saved."))
        return redirect(url_for("accounts.settings", locale=form.language.data))
    return render_template(
        "accounts/settings.html",
        form=form,
        action_form=EmptyForm(),
        consents=consents.listed(current_user),
        purposes=consents.PURPOSES,
        only_by_deletion=consents.ONLY_BY_DELETION,
    ), 400 if form.errors else 200


@bp.post("/consents/<int:consent_id>/withdraw")
@login_required
@ratelimits.writes()
def withdraw_consent(consent_id: int):
    """One button per consent; the account's own is withdrawn by deleting the account."""
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        consent = consents.withdraw(current_user._get_current_object(), consent_id)
    except consents.NotWithdrawable:
        abort(404)
    flash(
        _(
            "You have withdrawn your consent to: %(purpose)s. We have stopped at once.",
            purpose=str(consents.PURPOSES[consent.purpose]),
        )
    )
    return redirect(url_for("accounts.settings"))
