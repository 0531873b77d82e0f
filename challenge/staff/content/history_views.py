"""The history of one locale of one item: its revisions, one revision, a diff, and restoring."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from challenge import ratelimits
from challenge.extensions import db
from challenge.staff import bp
from challenge.staff.access import require
from challenge.staff.content import operations, queries, revisions
from challenge.staff.content.forms import ActionForm
from challenge.staff.content.presenting import may_edit, may_publish
from challenge.staff.content.targets import Target, target_or_404

MAX_NUMBER = 2**31 - 1  # the largest revision number the column holds (and the routes take)


def known_or_404(folder: str, slug: str, lang: str) -> Target:
    target = target_or_404(folder, slug, lang)
    if revisions.latest(target) is None and target.served() is None:
        abort(404)
    return target


def text_of(target: Target, number: int) -> str:
    """A revision's text, or (LIVE) the served one; 404 when there is none."""
    if number == revisions.LIVE:
        served = target.served()
        if served is None:
            abort(404)
        return served.markdown
    found = revisions.numbered(target, number)
    if found is None:
        abort(404)
    return found.markdown


def title(target: Target) -> str:
    served = target.served()
    if served is not None:
        return served.title
    latest = revisions.latest(target)
    return (queries.title_of(latest.markdown) if latest else "") or target.slug


@bp.get("/content/<folder>/<slug>/<lang>/history")
@require("content.view")
def content_history(folder: str, slug: str, lang: str):
    target = known_or_404(folder, slug, lang)
    served = target.served()
    rows = revisions.history(target)
    return render_template(
        "staff/content/history.html",
        target=target,
        title=title(target),
        rows=rows,
        live_unrecorded=not revisions.live_is_recorded(target, served),
        served=served,
        live_checksum=served.checksum if served is not None else None,
        cell=queries.cell(target),
    )


def revision_page(target: Target, number: int, reason: str | None = None, status: int = 200):
    revision = revisions.numbered(target, number) if number != revisions.LIVE else None
    if revision is None and number != revisions.LIVE:
        abort(404)
    served = target.served()
    return render_template(
        "staff/content/revision.html",
        target=target,
        title=title(target),
        revision=revision,
        number=number,
        text=text_of(target, number),
        is_live=served is not None and (revision is None or revision.checksum == served.checksum),
        may_restore=may_edit(target),
        may_publish=may_publish(target) and (revision is None or revision.valid),
        has_live=served is not None,
        reason=reason,
    ), status


@bp.get("/content/<folder>/<slug>/<lang>/revisions/<int(max=2147483647):number>")
@require("content.view")
def content_revision(folder: str, slug: str, lang: str, number: int):
    return revision_page(known_or_404(folder, slug, lang), number)


@bp.get("/content/<folder>/<slug>/<lang>/diff")
@require("content.view")
def content_diff(folder: str, slug: str, lang: str):
    target = known_or_404(folder, slug, lang)
    old_number = request.args.get("from", type=int)
    new_number = request.args.get("to", type=int)
    if not all(
        number is not None and 0 <= number <= MAX_NUMBER for number in (old_number, new_number)
    ):
        abort(400)  # a revision number is a 32-bit column
    old, new = text_of(target, old_number), text_of(target, new_number)
    return render_template(
        "staff/content/diff.html",
        target=target,
        title=title(target),
        old_number=old_number,
        new_number=new_number,
        lines=revisions.diff(old, new),
        same=old == new,
    )


@bp.post("/content/<folder>/<slug>/<lang>/revisions/<int(max=2147483647):number>/restore")
@require("content.view")
@ratelimits.writes()
def content_restore(folder: str, slug: str, lang: str, number: int):
    """Bring an old text back as a new revision: history is never rewritten."""
    target = known_or_404(folder, slug, lang)
    live = request.form.get("publish") == "1"
    if not may_edit(target) or (live and not may_publish(target)):
        abort(403)
    if not ActionForm().validate_on_submit():
        abort(400)
    text_of(target, number)  # 404 for a revision that does not exist
    try:
        outcome = operations.restore(target, number, author=current_user, live=live)
    except IntegrityError:
        db.session.rollback()
        outcome = operations.Outcome(
            False, reason=_("Someone saved this text at the same moment. Try again.")
        )
    if not outcome.ok:
        return revision_page(target, number, outcome.reason, 400)
    if live:
        flash(_("Revision #%(number)s is restored and published.", number=number))
    else:
        flash(
            _(
                "Revision #%(number)s is restored as a draft. The public site has not changed.",
                number=number,
            )
        )
    return redirect(url_for("staff.content_edit", **target.url_args()))
