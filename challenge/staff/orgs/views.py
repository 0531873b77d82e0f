"""Organisations in the console: the list (unverified first), verify and unverify, and merging a
duplicate into the organisation that stays."""

import re

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from challenge import ratelimits
from challenge.organisations import operations as organisation_operations
from challenge.organisations.queries import member_count
from challenge.participation.organisations import by_slug
from challenge.staff import bp
from challenge.staff.access import require
from challenge.staff.orgs import operations, queries
from challenge.staff.orgs.forms import EmptyForm, MergeForm
from challenge.staff.paging import page_of


@bp.get("/organisations")
@require("organisations.manage")
def organisations():
    status = request.args.get("status", "all")
    status = status if status in queries.STATUSES else "all"
    search = request.args.get("q", "").replace("\x00", "").strip()[:80]
    listed = page_of(queries.organisation_list(status, search or None), queries.PAGE_SIZE)
    return render_template(
        "staff/orgs/list.html",
        rows=queries.listed_rows(listed.items),
        total=listed.total,
        status=status,
        q=search,
        page=listed.page,
        pages=max(1, listed.pages),
        form=EmptyForm(),
    )


# The list's own address with its filters: nothing else is followed after a verify or unverify.
LIST_ADDRESS = re.compile(r"/staff/organisations(\?[A-Za-z0-9=&%_.+-]{0,300})?")


def found(slug: str):
    organisation = by_slug(slug) if len(slug) <= 80 and "\x00" not in slug else None
    if organisation is None:
        abort(404)
    return organisation


def back_to_list():
    """Back to the list the button was pressed on (only ever that list, with its filters)."""
    target = request.form.get("next", "")
    if not LIST_ADDRESS.fullmatch(target):
        target = url_for("staff.organisations")
    return redirect(target, 303)


@bp.post("/organisations/<slug>/verify")
@require("organisations.manage")
@ratelimits.writes()
def verify_organisation(slug: str):
    organisation = found(slug)
    if not EmptyForm().validate_on_submit():
        abort(400)
    organisation_operations.set_verified(organisation, True)
    flash(_("%(name)s is verified.", name=organisation.name))
    return back_to_list()


@bp.post("/organisations/<slug>/unverify")
@require("organisations.manage")
@ratelimits.writes()
def unverify_organisation(slug: str):
    organisation = found(slug)
    if not EmptyForm().validate_on_submit():
        abort(400)
    organisation_operations.set_verified(organisation, False)
    flash(_("%(name)s is no longer verified.", name=organisation.name))
    return back_to_list()


@bp.route("/organisations/<slug>/merge", methods=["GET", "POST"])
@require("organisations.manage")
@ratelimits.writes()
def merge_organisation(slug: str):
    duplicate = found(slug)
    form = MergeForm(duplicate)
    if form.validate_on_submit():
        kept, duplicate_slug = form.kept, duplicate.slug
        moved = operations.merge(duplicate, kept)
        flash(
            ngettext(
                "%(duplicate)s is merged into %(kept)s: %(num)s member moved.",
                "%(duplicate)s is merged into %(kept)s: %(num)s members moved.",
                moved,
                duplicate=duplicate_slug,
                kept=kept.name,
            )
        )
        return redirect(url_for("staff.organisations", q=kept.slug), 303)
    return render_template(
        "staff/orgs/merge.html",
        duplicate=duplicate,
        members=member_count(duplicate),
        form=form,
    ), 400 if form.errors else 200
