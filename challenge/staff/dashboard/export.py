"""The dashboard's tables as CSV: labels in the staff member's language, numbers raw, dates ISO,
and cells a spreadsheet would run as a formula neutralised, as the open-data API does."""

import csv
import io

from flask import Response
from flask_babel import gettext as _

from challenge.participation.countries import country_name
from challenge.spreadsheets import safe_cell
from challenge.staff.dashboard import queries

TABLES = ("totals", "daily", "countries", "lessons", "questions")


def _totals(locale: str, country: str | None):
    figures = queries.totals()
    header = (_("Figure"), _("Value"))
    rows = [
        (_("Participants"), figures.participants),
        (_("Pledges taken"), figures.pledges),
        (_("Lessons read"), figures.lessons),
        (_("Quiz attempts"), figures.quiz_attempts),
        (_("Quizzes passed"), figures.quiz_passes),
        (_("Organisations"), figures.organisations),
        (_("Verified organisations"), figures.verified_organisations),
    ]
    return header, rows


def _daily(locale: str, country: str | None):
    header = (
        _("Date"),
        _("Country"),
        _("New participants"),
        _("Pledges taken"),
        _("Lessons read"),
        _("Quizzes passed"),
    )
    where = country_name(country, locale) if country else _("All countries")
    rows = [
        (day.day.isoformat(), where, day.participants, day.pledges, day.lessons, day.quiz_passes)
        for day in queries.daily(country)
    ]
    return header, rows


def _countries(locale: str, country: str | None):
    header = (
        _("Country code"),
        _("Country"),
        _("New participants"),
        _("Pledges taken"),
        _("Lessons read"),
        _("Quizzes passed"),
    )
    rows = [
        (
            row.country,
            country_name(row.country, locale),
            row.participants,
            row.pledges,
            row.lessons,
            row.quiz_passes,
        )
        for row in queries.countries()
    ]
    return header, rows


def _lessons(locale: str, country: str | None):
    header = (_("Lesson"), _("Slug"), _("Read, all time"), _("Read, last 30 days"))
    rows = [
        (row.lesson.title, row.lesson.slug, row.all_time, row.recent)
        for row in queries.most_read_lessons(locale)
    ]
    return header, rows


def _questions(locale: str, country: str | None):
    header = (
        _("Quiz"),
        _("Question"),
        _("Question number"),
        _("Question id"),
        _("Attempts"),
        _("Wrong answers"),
        _("Wrong answers (%)"),
    )
    rows = [
        (
            row.quiz.title,
            row.title.striptags(),
            row.number,
            row.question_id,
            row.attempts,
            row.wrong,
            round(row.wrong_rate * 100, 1),
        )
        for row in queries.wrong_answers(locale)
    ]
    return header, rows


BUILDERS = {
    "totals": _totals,
    "daily": _daily,
    "countries": _countries,
    "lessons": _lessons,
    "questions": _questions,
}


def table_csv(table: str, locale: str, country: str | None = None) -> Response:
    header, rows = BUILDERS[table](locale, country)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_cell(str(label)) for label in header])
    writer.writerows([safe_cell(value) for value in row] for row in rows)
    response = Response("\ufeff" + out.getvalue(), mimetype="text/csv")
    suffix = f"-{country.lower()}" if table == "daily" and country else ""
    response.headers["Content-Disposition"] = f'attachment; filename="campaign-{table}{suffix}.csv"'
    return response
