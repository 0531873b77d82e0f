"""Staff management (admins only): list staff, grant a role to an account, change it, give
translators their languages, revoke."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from challenge import ratelimits
from challenge.accounts.models import Account
from challenge.accounts.operations import find
from challenge.extensions import db
from challenge.staff import bp
from challenge.staff.access import require, role_name
from challenge.staff.people import operations
from challenge.staff.people.forms import (
    EmptyForm,
    GrantForm,
    LocalesForm,
    RoleForm,
    locale_choices,
)


def render_people(form=None, error: str | None = None, status: int = 200):
    return render_template(
        "staff/people/index.html",
        form=form or GrantForm(formdata=None),
        people=operations.staff_list(),
        locale_names=dict(locale_choices()),
        role_form=RoleForm(formdata=None),
        error=error,
    ), status


def staff_account(account_id: int) -> Account:
    account = db.session.get(Account, account_id)
    if account is None or account.staff_role is None:
        abort(404)
    return account


def actor() -> Account:
    return current_user._get_current_object()


@bp.route("/people", methods=["GET", "POST"])
@require("staff.manage")
@ratelimits.writes()
def people():
    form = GrantForm()
    if not form.validate_on_submit():
        return render_people(form, status=400 if form.errors else 200)
    account = find(form.email.data)
    if account is None:
        form.email.errors.append(
            _("No account uses that address. Ask them to sign up first, then give them the role.")
        )
        return render_people(form, status=400)
    if not account.is_verified:
        form.email.errors.append(str(operations.unverified_message(account)))
        return render_people(form, status=400)
    try:
        changed = operations.set_role(account, form.role.data, actor())
    except operations.Refused as refused:
        return render_people(form, str(refused), 409)
    if changed:
        flash(
            _(
                "%(email)s now has the role: %(role)s.",
                email=account.email,
                role=role_name(account.staff_role),
            )
        )
    else:
        flash(_("%(email)s already had that role.", email=account.email))
    return redirect(url_for("staff.people"), 303)


@bp.post("/people/<int(max=2147483647):account_id>/role")
@require("staff.manage")
@ratelimits.writes()
def change_role(account_id: int):
    account = staff_account(account_id)
    form = RoleForm()
    if not form.validate_on_submit():
        return render_people(error=" ".join(map(str, form.role.errors)) or None, status=400)
    try:
        operations.set_role(account, form.role.data, actor())
    except operations.Refused as refused:
        return render_people(error=str(refused), status=409)
    flash(
        _(
            "%(email)s now has the role: %(role)s.",
            email=account.email,
            role=role_name(account.staff_role),
        )
    )
    return redirect(url_for("staff.people"), 303)


@bp.post("/people/<int(max=2147483647):account_id>/locales")
@require("staff.manage")
@ratelimits.writes()
def change_locales(account_id: int):
    account = staff_account(account_id)
    form = LocalesForm()
    if not form.validate_on_submit():
        return render_people(error=_("Choose languages from the list."), status=400)
    try:
        operations.set_locales(account, form.locales.data or [])
    except operations.Refused as refused:
        return render_people(error=str(refused), status=409)
    flash(_("%(email)s's languages are saved.", email=account.email))
    return redirect(url_for("staff.people"), 303)


@bp.post("/people/<int(max=2147483647):account_id>/revoke")
@require("staff.manage")
@ratelimits.writes()
def revoke_role(account_id: int):
    account = staff_account(account_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        operations.revoke(account, actor())
    except operations.Refused as refused:
        return render_people(error=str(refused), status=409)
    flash(_("%(email)s is no longer staff.", email=account.email))
    return redirect(url_for("staff.people"), 303)
