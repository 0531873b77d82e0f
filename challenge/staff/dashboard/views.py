"""The campaign dashboard: totals, the last 30 days by country (chart and table), the most-read
lessons and the quiz questions most often answered wrong, each table also as CSV."""

from flask import abort, current_app, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from challenge.i18n.locales import current_locale
from challenge.organisations.chart import bar_chart
from challenge.participation.countries import country_name, is_country, name_sort_key
from challenge.staff import bp
from challenge.staff.access import can, require
from challenge.staff.dashboard import export, queries
from challenge.staff.dashboard.quiz_scores import quiz_scores

QUESTIONS_SHOWN = 25


def chosen_country() -> str | None:
    """?country=XX when it is a country code; anything else means every country."""
    code = request.args.get("country", "").upper()
    return code if is_country(code) else None


@bp.get("/dashboard")
@require("dashboard.view")
def dashboard():
    locale = current_locale()
    country = chosen_country()
    days = queries.daily(country)
    countries = queries.countries()
    # The selector lists countries with activity, then the chosen one if it has none.
    codes = {row.country for row in countries} | ({country} if country else set())
    questions = queries.wrong_answers(locale)
    where = country_name(country, locale) if country else _("all countries")
    return render_template(
        "staff/dashboard/index.html",
        totals=queries.totals(),
        country=country,
        where=where,
        choices=sorted(codes, key=lambda code: name_sort_key(code, locale)),
        days=days,
        chart=bar_chart(days, lambda day: day.participants),
        countries=countries,
        lessons=queries.most_read_lessons(locale),
        questions=questions[:QUESTIONS_SHOWN],
        questions_total=len(questions),
        window_days=queries.DAYS,
        can_export=can(current_user, "dashboard.export"),
    )


@bp.get("/dashboard/<table>.csv")
@require("dashboard.export")
def dashboard_export(table: str):
    if table not in export.TABLES:
        abort(404)
    return export.table_csv(table, current_locale(), chosen_country())


@bp.get("/dashboard/quizzes")
@require("dashboard.view")
def quiz_questions():
    """Each quiz's questions with the share answered right, to find the too easy or confusing."""
    return render_template(
        "staff/dashboard/quizzes.html",
        quizzes=quiz_scores(current_locale()),
        minimum=current_app.config["PRIVACY_MIN_GROUP"],
    )
