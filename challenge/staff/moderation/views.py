"""The moderation list: names waiting for review, approved and hidden ones, with their decisions."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from challenge import ratelimits
from challenge.moderation import operations, queries
from challenge.staff import bp
from challenge.staff.access import require
from challenge.staff.moderation.forms import DecisionForm, Invalid
from challenge.staff.paging import page_count, requested_page


def list_arguments() -> dict:
    args = request.args
    state = args.get("state", queries.LISTS[0])
    kind = args.get("kind", "all")
    return {
        "state": state if state in queries.LISTS else queries.LISTS[0],
        "kind": kind if kind in queries.KINDS else "all",
        "q": args.get("q", "").replace("\x00", "").strip()[:60],
        "page": requested_page(),
    }


def render_list(form, arguments: dict, error: str | None = None, status: int = 200):
    rows, total = queries.names(
        arguments["state"], arguments["kind"], arguments["q"] or None, arguments["page"]
    )
    return render_template(
        "staff/moderation/list.html",
        form=form,
        rows=rows,
        total=total,
        pages=page_count(total, queries.PAGE_SIZE),
        error=error,
        **arguments,
    ), status


@bp.route("/moderation", methods=["GET", "POST"])
@require("moderation.review")
@ratelimits.writes()
def moderation():
    arguments = list_arguments()
    form = DecisionForm()
    if not form.is_submitted():
        return render_list(form, arguments)
    if not form.validate():
        return render_list(form, arguments, _("This form has expired. Try again."), 400)
    try:
        decision, references = form.decisions(request.form)
    except Invalid as problem:
        return render_list(form, arguments, str(problem), 400)
    applied, stale = operations.decide(references, decision)
    if applied:
        message = (
            ngettext("%(num)s name approved.", "%(num)s names approved.", applied)
            if decision == "approve"
            else ngettext("%(num)s name hidden.", "%(num)s names hidden.", applied)
        )
        flash(message)
    if stale:
        flash(
            ngettext(
                "%(num)s name changed or was decided since the page was shown, so it was left as it is. Check it again.",
                "%(num)s names changed or were decided since the page was shown, so they were left as they are. Check them again.",
                stale,
            )
        )
    return redirect(url_for("staff.moderation", **{k: v for k, v in arguments.items() if v}), 303)
