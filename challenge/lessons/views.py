from flask import abort, render_template

from challenge.i18n.locales import current_locale
from challenge.lessons import bp
from challenge.lessons.queries import lesson_list, lesson_page


@bp.get("/")
def index():
    return render_template("lessons/index.html", lessons=lesson_list(current_locale()))


@bp.get("/<slug>")
def lesson(slug: str):
    page = lesson_page(slug, current_locale())
    if page is None:
        abort(404)
    return render_template("lessons/lesson.html", page=page, lesson=page.lesson)
