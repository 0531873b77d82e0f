"""The name printed on a finished edition's certificate, chosen by its holder at the finish.

Optional and personal, so asked like everything personal (issue 32): the neutral age question
first; below the threshold of the holder's country no name is kept unless their account carries a
parent's or guardian's recorded consent (challenge/accounts/guardians.py). An account holder's
choice is recorded as the "certificate-name" consent, withdrawn from the account page. The name is
shown by the certificate alone (its page, PDF, PNG): this page is the holder's and never cached,
and no other page (the edition's, "My progress", the share card, the badge) prints it.
"""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from challenge import ratelimits
from challenge.accounts import consents
from challenge.accounts.notice import guardian_consent_offered
from challenge.certificates import operations as certificate_operations
from challenge.editions import bp
from challenge.editions.certificates import certificate_of
from challenge.editions.forms import CertificateNameForm
from challenge.editions.views import edition_or_404
from challenge.extensions import db
from challenge.participation.identity import current_participant

PRIVATE = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex", "Referrer-Policy": "no-referrer"}


def guardian_consented(participant) -> bool:
    """Whether a parent or guardian consented to this participant's account (and still does)."""
    return participant.account_id is not None and (
        consents.active(participant.account_id, consents.PARENTAL) is not None
    )


def choose(participant, certificate, name: str | None) -> None:
    """Print `name` (None: no name) and record an account holder's consent to it; one commit."""
    certificate_operations.set_name(certificate, name)
    if participant.account_id is not None:
        showing = consents.active(participant.account_id, consents.CERTIFICATE_NAME)
        if certificate.name and showing is None:
            consents.give(participant.account_id, consents.CERTIFICATE_NAME)
    db.session.commit()


@bp.route("/<slug>/certificate/name", methods=["GET", "POST"])
@ratelimits.writes()
def certificate_name(slug: str):
    entry = edition_or_404(slug)
    participant = current_participant()
    certificate = certificate_of(participant, entry.slug)
    if certificate is None:
        abort(404)  # only the holder of this edition's certificate has this page
    if certificate.revoked:
        page = render_template(
            "editions/certificate_name.html", edition=entry, certificate=certificate, form=None
        )
        return page, 409, PRIVATE
    form = CertificateNameForm(name=certificate.name, country=participant.country)
    if form.validate_on_submit():
        name = certificate_operations.printable_name(form.name.data)
        if name is not None and form.needs_guardian() and not guardian_consented(participant):
            # Nothing is kept, not the name, not the age band: the certificate verifies without.
            page = render_template(
                "editions/certificate_name_refused.html",
                edition=entry,
                guardian_offered=guardian_consent_offered(form.country.data),
            )
            return page, 200, PRIVATE
        choose(participant, certificate, name)
        if name is None:
            flash(_("Your certificate prints no name."))
        else:
            flash(_("Your certificate now prints the name you chose."))
        return redirect(
            url_for("editions.edition", slug=entry.slug, _anchor="certificate"), code=303
        )
    page = render_template(
        "editions/certificate_name.html", edition=entry, certificate=certificate, form=form
    )
    return page, 400 if form.errors else 200, PRIVATE
