"""The public side of certificates: the verification page, its downloads and the Open Badges
documents. Anyone with a code may read what the certificate says and nothing else.

Caching: a certificate's page, downloads and assertion are public and the same for everyone, so a
browser may keep them CERTIFICATE_CACHE_SECONDS and a shared cache PAGE_CACHE_SECONDS; a
revocation therefore shows everywhere within CERTIFICATE_CACHE_SECONDS (60 s by default).
Unknown or malformed codes all get one and the same 404 page, never cached.
"""

import json
import re

from flask import Response, abort, current_app, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import refresh

from challenge import ratelimits
from challenge.caching import public_page
from challenge.cards import card_response, card_url
from challenge.certificates import bp, documents, openbadges
from challenge.certificates.badge_image import BADGE_SVG
from challenge.certificates.codes import normalise
from challenge.certificates.facts import facts as facts_of
from challenge.certificates.qr import qr_svg
from challenge.certificates.queries import by_code
from challenge.certificates.registry import KIND_PATTERN, describe
from challenge.errors import render_error
from challenge.i18n.locales import LanguageLink, current_locale, native_name

JSON_LD = "application/ld+json"


def home_language_links():
    """The language switcher of the not-found page: home pages only, never the typed address."""
    here = current_locale()
    return [
        LanguageLink(code, native_name(code), url_for("pages.home", locale=code), code == here)
        for code in current_app.config["LOCALES"]
    ]


def not_found():
    """One page for every code that names no certificate: it shows nothing of what was typed."""
    return render_template(
        "certificates/not_found.html",
        canonical_url=lambda: None,
        language_links=home_language_links,
    ), 404


def found(code: str, canonical_endpoint: str | None = None, **values):
    """The certificate, or a response: a redirect to the canonical spelling of a code typed in
    another (by its form alone, before any lookup), or the not-found page."""
    canonical = normalise(code)
    if canonical is None:
        return None, not_found()
    if canonical != code and canonical_endpoint:
        return None, redirect(url_for(canonical_endpoint, code=canonical, **values), 301)
    certificate = by_code(canonical)
    if certificate is None:
        return None, not_found()
    return certificate, None


def briefly_cached(response: Response) -> Response:
    response.cache_control.public = True
    response.cache_control.max_age = int(current_app.config["CERTIFICATE_CACHE_SECONDS"])
    return response


def in_certificate_locale(certificate) -> None:
    """/verify/<code> speaks the certificate's language; /<locale>/verify/<code> the one chosen."""
    if "locale" not in g:
        g.locale = certificate.locale
        refresh()


@bp.get("/verify/")
def lookup():
    """A code typed into the form on this page goes to its certificate's page."""
    typed = request.args.get("code", "")
    if typed:
        code = normalise(typed)
        if code is not None:
            return redirect(url_for("certificates.verify", code=code, locale=None), 303)
        return render_template("certificates/lookup.html", typed=typed[:64], invalid=True), 400
    return render_template("certificates/lookup.html", typed="", invalid=False)


@bp.get("/verify/<code>")
@bp.get("/<locale:locale>/verify/<code>")
@public_page
@ratelimits.lookups()
def verify(code: str):
    locale = g.get("locale")
    certificate, refusal = found(code, "certificates.verify", locale=locale)
    if refusal is not None:
        return refusal
    in_certificate_locale(certificate)
    facts = facts_of(certificate, current_locale())
    card_image = card_url(
        "certificates.card", card_text(facts), code=certificate.code, locale=locale
    )
    response = Response(
        render_template("certificates/verify.html", facts=facts, card_image=card_image)
    )
    return briefly_cached(response)


def card_text(facts) -> dict:
    """A certificate's share card says what it is for, never who holds it."""
    heading = _("Revoked certificate") if facts.revoked else _("Certificate")
    return {"heading": heading, "title": facts.title, "locale": facts.locale}


@bp.get("/verify/<code>/card.png")
@bp.get("/<locale:locale>/verify/<code>/card.png")
@ratelimits.lookups()
def card(code: str):
    """The certificate's share card (challenge/cards), for its page's Open Graph tags."""
    certificate, refusal = found(code, "certificates.card", locale=g.get("locale"))
    if refusal is not None:
        return refusal
    in_certificate_locale(certificate)
    return card_response(**card_text(facts_of(certificate, current_locale())))


@bp.get("/verify/<path:anything>")
@bp.get("/<locale:locale>/verify/<path:anything>")
@ratelimits.lookups()
def anything_else(anything: str):
    """Any other address under /verify/ (a code with a slash in it, say): the same not-found page."""
    return not_found()


def download(code: str, endpoint: str, render, mimetype: str, extension: str):
    certificate, refusal = found(code, endpoint)
    if refusal is not None:
        return refusal
    if certificate.revoked:
        in_certificate_locale(certificate)
        return render_error(
            410, _("This certificate was revoked, so it can no longer be downloaded.")
        )
    facts = facts_of(certificate)
    response = Response(render(facts), mimetype=mimetype)
    filename = f"certificate-{certificate.code}.{extension}"
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    briefly_cached(response)
    response.add_etag()
    return response.make_conditional(request)


@bp.get("/verify/<code>/certificate.pdf")
@ratelimits.lookups()
def certificate_pdf(code: str):
    return download(
        code, "certificates.certificate_pdf", documents.certificate_pdf, "application/pdf", "pdf"
    )


@bp.get("/verify/<code>/certificate.png")
@ratelimits.lookups()
def certificate_png(code: str):
    return download(
        code, "certificates.certificate_png", documents.certificate_png, "image/png", "png"
    )


@bp.get("/verify/<code>/qr.svg")
@ratelimits.lookups()
def qr(code: str):
    certificate, refusal = found(code, "certificates.qr")
    if refusal is not None:
        return refusal
    facts = facts_of(certificate)
    response = Response(qr_svg(facts.verify_url, scale=6), mimetype="image/svg+xml")
    return briefly_cached(response)


def json_ld(document: dict, *, max_age: int) -> Response:
    """Open Badges documents are application/ld+json, or application/json to a client that asks
    only for that (as the specification says)."""
    accepted = request.accept_mimetypes
    wants_plain = accepted.best_match([JSON_LD, "application/json"]) == "application/json" and (
        accepted[JSON_LD] < accepted["application/json"]
    )
    response = Response(
        json.dumps(document, ensure_ascii=False, indent=2),
        mimetype="application/json" if wants_plain else JSON_LD,
    )
    response.headers["Access-Control-Allow-Origin"] = "*"  # badge wallets read it from their pages
    response.vary.add("Accept")
    response.cache_control.public = True
    response.cache_control.max_age = max_age
    return response


@bp.get("/verify/<code>/badge.json")
@ratelimits.lookups()
def badge_assertion(code: str):
    certificate, refusal = found(code, "certificates.badge_assertion")
    if refusal is not None:
        return refusal
    facts = facts_of(certificate)
    return json_ld(
        openbadges.assertion(certificate, facts),
        max_age=int(current_app.config["CERTIFICATE_CACHE_SECONDS"]),
    )


@bp.get("/openbadges/issuer.json")
def issuer():
    return json_ld(openbadges.issuer(), max_age=3600)


@bp.get("/openbadges/badges/<locale:locale>/<kind>/<slug>.json")
def badge_class(kind: str, slug: str):
    subject = None
    if re.fullmatch(KIND_PATTERN, kind) and len(slug) <= 120:
        subject = describe(kind, slug, current_locale())
    if subject is None:
        abort(404)
    return json_ld(openbadges.badge_class(kind, slug, subject, current_locale()), max_age=3600)


@bp.get("/openbadges/badge.svg")
def badge_image():
    response = Response(BADGE_SVG, mimetype="image/svg+xml")
    response.cache_control.public = True
    response.cache_control.max_age = 86400
    return response
