"""The parental-consent path's pages (the path itself is in guardians.py): the child's sign-up
with a guardian's address, and the guardian's own link."""

from flask import render_template

from challenge import ratelimits
from challenge.accounts import bp, guardians
from challenge.accounts import operations as accounts
from challenge.accounts.forms import EmptyForm, GuardianForm
from challenge.accounts.notice import guardian_consent_offered
from challenge.i18n.locales import current_locale


@bp.route("/signup/guardian", methods=["GET", "POST"])
@ratelimits.logins()
def signup_with_guardian():
    """Below the country's threshold: the account waits for a parent's or guardian's consent,
    asked by e-mail; old enough, the usual sign-up. The same answer whatever the addresses."""
    form = GuardianForm()
    if form.validate_on_submit():
        if not form.needs_guardian():
            accounts.sign_up(form.email.data, form.password.data, current_locale())
            return render_template("accounts/check_email.html", email=form.email.data)
        if not guardian_consent_offered(form.country.data):
            # Nothing is stored: where the e-mail path is closed, only the anonymous one is left.
            return render_template("accounts/signup_refused.html", guardian_offered=False)
        guardians.ask(
            form.email.data, form.password.data, form.guardian_email.data, current_locale()
        )
        return render_template("accounts/guardian_asked.html")
    return render_template("accounts/signup_guardian.html", form=form), 400 if form.errors else 200


@bp.route("/guardian/<token>", methods=["GET", "POST"])
@ratelimits.logins()
def guardian_consent(token: str):
    """The guardian's link: GET says what they agree to and shows a button (a mail scanner
    opening the link consents to nothing); POST consents."""
    request_ = guardians.pending(token)
    if request_ is None:
        return render_template("accounts/link_invalid.html"), 400
    form = EmptyForm()
    if not form.validate_on_submit():
        return render_template(
            "accounts/guardian_consent.html", form=form, child_email=request_.child_email
        )
    guardians.confirm(request_)
    return render_template("accounts/guardian_consented.html")


@bp.route("/guardian/withdraw/<token>", methods=["GET", "POST"])
@ratelimits.logins()
def guardian_withdraw(token: str):
    """The link in the guardian's confirmatory message: GET says what withdrawing does and shows
    a button (a mail scanner opening the link deletes nothing); POST deletes the child's account."""
    account = guardians.withdrawable(token)
    if account is None:
        return render_template("accounts/link_invalid.html"), 400
    form = EmptyForm()
    if not form.validate_on_submit():
        return render_template(
            "accounts/guardian_withdraw.html", form=form, child_email=account.email
        ), 400 if form.is_submitted() else 200
    guardians.withdraw(account)
    return render_template("accounts/guardian_withdrawn.html")
