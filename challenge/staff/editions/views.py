"""The editions list: every published edition with its status in each window, its dates and its
live participant and completion totals, in all and per country, and its day-by-day funnel: who
checked in on each day and the drop from the day before (exact: staff see aggregates)."""

from dataclasses import dataclass

from flask import render_template

from challenge.clock import utcnow
from challenge.editions import rules
from challenge.editions.queries import Edition, editions
from challenge.editions.standing import DayStep, EditionTotals, day_funnels, edition_totals
from challenge.i18n.locales import current_locale
from challenge.participation.countries import name_sort_key
from challenge.staff import bp
from challenge.staff.access import require
from challenge.staff.paging import page_count, requested_page

PAGE_SIZE = 20


@dataclass(frozen=True)
class WindowRow:
    country: str | None  # upper case; None for the default window
    window: rules.Window
    status: str


@dataclass(frozen=True)
class EditionRow:
    edition: Edition
    windows: list[WindowRow]
    totals: EditionTotals
    countries: list[str]  # the totals' country codes, by name in the page's language
    days: list[DayStep]  # who checked in on each day, and the drop from the day before

    @property
    def status(self) -> str:
        statuses = {row.status for row in self.windows}
        for status in (rules.RUNNING, rules.UPCOMING):
            if status in statuses:
                return status
        return rules.ENDED


def windows_of(entry: Edition, now) -> list[WindowRow]:
    pairs = [(None, entry.plan.default)]
    pairs += [(country.upper(), window) for country, window in sorted(entry.plan.windows.items())]
    return [
        WindowRow(country, window, rules.phase(window, rules.local_date(window, now)))
        for country, window in pairs
    ]


@bp.get("/editions")
@require("dashboard.view")
def editions_list():
    locale, now = current_locale(), utcnow()
    entries = editions(locale, now)
    pages = page_count(len(entries), PAGE_SIZE)
    page = min(requested_page(), pages)
    shown = entries[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    totals = edition_totals(shown)
    funnels = day_funnels(shown, totals)
    rows = [
        EditionRow(
            entry,
            windows_of(entry, now),
            totals[entry.item_id],
            sorted(totals[entry.item_id].countries, key=lambda code: name_sort_key(code, locale)),
            funnels[entry.item_id],
        )
        for entry in shown
    ]
    return render_template(
        "staff/editions/list.html", rows=rows, total=len(entries), page=page, pages=pages
    )
