"""What the content section's pages show: permissions per target, labels, previews, the editor."""

from flask import render_template
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup

from challenge.content.kinds import KINDS
from challenge.content.loader import ContentFile
from challenge.content.markdown import localise
from challenge.staff import bp
from challenge.staff.access import can
from challenge.staff.content import operations, queries, revisions, scheduling
from challenge.staff.content.forms import ActionForm, EditForm
from challenge.staff.content.models import ARCHIVED, DRAFT, PUBLISHED, SCHEDULED
from challenge.staff.content.publishing import language_name
from challenge.staff.content.targets import Target
from challenge.staff.content.validation import Checked, check, parse_stored

KIND_NAMES = {
    "lessons": _l("Lessons"),
    "quizzes": _l("Quizzes"),
    "pledges": _l("Pledges"),
    "pages": _l("Pages"),
    "channels": _l("Reporting channels"),
    "editions": _l("Editions"),
    "glossary": _l("Glossary"),
}
STATE_NAMES = {
    queries.MISSING: _l("Missing"),
    DRAFT: _l("Draft"),
    SCHEDULED: _l("Scheduled"),
    PUBLISHED: _l("Published"),
    ARCHIVED: _l("Archived"),
}
COVERAGE_NAMES = {
    queries.MISSING: _l("Missing"),
    queries.OUTDATED: _l("Outdated"),
    queries.CURRENT: _l("Up to date"),
}


def kind_choices() -> list[tuple[str, str]]:
    return [(folder, str(KIND_NAMES[folder])) for folder in KINDS]


def may_edit(target: Target) -> bool:
    """Editors and admins edit every locale; translators only translations in their locales."""
    if target.is_source:
        return can(current_user, "content.edit")
    return can(current_user, "content.translate", target.locale)


def may_publish(target: Target) -> bool:
    return may_edit(target) and can(current_user, "content.publish")


@bp.context_processor
def content_helpers():
    return {
        "staff_time": scheduling.shown,
        "language_name": language_name,
        "state_name": lambda state: STATE_NAMES.get(state, state),
        "coverage_name": lambda coverage: COVERAGE_NAMES.get(coverage, coverage),
        "kind_name": lambda folder: KIND_NAMES.get(folder, folder),
        "may_edit": may_edit,
    }


def html(fragment: str, locale: str) -> Markup:
    """HTML the loader rendered and sanitised, with its internal links in the target's locale."""
    return localise(fragment or "", locale)


def preview_of(content_file: ContentFile | None, locale: str) -> dict | None:
    """What the public page would show of a file: title, summary, body and kind-specific parts."""
    if content_file is None:
        return None
    meta, data = content_file.meta, content_file.data
    questions = [
        {
            "title": html(question["title"], locale),
            "prompt": html(question["prompt"], locale),
            "options": [
                {
                    "html": html(option["html"], locale),
                    "correct": option["correct"],
                    "feedback": html(option["feedback"], locale),
                }
                for option in question["options"]
            ],
            "explanation": html(question["explanation"], locale),
        }
        for question in data.get("questions", [])
    ]
    return {
        "lang": content_file.locale,
        "title": meta.get("title", ""),
        "summary": meta.get("summary", ""),
        "statement": meta.get("statement"),
        "steps": [html(step, locale) for step in data.get("steps_html", [])],
        "body": html(content_file.html, locale),
        "questions": questions,
    }


def source_panel(target: Target) -> dict | None:
    """For a translation: its source, rendered, beside the editor."""
    if target.is_source:
        return None
    served = target.source.served()
    text = served.markdown if served is not None else operations.source_text(target)
    if text is None:
        return None
    return {
        "text": text,
        "preview": preview_of(parse_stored(target.source, text), target.locale),
        "published": served is not None,
    }


def outdated_changes(target: Target, cell) -> dict | None:
    """For an outdated translation: the source revisions to compare, if both are in history."""
    item = target.item()
    if cell.coverage != queries.OUTDATED or item is None:
        return None
    old = revisions.source_revision_at(target.source, cell.source_version)
    return {
        "from_version": cell.source_version,
        "to_version": item.version,
        "from_number": old.number if old is not None else None,
    }


def editor_page(
    target: Target,
    form: EditForm,
    *,
    checked: Checked | None = None,
    preview: bool = False,
    reason: str | None = None,
    status: int = 200,
):
    latest = revisions.latest(target)
    # An invalid draft opens with its problems listed.
    invalid_draft = latest is not None and not latest.valid and latest.markdown == form.text.data
    if checked is None and form.text.data and (preview or form.errors or reason or invalid_draft):
        checked = check(target, form.text.data, source_text=operations.source_text(target))
    cell = queries.cell(target)
    return render_template(
        "staff/content/edit.html",
        target=target,
        title=queries.title_of(form.text.data or "") or target.slug,
        form=form,
        cell=cell,
        checked=checked,
        preview=preview_of(checked.file, target.locale) if preview and checked else None,
        show_preview=preview,
        reason=reason,
        source=source_panel(target),
        outdated=outdated_changes(target, cell),
        pending=revisions.pending(target),
        latest=latest,
        may_publish=may_publish(target),
        action_form=ActionForm(),
    ), status
