"""The content section: the list of items, and the editor of one locale of one item."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from challenge import ratelimits
from challenge.config import translation_locales
from challenge.content.kinds import KINDS
from challenge.content.models import ContentItem
from challenge.extensions import db
from challenge.staff import bp
from challenge.staff.access import can, require
from challenge.staff.content import operations, queries, revisions, scheduling, starters
from challenge.staff.content.forms import ACTIONS, ActionForm, EditForm, NewItemForm
from challenge.staff.content.presenting import (
    KIND_NAMES,
    editor_page,
    kind_choices,
    may_edit,
    may_publish,
)
from challenge.staff.content.targets import Target, target_or_404


def list_page(form: NewItemForm, status: int = 200):
    folder = request.args.get("kind", "")
    kind = KINDS.get(folder)
    return render_template(
        "staff/content/index.html",
        rows=queries.rows(kind),
        kind=kind,
        kinds=KIND_NAMES,
        locales=translation_locales(current_app.config),
        form=form,
        may_create=can(current_user, "content.edit"),
    ), status


@bp.get("/content")
@require("content.view")
def content():
    form = NewItemForm(formdata=None)
    form.kind.choices = kind_choices()
    return list_page(form)


@bp.get("/content/new")
@require("content.edit")
def content_new():
    """Open the editor on a new item's source; nothing is saved until the editor says so."""
    form = NewItemForm(request.args)
    form.kind.choices = kind_choices()
    if form.validate():
        found = Target(KINDS[form.kind.data], form.slug.data, current_app.config["DEFAULT_LOCALE"])
        if queries.exists(found):
            form.slug.errors.append(_("There is already an item at this address."))
        else:
            return redirect(url_for("staff.content_edit", **found.url_args()))
    return list_page(form, 400)


def starter(target: Target) -> str:
    if target.is_source:
        last = db.session.scalar(
            select(func.max(ContentItem.position)).where(ContentItem.kind == target.kind.name)
        )
        return starters.source_starter(target.kind, (last or 0) + 1)
    source = target.source.served()
    text = source.markdown if source is not None else operations.source_text(target)
    return starters.translation_starter(target.kind, text or "")


def fill(form: EditForm, target: Target) -> None:
    """The form as the editor opens: the text to work on, and what it started from."""
    text, _revision = queries.working_text(target)
    form.text.data = text if text is not None else starter(target)
    form.base.data = queries.base_token(target)
    form.timezone.data = scheduling.chosen_zone()
    pending = revisions.pending(target)
    if pending is not None:
        form.publish_at.data = scheduling.local_value(pending.publish_at, form.timezone.data)


@bp.route("/content/<folder>/<slug>/<lang>", methods=["GET", "POST"])
@require("content.view")
@ratelimits.writes()
def content_edit(folder: str, slug: str, lang: str):
    target = target_or_404(folder, slug, lang)
    if not may_edit(target):
        abort(403)
    if not target.is_source and not queries.exists(target):
        abort(404)
    form = EditForm()
    form.timezone.choices = scheduling.zone_choices()
    if request.method == "GET":
        fill(form, target)
        return editor_page(target, form)
    action = request.form.get("action")
    if action not in ACTIONS:
        abort(400)
    if action in ("publish", "schedule") and not may_publish(target):
        abort(403)
    if not form.validate():
        return editor_page(target, form, status=400)
    if action == "preview":
        return editor_page(target, form, preview=True)
    current = queries.base_token(target)
    if form.base.data != current:
        form.base.data = current
        reason = _(
            "Someone saved this text after you opened it. Your text is below, unsaved: compare it with the history, then save again."
        )
        return editor_page(target, form, reason=reason, status=409)
    try:
        outcome = save(target, form, action)
    except scheduling.BadTime as error:
        form.publish_at.errors = [str(error)]
        if not scheduling.LOCAL_VALUE.match(form.publish_at.data or ""):
            form.publish_at.data = ""  # a datetime-local field holds only that format
        return editor_page(target, form, status=400)
    except IntegrityError:  # two saves at the same moment: one gets the number, one waits
        db.session.rollback()
        form.base.data = queries.base_token(target)
        reason = _("Someone saved this text at the same moment. Your text is below: save again.")
        return editor_page(target, form, reason=reason, status=409)
    if not outcome.ok:
        return editor_page(target, form, checked=outcome.checked, reason=outcome.reason, status=400)
    flash(saved_message(action, outcome))
    return redirect(url_for("staff.content_edit", **target.url_args()))


def save(target: Target, form: EditForm, action: str) -> operations.Outcome:
    text, note = form.text.data, (form.note.data or "").strip()
    if action == "draft":
        return operations.save_draft(target, text, author=current_user, note=note)
    if action == "publish":
        return operations.publish(
            target, text, author=current_user, note=note, withdraw=form.withdraw.data
        )
    if not (form.publish_at.data or "").strip():
        raise scheduling.BadTime(_("Enter the date and time to publish on."))
    when = scheduling.to_utc(form.publish_at.data, form.timezone.data)
    form.publish_at.data = scheduling.local_value(when, form.timezone.data)
    scheduling.remember_zone(form.timezone.data)
    return operations.schedule(target, text, when, author=current_user, note=note)


def saved_message(action: str, outcome: operations.Outcome) -> str:
    if action == "draft" and not outcome.checked.valid:
        return _(
            "Draft saved, with problems to fix before it can be published. The public site has not changed."
        )
    if action == "draft":
        return _("Draft saved. The public site has not changed.")
    if action == "schedule":
        return _(
            "Scheduled: it goes live on %(moment)s.",
            moment=scheduling.shown(outcome.revision.publish_at),
        )
    if outcome.withdrawn:
        return _(
            "Published. These translations were withdrawn: %(locales)s.",
            locales=", ".join(outcome.withdrawn),
        )
    return _("Published: the public site shows it now.")


@bp.post("/content/<folder>/<slug>/<lang>/archive")
@require("content.publish")
@ratelimits.writes()
def content_archive(folder: str, slug: str, lang: str):
    target = target_or_404(folder, slug, lang)
    if not may_publish(target):
        abort(403)
    if not ActionForm().validate_on_submit():
        abort(400)
    if not queries.exists(target):
        abort(404)
    outcome = operations.archive(target, author=current_user)
    if not outcome.ok:
        form = EditForm(formdata=None)
        form.timezone.choices = scheduling.zone_choices()
        fill(form, target)
        return editor_page(target, form, reason=outcome.reason, status=400)
    flash(_("Archived: it is no longer public. Its history is kept."))
    return redirect(url_for("staff.content_edit", **target.url_args()))
