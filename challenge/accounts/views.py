import math

from flask import (
    abort,
    current_app,
    flash,
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
    SignupForm,
)
from challenge.accounts.notice import guardian_consent_offered
from challenge.accounts.sessions import CARRIED_OVER
from challenge.i18n.locales import current_locale
from challenge.participation.identity import bind_to_browser
from challenge.urls import safe_next


def start_session(account, remember: bool) -> None:
    """A fresh session at log-in (no fixation: nothing else of the old one, a new CSRF token), then
    the browser's participation joins the account."""
    kept = {key: session[key] for key in CARRIED_OVER if key in session}
    session.clear()
    session.update(kept)
    login_user(account, remember=remember)
    accounts.log_in(account)


def slowed_down(form, email: str) -> bool:
    """Add the wait message to `form` if this address, or this client, failed too often lately;
    the same for any address, with or without an account."""
    wait = throttle.wait_seconds(email, ratelimits.client_address())
    if wait:
        if wait < 60:
            message = ngettext(
                "Too many failed attempts. Wait %(num)d second before trying again, or sign in with a link by email.",
                "Too many failed attempts. Wait %(num)d seconds before trying again, or sign in with a link by email.",
                wait,
            )
        else:
            message = ngettext(
                "Too many failed attempts. Wait %(num)d minute before trying again, or sign in with a link by email.",
                "Too many failed attempts. Wait %(num)d minutes before trying again, or sign in with a link by email.",
                math.ceil(wait / 60),
            )
        form.form_errors.append(message)
    return bool(wait)


def password_checked(form, email: str, password: str) -> bool | None:
    """Check a password under the progressive delays: True, False, or None when it must wait."""
    if slowed_down(form, email):
        return None
    if accounts.authenticate(email, password) is None:
        throttle.record_failure(email, ratelimits.client_address())
        return False
    throttle.record_success(email)
    return True


@bp.route("/signup", methods=["GET", "POST"])
@ratelimits.logins()
def signup():
    """The same answer whether or not the address has an account; nobody is logged in until the
    address is confirmed by the link mailed to it."""
    form = SignupForm()
    if form.validate_on_submit():
        if form.needs_guardian():
            # Nothing is stored, not even the age band: only the anonymous path is offered.
            return render_template(
                "accounts/signup_refused.html",
                guardian_offered=guardian_consent_offered(form.country.data),
            )
        accounts.sign_up(form.email.data, form.password.data, current_locale())
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
            return redirect(safe_next(url_for("me.progress")))
        if checked is None:
            status = 429
        else:
            form.form_errors.append(
                _(
                    "That email address and password do not match a confirmed account. If you have just signed up, follow the link we emailed you first."
                )
            )
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
    """The link mailed at sign-up: it confirms the address and, the first time, logs in."""
    account, confirmed_now = accounts.verify_email(token)
    if account is None:
        return render_template("accounts/link_invalid.html"), 400
    if confirmed_now:
        start_session(account, remember=False)
        flash(_("Thank you: your email address is confirmed. You are logged in."))
        return redirect(url_for("me.progress"))
    flash(_("Your email address is already confirmed."))
    return redirect(
        url_for("accounts.settings") if current_user.is_authenticated else url_for("accounts.login")
    )


@bp.route("/sign-in", methods=["GET", "POST"])
@ratelimits.logins()
def sign_in_request():
    form = ResetRequestForm()
    if form.validate_on_submit():
        accounts.send_sign_in_link(form.email.data)
        return render_template("accounts/check_email.html", email=form.email.data, sign_in=True)
    return render_template("accounts/sign_in_request.html", form=form), 400 if form.errors else 200


@bp.route("/sign-in/<token>", methods=["GET", "POST"])
@ratelimits.logins()
def sign_in_link(token: str):
    """A button, then the sign-in: mail scanners that open links must not use up the link."""
    if accounts.account_for_sign_in(token, use=False) is None:
        return render_template("accounts/link_invalid.html"), 400
    form = EmptyForm()
    if not form.validate_on_submit():
        return render_template("accounts/sign_in_confirm.html", form=form)
    account = accounts.account_for_sign_in(token)
    throttle.record_success(account.email)  # the mailbox's owner: the failures were not theirs
    start_session(account, remember=False)
    flash(_("You are logged in. Every other session of your account has ended."))
    return redirect(url_for("me.progress"))


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
