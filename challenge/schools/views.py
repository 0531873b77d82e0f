"""A teacher's classes (organisation admins of a school), a class's printable sheet, and the
public form pupils join with. Teachers' pages answer 404 to anyone else, and to organisations
outside the education sector."""

from flask import abort, redirect, render_template, url_for
from flask_login import current_user, login_required

from challenge import ratelimits
from challenge.i18n.locales import current_locale
from challenge.participation.organisations import by_slug, is_admin
from challenge.schools import bp, operations, queries
from challenge.schools.codes import shown
from challenge.schools.forms import JoinClassForm, NewClassForm

PRIVATE = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex", "Referrer-Policy": "no-referrer"}


def school(slug: str):
    """The organisation, if it is a school and the signed-in account administers it; else 404."""
    organisation = by_slug(slug)
    if (
        organisation is None
        or organisation.sector != "education"
        or not is_admin(organisation, current_user)
    ):
        abort(404)
    return organisation


@bp.route("/orgs/<slug>/classes", methods=["GET", "POST"])
@login_required
@ratelimits.writes()
def classes(slug: str):
    organisation = school(slug)
    form = NewClassForm()
    if form.validate_on_submit():
        made = operations.create_class(organisation, form.name.data)
        return redirect(url_for("schools.sheet", slug=slug, code=made.code))
    listed = [
        (school_class, queries.figures(school_class))
        for school_class in queries.classes_of(organisation.id)
    ]
    body = render_template(
        "schools/classes.html", organisation=organisation, form=form, classes=listed, shown=shown
    )
    return body, 400 if form.errors else 200, PRIVATE


@bp.get("/orgs/<slug>/classes/<code>/sheet")
@login_required
def sheet(slug: str, code: str):
    """A page to print and hand out: the class code and where to type it. No script."""
    organisation = school(slug)
    school_class = queries.in_class(organisation.id, code)
    if school_class is None:
        abort(404)
    body = render_template(
        "schools/sheet.html",
        organisation=organisation,
        school_class=school_class,
        code=shown(school_class.code),
    )
    return body, 200, PRIVATE


@bp.route("/class", methods=["GET", "POST"])
@ratelimits.writes()
@ratelimits.participation()
def join():
    """Pupils type the class code; they take part anonymously, as anyone does."""
    form = JoinClassForm()
    if form.validate_on_submit():
        operations.join(form.school_class, current_locale())
        return render_template("schools/joined.html", school_class=form.school_class)
    return render_template("schools/join.html", form=form), 400 if form.errors else 200
