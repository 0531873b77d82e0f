from flask import abort, jsonify, redirect, render_template, url_for
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from challenge.caching import public_page
from challenge.content.queries import published_item, published_items
from challenge.extensions import db
from challenge.i18n.locales import current_locale, negotiated_locale
from challenge.pages import bp, security_txt


@bp.get("/")
def root():
    response = redirect(url_for("pages.home", locale=negotiated_locale()))
    response.headers["Vary"] = "Accept-Language"
    return response


@bp.get("/<locale:locale>/")
@public_page
def home():
    lessons = published_items("lesson", current_locale())
    return render_template("pages/home.html", lessons=lessons)


@bp.get("/<locale:locale>/about")
@public_page
def about():
    return content_page("about")


@bp.get("/<locale:locale>/privacy")
@public_page
def privacy():
    return content_page("privacy")


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
