"""Look a certificate up by its code and revoke it. Staff see what the public page shows, plus
when it was issued and who revoked it; never who holds it."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from challenge import ratelimits
from challenge.accounts.models import Account
from challenge.certificates import operations
from challenge.certificates.codes import normalise
from challenge.certificates.facts import facts
from challenge.certificates.queries import by_code
from challenge.extensions import db
from challenge.i18n.locales import native_name
from challenge.staff import bp
from challenge.staff.access import require
from challenge.staff.certificates.forms import RevokeForm


def page(certificate, typed: str, form: RevokeForm, status: int = 200):
    revoked_by = (
        db.session.get(Account, certificate.revoked_by_id)
        if certificate is not None and certificate.revoked_by_id
        else None
    )
    return render_template(
        "staff/certificates/lookup.html",
        certificate=certificate,
        facts=facts(certificate, current_user.locale or None) if certificate else None,
        revoked_by=revoked_by,
        language=native_name(certificate.locale) if certificate else None,
        typed=typed,
        form=form,
    ), status


@bp.get("/certificates")
@require("certificates.revoke")
def certificates():
    typed = request.args.get("code", "").replace("\x00", "").strip()[:64]
    if not typed:
        return page(None, "", RevokeForm())
    certificate = by_code(typed)
    if certificate is None:
        return page(None, typed, RevokeForm(), 404)
    return page(certificate, certificate.code, RevokeForm())


@bp.post("/certificates/<code>/revoke")
@require("certificates.revoke")
@ratelimits.writes()
def revoke_certificate(code: str):
    certificate = by_code(code) if normalise(code) else None
    if certificate is None:
        return page(None, code[:64], RevokeForm(), 404)
    form = RevokeForm()
    if not form.validate_on_submit():
        return page(certificate, certificate.code, form, 400)
    if certificate.revoked:
        flash(_("This certificate was already revoked."))
    else:
        operations.revoke(certificate.code, form.reason.data, current_user)
        flash(_("Certificate %(code)s is revoked.", code=certificate.code))
    return redirect(url_for("staff.certificates", code=certificate.code), 303)
