import math

from flask import (
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required, login_user, logout_user

from challenge import ratelimits
from challenge.accounts import bp, throttle
from challenge.accounts import operations as accounts
from challenge.accounts.forms import (
    ChangePasswordForm,
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
from challenge.quizzes.attempts import SESSION_KEY as QUIZ_ATTEMPTS
from challenge.urls import safe_next

# What survives the new session at log-in: quiz forms already open in this browser.
CARRIED_OVER = (QUIZ_ATTEMPTS,)


def start_session(account, remember: bool) -> None:
    """A fresh session at log-in (no fixation: nothing else of the old one, a new CSRF token), then
    the browser's participation joins the account."""
    kept = {key: session[key] for key in CARRIED_OVER if key in session}
    session.clear()
    session.update(kept)
    login_user(account, remember=remember)
    accounts.log_in(account)


def locked_out(form, email: str) -> bool:
    """Add the lockout message to `form` if this address failed too often; the same for any address."""
    wait = throttle.wait_seconds(email)
    if wait:
        minutes = math.ceil(wait / 60)
        form.form_errors.append(
            ngettext(
                "Too many failed attempts with this email address. Try again in %(num)d minute, or reset your password.",
                "Too many failed attempts with this email address. Try again in %(num)d minutes, or reset your password.",
                minutes,
            )
        )
    return bool(wait)


def password_checked(form, email: str, password: str) -> bool | None:
    """Check a password under the per-account limit: True, False, or None when locked out."""
    if locked_out(form, email):
        return None
    if accounts.authenticate(email, password) is None:
        throttle.record_failure(email)
        return False
    throttle.record_success(email)
    return True


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
    status = 200
    if form.validate_on_submit():
        checked = password_checked(form, form.email.data, form.password.data)
        if checked:
            start_session(accounts.find(form.email.data), remember=form.remember.data)
            return redirect(safe_next(url_for("participation.progress")))
        if checked is None:
            status = 429
        else:
            form.form_errors.append(_("That email address and password do not match an account."))
    if status == 200 and (form.errors or form.form_errors):
        status = 400
    return render_template("accounts/login.html", form=form), status


@bp.post("/logout")
def logout():
    if not EmptyForm().validate_on_submit():
        abort(400)
    if current_user.is_authenticated:
        accounts.end_sessions(current_user)  # a copied session or remember cookie stops working
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
    form = ResetForm(account_email=account.email)
    if form.validate_on_submit():
        accounts.set_password(account, form.password.data)
        throttle.record_success(account.email)  # the link proved the owner: lift any lockout
        start_session(account, remember=False)
        flash(_("Your password has been changed. You are logged in."))
        return redirect(url_for("accounts.settings"))
    return render_template("accounts/reset.html", form=form), 400 if form.errors else 200


@bp.route("/password", methods=["GET", "POST"])
@login_required
@ratelimits.logins()
def change_password():
    """A new password, after the current one; every other session ends, this one goes on."""
    account = current_user._get_current_object()
    form = ChangePasswordForm(account_email=account.email)
    status = 200
    if form.validate_on_submit():
        checked = password_checked(form, account.email, form.current_password.data)
        if checked:
            remembered = current_app.config["REMEMBER_COOKIE_NAME"] in request.cookies
            accounts.set_password(account, form.password.data, by_email_link=False)
            start_session(account, remember=remembered)
            flash(
                _(
                    "Your password has been changed. You are still logged in here, and logged out everywhere else."
                )
            )
            return redirect(url_for("accounts.settings"))
        if checked is None:
            status = 429
        else:
            form.current_password.errors = [
                *form.current_password.errors,
                _("That password is not right."),
            ]
    if status == 200 and form.errors:
        status = 400
    return render_template("accounts/password.html", form=form), status


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
    status = 200
    if form.validate_on_submit():
        checked = password_checked(form, current_user.email, form.password.data)
        if checked is None:
            status = 429
        elif not checked:
            form.password.errors = [*form.password.errors, _("That password is not right.")]
        else:
            accounts.delete_account(current_user._get_current_object())
            session.clear()
            logout_user()
            bind_to_browser(None)
            return render_template("accounts/deleted.html")
    if status == 200 and form.errors:
        status = 400
    return render_template("accounts/delete.html", form=form), status
