from flask import abort, redirect, render_template, url_for

from challenge import ratelimits
from challenge.caching import public_page
from challenge.content.companions import companions
from challenge.extensions import csrf
from challenge.i18n.locales import current_locale
from challenge.lessons import bp
from challenge.lessons.forms import CompleteLessonForm
from challenge.lessons.operations import complete_lesson
from challenge.lessons.queries import completed_at, completed_ids, lesson_list, lesson_page
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


def render_lesson(page, form, status=200):
    participant = current_participant()
    quiz = companions("lesson", "quiz", current_locale(), participant).get(page.lesson.slug)
    return render_template(
        "lessons/lesson.html",
        page=page,
        lesson=page.lesson,
        form=form,
        done_at=completed_at(participant, page.lesson.item.id),
        quiz=quiz.item if quiz else None,
        quiz_status_record=quiz.record if quiz else None,
    ), status


@bp.get("/<slug>")
@public_page
def lesson(slug: str):
    page = lesson_page(slug, current_locale())
    if page is None:
        abort(404)
    return render_lesson(page, CompleteLessonForm().for_participant(current_participant()))


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
