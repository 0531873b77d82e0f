from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _

from challenge import ratelimits
from challenge.caching import public_page
from challenge.cards import card_response, card_url
from challenge.content.companions import companions
from challenge.content.markdown import localise
from challenge.content.sections import COUNTRIES
from challenge.extensions import csrf
from challenge.i18n.locales import current_locale
from challenge.lessons import bp
from challenge.lessons.format import CHECKLIST_MARKER, reviewed_on
from challenge.lessons.forms import ChecklistForm, CompleteLessonForm
from challenge.lessons.operations import complete_lesson, save_checklist
from challenge.lessons.queries import (
    completed_at,
    completed_ids,
    lesson_list,
    lesson_page,
    ticked_items,
)
from challenge.participation.identity import current_participant


@bp.get("/")
@public_page
def index():
    participant = current_participant()
    return render_template(
        "lessons/index.html",
        lessons=lesson_list(current_locale()),
        completed=completed_ids(participant),
        quizzes=companions("lesson", "quiz", current_locale(), participant),
    )


def card_text(page) -> dict:
    return {"heading": _("Lesson"), "title": page.lesson.title, "locale": page.lesson.locale}


def visitor_country(participant) -> str | None:
    """The country whose sections come first: ?country= (as the channels' country choice sets
    it), else the participant's own."""
    asked = request.args.get("country", "").upper()
    if asked in COUNTRIES:
        return asked
    return participant.country if participant else None


def checklist_items(lesson) -> list:
    return [localise(item, current_locale()) for item in lesson.data.get("checklist", [])]


def render_lesson(page, form, status=200, checklist_form=None):
    participant = current_participant()
    items = checklist_items(page.lesson)
    quiz = companions("lesson", "quiz", current_locale(), participant).get(page.lesson.slug)
    return render_template(
        "lessons/lesson.html",
        page=page,
        lesson=page.lesson,
        reviewed=reviewed_on(page.lesson.data),
        visitor_country=visitor_country(participant),
        checklist_marker=CHECKLIST_MARKER,
        checklist=items,
        checklist_form=checklist_form or ChecklistForm(prefix="checklist").for_items(len(items)),
        ticked={
            place for place in ticked_items(participant, page.lesson.item.id) if place < len(items)
        },
        checklist_saved=request.args.get("saved") == "checklist",
        form=form,
        done_at=completed_at(participant, page.lesson.item.id),
        quiz=quiz.item if quiz else None,
        quiz_status_record=quiz.record if quiz else None,
        card_image=card_url("lessons.card", card_text(page), slug=page.lesson.slug),
    ), status


@bp.get("/<slug>")
@public_page
def lesson(slug: str):
    page = lesson_page(slug, current_locale())
    if page is None:
        abort(404)
    return render_lesson(page, CompleteLessonForm().for_participant(current_participant()))


@bp.get("/<slug>/card.png")
def card(slug: str):
    """The lesson's share card (challenge/cards), for its page's Open Graph tags."""
    page = lesson_page(slug, current_locale())
    if page is None:
        abort(404)
    return card_response(**card_text(page))


@bp.post("/<slug>/done")
@csrf.exempt  # a shared page's form: challenge/cross_origin.py guards it
@ratelimits.writes()
@ratelimits.participation()
def done(slug: str):
    page = lesson_page(slug, current_locale())
    if page is None:
        abort(404)
    form = CompleteLessonForm().for_participant(current_participant())
    if not form.validate_on_submit():
        return render_lesson(page, form, status=400)
    country = form.country.data if form.country else None
    complete_lesson(page.lesson.item, country=country, locale=current_locale())
    return redirect(url_for("lessons.lesson", slug=slug, _anchor="lesson-done"))


@bp.post("/<slug>/checklist")
@csrf.exempt  # a shared page's form: challenge/cross_origin.py guards it
@ratelimits.writes()
@ratelimits.participation()
def checklist(slug: str):
    page = lesson_page(slug, current_locale())
    if page is None or not page.lesson.data.get("checklist"):
        abort(404)
    form = ChecklistForm(prefix="checklist").for_items(len(page.lesson.data["checklist"]))
    if not form.validate_on_submit():
        return render_lesson(
            page, CompleteLessonForm().for_participant(current_participant()), 400, form
        )
    save_checklist(page.lesson.item, form.ticked.data or [], locale=current_locale())
    return redirect(url_for("lessons.lesson", slug=slug, saved="checklist", _anchor="checklist"))
