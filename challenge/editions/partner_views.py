"""An organisation's admins and the editions: sign on, and each edition's funnel with its CSV.
Anyone but the organisation's admins gets a 404, so these pages do not confirm what exists."""

from flask import Response, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from challenge import ratelimits
from challenge.editions import bp, partners
from challenge.editions.partner_forms import SignOnForm
from challenge.editions.queries import edition as find_edition
from challenge.editions.queries import listing
from challenge.i18n.locales import current_locale
from challenge.participation.organisations import by_slug, is_admin

PRIVATE = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex", "Referrer-Policy": "no-referrer"}


def administered(org: str):
    organisation = by_slug(org)
    if organisation is None or not is_admin(organisation, current_user):
        abort(404)
    return organisation


def edition_or_404(slug: str):
    entry = find_edition(slug, current_locale())
    if entry is None:
        abort(404)
    return entry


@bp.get("/organisations/<org>")
@login_required
def organisation(org: str):
    organisation = administered(org)
    k = int(current_app.config["PRIVACY_MIN_GROUP"])
    found = listing(current_locale(), organisation.country)
    rows = []
    for group in (found.current, found.upcoming, found.past):
        for entry, window in group:
            signed = partners.partner(entry.item_id, organisation.id)
            form = SignOnForm(formdata=None, listed=signed.listed if signed else False)
            figures = partners.funnel(entry, organisation.id, k) if signed else None
            rows.append((entry, window, signed, form, figures))
    body = render_template("editions/organisation.html", organisation=organisation, rows=rows, k=k)
    return body, 200, PRIVATE


@bp.post("/<slug>/organisations/<org>/sign-on")
@login_required
@ratelimits.writes()
def sign_on(slug: str, org: str):
    organisation = administered(org)
    entry = edition_or_404(slug)
    form = SignOnForm()
    if not form.validate_on_submit():
        abort(400)
    if partners.sign_on(entry, organisation, listed=form.listed.data, actor=current_user):
        flash(
            _(
                "%(organisation)s is signed on to %(edition)s.",
                organisation=organisation.name,
                edition=entry.title,
            )
        )
    return redirect(
        url_for("editions.organisation", org=organisation.slug, _anchor=f"edition-{entry.slug}"),
        code=303,
    )


@bp.get("/<slug>/organisations/<org>/funnel.csv")
@login_required
def funnel_csv(slug: str, org: str):
    organisation = administered(org)
    entry = edition_or_404(slug)
    if partners.partner(entry.item_id, organisation.id) is None:
        abort(404)
    figures = partners.funnel(entry, organisation.id, int(current_app.config["PRIVACY_MIN_GROUP"]))
    response = Response(partners.funnel_csv(entry, organisation, figures), mimetype="text/csv")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{organisation.slug}-{entry.slug}-funnel.csv"'
    )
    response.headers.update(PRIVATE)
    return response
