"""Organisations in a real browser, in every language: joining by link (switching, then leaving),
and an admin who registers one, brings people in, reads the dashboard and the CSV, and invites a
co-admin.

Elements are found by id, class, name and href, never by text; names and titles are compared with
what the journey typed or read on an earlier page. On Hindi and Japanese pages, every word marked
as being in the page's language must be in its script: English there is a string left untranslated.
"""

import csv
import io
import re
from pathlib import Path

import pytest

from challenge.config import Config
from tests.browser.organisations import (
    Founder,
    Org,
    dashboard_slug,
    numbers,
    table_rows,
)
from tests.browser.support import (
    answer_quiz,
    choose_country,
    create_account,
    foreign_words,
    path_of,
    staff_login,
    submit,
)

pytestmark = pytest.mark.browser

LOCALES = Config.LOCALES
# Names as people there would write them: proper nouns, never translated.
JOINED = {
    "en": ("Northwind Polytechnic", "Harbour City Council"),
    "hi": ("उत्तरी पवन पॉलिटेक्निक", "बंदरगाह नगर परिषद"),
    "ja": ("北風工科大学", "港町市役所"),
    "es": ("Politécnico Viento del Norte", "Ayuntamiento de Ciudad Puerto"),
}
REGISTERED = {
    "en": "Southern Cross Academy",
    "hi": "दक्षिण तारा विद्यालय",
    "ja": "南十字学園",
    "es": "Academia Cruz del Sur",
}
MEMBERS = {
    "en": ("Asha", "Kenji"),
    "hi": ("आशा", "कबीर"),
    "ja": ("あさ", "けんじ"),
    "es": ("Lucía", "Mateo"),
}
FORMULA = '=HYPERLINK("https://x.example")'  # a display name a spreadsheet would run
FORMULA_STARTS = ("=", "+", "-", "@")


@pytest.fixture(scope="module")
def founder(site):
    """Registers the organisations people join (the admin's own journey is the test below)."""
    return Founder(site)


def in_language(page, site, locale: str, *proper_nouns: str) -> None:
    """The page is in `locale`, with no English left untranslated (names and titles aside)."""
    assert page.locator("html").get_attribute("lang") == locale
    if locale != "en":
        titles = site.memo(f"titles {locale}", lambda: site.content_titles(locale))
        assert foreign_words(page, *proper_nouns, *titles) == [], page.url


def flash(page) -> str:
    return page.locator("main .notice.success[role=status]").inner_text()


def public_figures(page, locale: str, org: Org) -> dict[str, int] | None:
    """Members and pledges on the organisation's public page; None while it shows no figures."""
    page.goto(org.path(locale))
    shown = numbers(page, "section[aria-labelledby=participation-heading] dl.figures dd")
    if not shown:
        return None
    members, _rate, pledges, *_ = shown  # members, rate, pledges, lessons, quizzes passed
    return {"members": int(members), "pledges": int(pledges)}


@pytest.mark.parametrize("locale", LOCALES)
def test_join_by_link_pledge_switch_and_leave(new_page, site, slugs, founder, locale):
    first, second = (founder.register(name) for name in JOINED[locale])
    page = new_page(locale)

    # What joining means, in the visitor's language; nothing is saved by opening the link.
    page.goto(first.join_path(locale))
    in_language(page, site, locale, first.name)
    assert first.name in page.locator("main h1").inner_text()
    assert first.name in page.locator("main p.lead").inner_text()
    assert page.locator("section[aria-labelledby=join-heading] .notice").count() == 0
    assert not page.locator("#share_name").is_checked()
    choose_country(page, "IN")
    page.check("#age_band-3")  # 18 or over: asked before a new name is kept
    page.fill("#display_name", MEMBERS[locale][0])
    submit(page)
    assert path_of(page.url) == f"/{locale}/me#organisation"
    assert first.name in flash(page)
    assert first.name in page.locator("#organisation").inner_text()
    in_language(page, site, locale, first.name, MEMBERS[locale][0])
    page.goto(first.join_path(locale))  # the link again: a member already, nothing to confirm
    assert page.locator("main form[method=post]").count() == 0
    assert first.name in page.locator("main .notice.success").inner_text()

    # A pledge taken now counts for the organisation.
    assert public_figures(page, locale, first) == {"members": 1, "pledges": 0}
    page.goto(f"/{locale}/pledges/{slugs['pledge']}")
    choose_country(page)
    submit(page)
    assert path_of(page.url) == f"/{locale}/pledges/{slugs['pledge']}/thanks"
    site.fold_tallies()  # the worker's next fold: the pledge's counts were written behind
    assert public_figures(page, locale, first) == {"members": 1, "pledges": 1}
    in_language(page, site, locale, first.name)

    # Another organisation's link: the page says which one joining takes them out of.
    page.goto(second.join_path(locale))
    in_language(page, site, locale, first.name, second.name)
    switch = page.locator("section[aria-labelledby=join-heading] .notice").inner_text()
    assert first.name in switch and second.name in switch
    button = page.locator("main form[method=post] button[type=submit]").inner_text()
    assert first.name in button and second.name in button
    submit(page)
    assert path_of(page.url) == f"/{locale}/me#organisation"
    assert second.name in flash(page)
    assert second.name in page.locator("#organisation").inner_text()
    assert public_figures(page, locale, first) is None  # no members left
    assert public_figures(page, locale, second) == {"members": 1, "pledges": 1}  # it moved along

    # Leaving, from "My progress".
    page.goto(f"/{locale}/me")
    submit(page, "#organisation form[action$='/me/organisation/leave']")
    assert path_of(page.url) == f"/{locale}/me"
    assert second.name in flash(page)
    assert page.locator("#organisation").count() == 0
    in_language(page, site, locale, second.name)
    assert public_figures(page, locale, second) is None


def register_in_the_browser(page, site, locale: str) -> str:
    """Sign up, follow "Register your organisation" from "My progress", fill the form; the slug."""
    create_account(page, site, locale)
    page.goto(f"/{locale}/me")
    with page.expect_navigation():
        page.locator(f"main a[href='/{locale}/orgs/new']").click()
    in_language(page, site, locale)
    page.fill("#name", REGISTERED[locale])
    choose_country(page, "AU")
    page.locator("select[name=sector]").select_option("education")
    page.fill("#headcount", "12")
    submit(page)
    return dashboard_slug(page)


def take_part(page, site, slugs, locale: str, action: str) -> str:
    """A member pledges, reads a lesson or passes a quiz; the title of what they did."""
    slug = slugs[action]
    if action == "pledge":
        page.goto(f"/{locale}/pledges/{slug}")
        title = page.locator("article h1").inner_text()
        submit(page)
        assert page.url.endswith("/thanks")
        site.fold_tallies()  # the worker's next fold: the pledge's counts were written behind
    elif action == "lesson":
        page.goto(f"/{locale}/lessons/{slug}")
        title = page.locator("article h1").inner_text()
        submit(page, "#lesson-done form")
        assert page.locator("#lesson-done .notice.success").is_visible()
    else:
        page.goto(f"/{locale}/quizzes/{slug}")
        title = page.locator("main h1").inner_text()
        answer_quiz(page, site.quiz_questions(slug, locale), right=True)
        submit(page, "form.quiz")
        assert page.locator(".result.passed").is_visible()
    return title


def download_csv(page, locale: str, slug: str) -> list[list[str]]:
    with page.expect_download() as info:
        page.locator(f"main a[href='/{locale}/orgs/{slug}/export.csv']").click()
    download = info.value
    assert download.suggested_filename == f"{slug}-participation.csv"
    text = Path(download.path()).read_text(encoding="utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize("locale", LOCALES)
def test_an_admin_registers_brings_people_in_and_reads_the_dashboard(new_page, site, slugs, locale):
    name = REGISTERED[locale]
    admin = new_page(locale)
    slug = register_in_the_browser(admin, site, locale)
    dashboard = f"/{locale}/orgs/{slug}/dashboard"
    assert name in flash(admin)
    unverified = admin.locator("main > p.notice:not(.success)")
    assert unverified.count() == 1
    site.cli("orgs", "verify", slug)  # campaign staff verify it
    admin.reload()
    assert unverified.count() == 0
    join_url = admin.locator("#join-url").input_value()
    join_path = path_of(join_url)
    code = join_path.rsplit("/", 1)[1]
    assert join_path == f"/{locale}/join/{code}"
    in_language(admin, site, locale, name, code)

    # The admin shares the link: three people join, each doing one thing.
    shown, hidden = MEMBERS[locale]
    done = {}
    for display_name, share, action in (
        (FORMULA, True, "pledge"),
        (shown, True, "lesson"),
        (hidden, False, "quiz"),
    ):
        member = new_page(locale)
        member.goto(join_path)
        choose_country(member, "IN")
        member.check("#age_band-3")
        member.fill("#display_name", display_name)
        if share:
            member.check("#share_name")
        submit(member)
        assert path_of(member.url) == f"/{locale}/me#organisation"
        done[action] = take_part(member, site, slugs, locale, action)

    admin.reload()
    in_language(admin, site, locale, name, code, FORMULA, shown)
    members_section = "section[aria-labelledby=members-heading] dl.figures dd"
    assert numbers(admin, members_section) == ["3", "12", "25"]  # members, people, rate (%)
    activity = numbers(admin, "section[aria-labelledby=activity-heading] dl.figures dd")
    assert activity == ["1", "1", "1", "100", "100"]  # pledges, lessons, quizzes, pass rate, score
    pledges = table_rows(admin, "table-dashboard-3")
    assert [done["pledge"], "1"] in pledges
    assert sorted(count for _title, count in pledges) == ["0"] * (len(pledges) - 1) + ["1"]
    assert [done["lesson"], "1"] in table_rows(admin, "table-dashboard-4")
    chart = admin.locator("figure.org-chart svg[role=img]")
    assert chart.locator("title#chart-title").text_content().strip()
    assert chart.locator("rect.org-chart-bar").count() >= 1  # a bar for each day with activity
    daily = [[int(cell) for cell in row[1:]] for row in table_rows(admin, "table-chart-1")]
    assert [sum(column) for column in zip(*daily, strict=True)] == [3, 1, 1, 1]
    wall = admin.locator("section[aria-labelledby=names-heading] ul.wall").inner_text()
    assert FORMULA in wall and shown in wall and hidden not in wall

    # The CSV: the same figures, formulas neutralised, names only of those who agreed.
    rows = download_csv(admin, locale, slug)
    cells = [cell for row in rows for cell in row]
    assert rows[3][2] == "3" and rows[4][2] == "25.0"  # members, participation rate
    assert "'" + FORMULA in cells and shown in cells
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    assert not [cell for cell in cells if hidden in cell]
    assert any(row[1:] == [done["pledge"], "1"] for row in rows)
    if locale != "en":  # the headings are translated too
        assert not re.search("[A-Za-z]", "".join(rows[0]))

    # Campaign staff (analysts) see the totals, never the names members shared with the admins.
    analyst = new_page(locale)
    staff_login(analyst, site, "analyst", locale)
    analyst.goto(dashboard)
    assert numbers(analyst, members_section) == ["3", "12", "25"]
    assert analyst.locator("#names-heading").count() == 0
    assert analyst.locator("#join-url").count() == 0
    staff_rows = download_csv(analyst, locale, slug)
    assert not [cell for row in staff_rows for cell in row if FORMULA[1:] in cell or shown in cell]

    # A co-admin, invited by e-mail before they even have an account.
    with admin.expect_navigation():
        admin.locator(f"nav.org-nav a[href='/{locale}/orgs/{slug}/admins']").click()
    co_admin = site.new_email("coadmin")
    admin.fill("#email", co_admin)
    submit(admin)
    assert path_of(admin.url) == f"/{locale}/orgs/{slug}/admins"
    assert co_admin in flash(admin)
    assert co_admin in admin.locator("section[aria-labelledby=pending-heading]").inner_text()
    in_language(admin, site, locale, name)

    colleague = new_page(locale)
    create_account(colleague, site, locale, co_admin)
    invitation = site.mail_link(co_admin, "/orgs/invitations/")
    assert invitation.startswith(f"/{locale}/")  # in the inviter's language
    colleague.goto(invitation)
    in_language(colleague, site, locale, name)
    assert name in colleague.locator("main h1").inner_text()
    submit(colleague)
    assert path_of(colleague.url) == dashboard
    assert name in flash(colleague)
    assert colleague.locator("#join-url").input_value() == join_url
    admin.reload()
    assert len(table_rows(admin, "table-admins-2")) == 2
    assert admin.locator("#pending-heading").count() == 0
