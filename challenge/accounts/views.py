from flask import abort, flash, jsonify, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from challenge import ratelimits
from challenge.accounts import bp
from challenge.accounts import operations as accounts
from challenge.accounts.forms import (
    DeleteForm,
    EmptyForm,
    LoginForm,
    ResetForm,
    ResetRequestForm,
    SettingsForm,
    SignupForm,
)
from challenge.i18n.locales import current_locale
from challenge.participation.identity import bind_to_browser
from challenge.urls import safe_next


def start_session(account, remember: bool) -> None:
    """A fresh session at log-in (no fixation), then the browser's participation joins the account."""
    session.clear()
    login_user(account, remember=remember)
    accounts.log_in(account)


@bp.route("/signup", methods=["GET", "POST"])
@ratelimits.logins()
def signup():
    form = SignupForm()
    if form.validate_on_submit():
        account = accounts.sign_up(form.email.data, form.password.data, current_locale())
        if account is not None:
            start_session(account, remember=False)
        return render_template("accounts/check_email.html", email=form.email.data)
    return render_template("accounts/signup.html", form=form), 400 if form.errors else 200


@bp.route("/login", methods=["GET", "POST"])
@ratelimits.logins()
def login():
    form = LoginForm()
    if form.validate_on_submit():
        account = accounts.authenticate(form.email.data, form.password.data)
        if account is not None:
            start_session(account, remember=form.remember.data)
            return redirect(safe_next(url_for("participation.progress")))
        form.form_errors.append(_("That email address and password do not match an account."))
    status = 400 if form.errors or form.form_errors else 200
    return render_template("accounts/login.html", form=form), status


@bp.post("/logout")
def logout():
    if not EmptyForm().validate_on_submit():
        abort(400)
    session.clear()
    logout_user()  # after clear(): it leaves a flag in the session that deletes the remember cookie
    bind_to_browser(None)  # the next person on this browser starts afresh
    return redirect(url_for("pages.home"))


@bp.get("/verify/<token>")
def verify(token: str):
    account = accounts.verify_email(token)
    if account is None:
        return render_template("accounts/link_invalid.html"), 400
    flash(_("Thank you: your email address is confirmed."))
    return redirect(
        url_for("accounts.settings") if current_user.is_authenticated else url_for("accounts.login")
    )


@bp.post("/verify")
@login_required
@ratelimits.logins()
def resend_verification():
    if not EmptyForm().validate_on_submit():
        abort(400)
    if not current_user.is_verified:
        accounts.send_verification(current_user)
    flash(_("We sent you a new confirmation link."))
    return redirect(url_for("accounts.settings"))


@bp.route("/reset", methods=["GET", "POST"])
@ratelimits.logins()
def reset_request():
    form = ResetRequestForm()
    if form.validate_on_submit():
        accounts.request_reset(form.email.data)
        return render_template("accounts/check_email.html", email=form.email.data, reset=True)
    return render_template("accounts/reset_request.html", form=form), 400 if form.errors else 200


@bp.route("/reset/<token>", methods=["GET", "POST"])
@ratelimits.logins()
def reset(token: str):
    account = accounts.account_for_reset(token)
    if account is None:
        return render_template("accounts/link_invalid.html"), 400
    form = ResetForm()
    if form.validate_on_submit():
        accounts.set_password(account, form.password.data)
        start_session(account, remember=False)
        flash(_("Your password has been changed. You are logged in."))
        return redirect(url_for("accounts.settings"))
    return render_template("accounts/reset.html", form=form), 400 if form.errors else 200


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
        "accounts/settings.html", form=form, action_form=EmptyForm()
    ), 400 if form.errors else 200


@bp.get("/export")
@login_required
def export():
    response = jsonify(accounts.export_data(current_user))
    response.headers["Content-Disposition"] = (
        'attachment; filename="quad-cyber-challenge-my-data.json"'
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/delete", methods=["GET", "POST"])
@login_required
@ratelimits.logins()
def delete():
    form = DeleteForm()
    if form.validate_on_submit():
        if accounts.authenticate(current_user.email, form.password.data) is None:
            form.password.errors = [*form.password.errors, _("That password is not right.")]
        else:
            accounts.delete_account(current_user._get_current_object())
            session.clear()
            logout_user()
            bind_to_browser(None)
            return render_template("accounts/deleted.html")
    return render_template("accounts/delete.html", form=form), 400 if form.errors else 200
