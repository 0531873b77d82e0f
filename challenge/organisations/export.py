"""The dashboard's figures as CSV: totals, per pledge and lesson, per day, and the names shared.

It holds back what the dashboard holds back for small groups (see dashboard.py), and says so."""

import csv
import io

from flask import current_app
from flask_babel import gettext as _

from challenge.organisations.dashboard import Figures
from challenge.participation.organisations import Organisation
from challenge.spreadsheets import safe_cell


def figures_csv(organisation: Organisation, figures: Figures, *, with_names: bool) -> str:
    """Columns: section, item, value; numbers raw and dates ISO, so spreadsheets can use them."""
    smallest = current_app.config["PRIVACY_MIN_GROUP"]
    rows: list[tuple] = [
        (_("Organisation"), _("Name"), organisation.name),
        (_("Organisation"), _("Declared number of people"), figures.headcount),
        (_("Totals"), _("Members"), figures.members),
        (_("Totals"), _("Participation rate (%)"), round(figures.rate * 100, 1)),
        (_("Totals"), _("Participation goal (%)"), figures.goal_percent or ""),
    ]
    if not figures.activity_shown:
        rows.append((_("Totals"), _("Not shown"), _("fewer than %(num)s members", num=smallest)))
    else:
        rows += [
            (_("Totals"), _("Pledges taken"), figures.pledges),
            (_("Totals"), _("Lessons read"), figures.lessons),
            (_("Totals"), _("Quiz attempts"), figures.quiz_attempts),
            (_("Totals"), _("Quizzes passed"), figures.quiz_passes),
        ]
        if not figures.quiz_results_shown:
            rows.append(
                (
                    _("Totals"),
                    _("Pass rate and average score not shown"),
                    _("fewer than %(num)s quiz takers", num=smallest),
                )
            )
    if figures.pass_rate is not None:
        rows += [
            (_("Totals"), _("Pass rate (%)"), round(figures.pass_rate * 100, 1)),
            (_("Totals"), _("Average score (%)"), round(figures.average_score * 100, 1)),
        ]
    rows += [(_("Pledges"), entry.shown.title, entry.count) for entry in figures.pledge_counts]
    rows += [(_("Lessons read"), entry.shown.title, entry.count) for entry in figures.lesson_counts]
    for label, attribute in (
        (_("Members joined, per day"), "members"),
        (_("Pledges, per day"), "pledges"),
        (_("Lessons read, per day"), "lessons"),
        (_("Quiz attempts, per day"), "quiz_attempts"),
    ):
        rows += [
            (label, day.day.isoformat(), getattr(day, attribute))
            for day in figures.days
            if getattr(day, attribute)
        ]
    if with_names:
        rows += [
            (_("Members who share their name"), name, joined.date().isoformat())
            for name, joined in figures.names
        ]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow((_("Section"), _("Item"), _("Value")))
    writer.writerows(tuple(safe_cell(value) for value in row) for row in rows)
    return "\ufeff" + out.getvalue()  # the byte-order mark makes spreadsheets read UTF-8
