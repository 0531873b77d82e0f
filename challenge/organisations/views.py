"""Public pages, registering, and membership: the join link, leaving, sharing one's name."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from challenge import ratelimits
from challenge.caching import public_page
from challenge.errors import render_error
from challenge.i18n.locales import current_locale
from challenge.moderation.names import is_listed, organisation_name_state, shared_name
from challenge.organisations import bp, operations
from challenge.organisations.dashboard import public_figures
from challenge.organisations.forms import EmptyForm, JoinForm, OrganisationForm
from challenge.organisations.queries import can_see_unverified, verified_list
from challenge.participation.identity import current_participant
from challenge.participation.operations import MembershipChanged
from challenge.participation.organisations import by_code, by_id, by_slug, domain_refusal, is_admin


def private(body: str, status: int = 200):
    """Pages with a join code or personal figures: never cached, indexed or sent as a referrer."""
    headers = {
        "Cache-Control": "no-store",
        "X-Robots-Tag": "noindex",
        "Referrer-Policy": "no-referrer",
    }
    return body, status, headers


@bp.get("/for-organisations")
@public_page
def about():
    """What an organisation gets, and where to sign it up."""
    return render_template("organisations/about.html")


@bp.get("/orgs/")
def index():
    return render_template("organisations/index.html", organisations=verified_list())


@bp.route("/orgs/new", methods=["GET", "POST"])
@login_required
@ratelimits.writes()
def register():
    form = OrganisationForm()
    if form.validate_on_submit():
        organisation = operations.register(
            current_user,
            **{name: getattr(form, name).data for name in operations.EDITABLE},
        )
        flash(
            _("%(name)s is registered. Campaign staff will verify it soon.", name=organisation.name)
        )
        return redirect(url_for("organisations.dashboard", slug=organisation.slug))
    return render_template("organisations/new.html", form=form), 400 if form.errors else 200


@bp.get("/orgs/<slug>")
def public(slug: str):
    organisation = by_slug(slug)
    # Public once verified with an approved name; before that, and with a hidden name (its slug
    # is made from a name), only its admins and staff see it.
    if organisation is None or not (
        is_listed(organisation) or can_see_unverified(organisation, current_user)
    ):
        abort(404)
    return render_template(
        "organisations/public.html",
        organisation=organisation,
        figures=public_figures(organisation),
        is_admin=is_admin(organisation, current_user),
        name_state=organisation_name_state(organisation),
    )


def render_join(organisation, form, status=200):
    participant = current_participant()
    return private(
        render_template(
            "organisations/join.html",
            organisation=organisation,
            form=form,
            current=by_id(participant.organisation_id) if participant else None,
        ),
        status,
    )


@bp.route("/join/<code>", methods=["GET", "POST"])
@ratelimits.writes()
def join(code: str):
    """GET only shows the organisation (link previews open links); POST joins."""
    organisation = by_code(code)
    if organisation is None:
        return private(
            render_error(
                404,
                _(
                    "This join link does not work. Your organisation may have replaced it with a new one: ask them for the current link."
                ),
            )[0],
            404,
        )
    refusal = domain_refusal(organisation, current_user)
    if refusal:
        return private(
            render_template(
                "organisations/join_refused.html", organisation=organisation, reason=refusal
            ),
            403,
        )
    participant = current_participant()
    form = JoinForm().for_participant(participant)
    current = participant.organisation_id if participant else None
    if not form.is_submitted():
        form.leaving.data = str(current or "")
        return render_join(organisation, form)
    if not form.validate():
        return render_join(organisation, form, 400)
    if current == organisation.id:
        flash(_("You are already a member of %(name)s.", name=shared_name(organisation)))
        return redirect(url_for("me.progress"))
    if form.leaving.data != str(current or ""):
        # The page did not say which organisation this would take them out of: ask again.
        form.leaving.data = str(current or "")
        form.form_errors.append(
            _("Your membership has changed. Check the details and confirm again.")
        )
        return render_join(organisation, form, 409)
    try:
        operations.join(
            organisation,
            country=form.country.data if form.country else None,
            locale=current_locale(),
            display_name=form.display_name.data if form.display_name else None,
            share_name=form.share_name.data,
        )
    except MembershipChanged:
        form.form_errors.append(
            _("Your membership has changed. Check the details and confirm again.")
        )
        return render_join(organisation, form, 409)
    flash(
        _(
            "You are now a member of %(name)s. Thank you for taking part!",
            name=shared_name(organisation),
        )
    )
    return redirect(url_for("me.progress", _anchor="organisation"))


@bp.post("/me/organisation/leave")
@ratelimits.writes()
def leave():
    if not EmptyForm().validate_on_submit():
        abort(400)
    participant = current_participant()
    organisation = by_id(participant.organisation_id) if participant else None
    if organisation is not None:
        try:
            operations.leave(participant)
        except MembershipChanged:  # a second click: the first one left already
            pass
        else:
            flash(_("You have left %(name)s.", name=shared_name(organisation)))
    return redirect(url_for("me.progress"))
