"""Pages for an organisation's admins (and, read-only, campaign staff): dashboard, export, settings,
admins, join link. Anyone else gets a 404, so these pages do not confirm what exists."""

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from challenge import ratelimits
from challenge.errors import render_error
from challenge.i18n.locales import current_locale
from challenge.organisations import bp, operations
from challenge.organisations.chart import bar_chart
from challenge.organisations.dashboard import dashboard as dashboard_figures
from challenge.organisations.export import figures_csv
from challenge.organisations.forms import EmptyForm, InviteForm, SettingsForm
from challenge.organisations.queries import (
    admins_of,
    can_view_dashboard,
    invitation_by_code,
    pending_invitations,
)
from challenge.organisations.views import private
from challenge.participation.organisations import by_slug, is_admin


def administered(slug: str):
    """The organisation, if the signed-in account is one of its admins; otherwise 404."""
    organisation = by_slug(slug)
    if organisation is None or not is_admin(organisation, current_user):
        abort(404)
    return organisation


def viewable(slug: str):
    """The organisation, if the signed-in account may see its dashboard; otherwise 404."""
    organisation = by_slug(slug)
    if organisation is None or not can_view_dashboard(organisation, current_user):
        abort(404)
    return organisation


@bp.get("/orgs/<slug>/dashboard")
@login_required
def dashboard(slug: str):
    organisation = viewable(slug)
    admin = is_admin(organisation, current_user)
    # Members agreed to show their name to their organisation's admins, not to campaign staff.
    figures = dashboard_figures(organisation, current_locale(), with_names=admin)
    return private(
        render_template(
            "organisations/dashboard.html",
            organisation=organisation,
            figures=figures,
            chart=bar_chart(figures.days),
            is_admin=admin,
        )
    )


@bp.get("/orgs/<slug>/export.csv")
@login_required
def export(slug: str):
    organisation = viewable(slug)
    admin = is_admin(organisation, current_user)
    figures = dashboard_figures(organisation, current_locale(), with_names=admin, names_limit=None)
    response = Response(figures_csv(organisation, figures, with_names=admin), mimetype="text/csv")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{organisation.slug}-participation.csv"'
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/orgs/<slug>/settings", methods=["GET", "POST"])
@login_required
@ratelimits.writes()
def settings(slug: str):
    organisation = administered(slug)
    form = SettingsForm(obj=organisation)
    if form.validate_on_submit():
        operations.update_settings(
            organisation, **{name: getattr(form, name).data for name in operations.SETTINGS}
        )
        flash(_("The settings are saved."))
        return redirect(url_for("organisations.dashboard", slug=organisation.slug))
    return private(
        render_template("organisations/settings.html", organisation=organisation, form=form),
        400 if form.errors else 200,
    )


def render_admins(organisation, form, status=200):
    return private(
        render_template(
            "organisations/admins.html",
            organisation=organisation,
            form=form,
            admins=admins_of(organisation),
            invitations=pending_invitations(organisation),
        ),
        status,
    )


@bp.route("/orgs/<slug>/admins", methods=["GET", "POST"])
@login_required
@ratelimits.writes()
def admins(slug: str):
    organisation = administered(slug)
    form = InviteForm()
    if form.validate_on_submit():
        email = form.email.data
        if any(admin.email == email for admin in admins_of(organisation)):
            flash(_("%(email)s is already an admin.", email=email))
        else:
            operations.invite(organisation, email, current_user, current_locale())
            flash(
                _(
                    "We have sent an invitation to %(email)s. The link works for 7 days, for an account with that confirmed address.",
                    email=email,
                )
            )
        return redirect(url_for("organisations.admins", slug=organisation.slug))
    return render_admins(organisation, form, 400 if form.errors else 200)


@bp.post("/orgs/<slug>/admins/<int(max=2147483647):account_id>/remove")
@login_required
@ratelimits.writes()
def remove_admin(slug: str, account_id: int):
    organisation = administered(slug)
    if not EmptyForm().validate_on_submit():
        abort(400)
    if not operations.remove_admin(organisation, account_id):
        flash(_("An organisation needs at least one admin. Invite another admin first."))
        return redirect(url_for("organisations.admins", slug=organisation.slug))
    if account_id == current_user.id:
        flash(_("You are no longer an admin of %(name)s.", name=organisation.name))
        return redirect(url_for("me.progress"))
    flash(_("The admin is removed."))
    return redirect(url_for("organisations.admins", slug=organisation.slug))


@bp.post("/orgs/<slug>/join-code")
@login_required
@ratelimits.writes()
def rotate_code(slug: str):
    organisation = administered(slug)
    if not EmptyForm().validate_on_submit():
        abort(400)
    operations.rotate_code(organisation)
    flash(_("There is a new join link. The old one no longer works."))
    return redirect(url_for("organisations.dashboard", slug=organisation.slug, _anchor="join-link"))


@bp.route("/orgs/invitations/<code>", methods=["GET", "POST"])
@login_required
@ratelimits.writes()
def invitation(code: str):
    invitation = invitation_by_code(code)
    if invitation is None:
        return private(
            render_error(
                404,
                _(
                    "This invitation does not work. It may have expired or been used: ask an admin to invite you again."
                ),
            )[0],
            404,
        )
    organisation = invitation.organisation
    if not current_user.is_verified:
        reason = "unverified"
    elif current_user.email != invitation.email:
        reason = "other_address"
    else:
        reason = None
    form = EmptyForm()
    if reason is None and form.is_submitted():
        if not form.validate():
            abort(400)
        operations.accept_invitation(invitation, current_user)
        flash(_("You are now an admin of %(name)s.", name=organisation.name))
        return redirect(url_for("organisations.dashboard", slug=organisation.slug))
    return private(
        render_template(
            "organisations/invitation.html",
            organisation=organisation,
            reason=reason,
            form=form,
        ),
        403 if reason else 200,
    )
