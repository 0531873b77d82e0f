from flask import abort, jsonify, redirect, render_template, url_for
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from challenge.accounts.notice import privacy_contact
from challenge.caching import public_page
from challenge.content.queries import published_item, published_items
from challenge.editions.queries import listing, participant_country
from challenge.editions.standing import progress
from challenge.extensions import db
from challenge.i18n.locales import current_locale, negotiated_locale
from challenge.leaderboards.figures import campaign_totals
from challenge.leaderboards.windows import window
from challenge.pages import bp, security_txt
from challenge.participation.identity import current_participant


@bp.get("/")
def root():
    response = redirect(url_for("pages.home", locale=negotiated_locale()))
    response.headers["Vary"] = "Accept-Language"
    return response


@bp.get("/<locale:locale>/")
@public_page
def home():
    locale = current_locale()
    lessons = published_items("lesson", locale)
    return render_template(
        "pages/home.html",
        lessons=lessons,
        totals=campaign_totals(window("all")),
        **current_edition(locale),
    )


def current_edition(locale: str) -> dict:
    """The edition running in the visitor's window (else the next one) and today's action in it."""
    participant = current_participant()
    editions = listing(locale, participant_country(participant))
    if editions.current:
        entry, edition_window = editions.current[0]
        standing = progress(participant, entry)
        action = standing.next_action()
        item = None
        if action is not None and not action.is_task:
            item = published_item(action.kind, action.ref, locale)
        return {
            "edition": entry,
            "edition_window": edition_window,
            "action": action,
            "action_item": item,
            "standing": standing,
        }
    if editions.upcoming:
        entry, edition_window = editions.upcoming[0]
        return {"edition": entry, "edition_window": edition_window, "upcoming": True}
    return {}


@bp.get("/<locale:locale>/about")
@public_page
def about():
    return content_page("about")


@bp.get("/<locale:locale>/privacy")
@public_page
def privacy():
    return content_page("privacy", "pages/privacy.html", contact=privacy_contact())


@bp.get("/<locale:locale>/security")
@public_page
def security():
    """The vulnerability disclosure policy, with where to report."""
    return content_page("security", "pages/security.html", contacts=security_txt.contacts())


@bp.get("/.well-known/security.txt")
def security_contact():
    return security_txt.response()


def content_page(slug: str, template: str = "pages/page.html", **context):
    page = published_item("page", slug, current_locale())
    if page is None:
        abort(404)
    return render_template(template, page=page, **context)


@bp.get("/healthz")
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return jsonify(status="error", database="unreachable"), 503
    return jsonify(status="ok", database="ok")
