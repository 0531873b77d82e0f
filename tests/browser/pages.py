"""Every page type the site has, and how a fresh browser reaches it.

The accessibility, HTML and screenshot runs all read PAGE_TYPES, so a new page type (organisations,
staff...) needs only a new entry here: a name, and either a path or a function that drives a fresh
browser page (in the given locale) to it. Paths are formatted with `locale` and the first published
`lesson`, `quiz` and `pledge` slugs.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from tests.browser.organisations import (
    domain_only_organisation,
    join_by_link,
    other_organisation,
    populated,
)
from tests.browser.staff import console, edited_lesson, editor_path
from tests.browser.support import (
    Site,
    answer_quiz,
    choose_country,
    create_account,
    log_in,
    submit,
)


@dataclass(frozen=True)
class PageType:
    name: str
    path: str | None = None  # opened directly, when there is no setup
    setup: Callable | None = None  # setup(page, site, locale, slugs): leaves the page on it
    status: int = 200  # of the final response
    errors: bool = False  # a form shown with its error summary

    def open(self, page, site: Site, locale: str, slugs: dict[str, str]):
        """Drive `page` to this page type; return the final document's response."""
        responses = []

        def remember(response):
            if (
                response.request.is_navigation_request()
                and response.frame == page.main_frame
                and not 300 <= response.status < 400
            ):
                responses.append(response)

        page.on("response", remember)
        try:
            if self.setup is not None:
                self.setup(page, site, locale, slugs)
            else:
                page.goto(site.url(self.path.format(locale=locale, **slugs)))
        finally:
            page.remove_listener("response", remember)
        assert responses, f"{self.name}: no page was loaded"
        return responses[-1]


def path_then(path: str, action: Callable) -> Callable:
    def setup(page, site, locale, slugs):
        page.goto(site.url(path.format(locale=locale, **slugs)))
        action(page, site, locale, slugs)

    return setup


def unanswered(page, form: str = "main form[method=post]") -> None:
    """Blank the country question, which hi and ja pages answer for the visitor by default."""
    for select in page.locator(f"{form} select[name=country]").all():
        select.select_option("")


def submit_empty(page, site, locale, slugs):
    unanswered(page)
    submit(page)


def quiz_result(page, site, locale, slugs):
    """A failed attempt: the result page then shows every explanation."""
    page.goto(site.url(f"/{locale}/quizzes/{slugs['quiz']}"))
    answer_quiz(page, site.quiz_questions(slugs["quiz"], locale), right=False)
    choose_country(page)
    submit(page, "form.quiz")


def take_pledge(page, site, locale, slugs):
    page.goto(site.url(f"/{locale}/pledges/{slugs['pledge']}"))
    choose_country(page)
    submit(page)


def progress_with_data(page, site, locale, slugs):
    take_pledge(page, site, locale, slugs)
    page.goto(site.url(f"/{locale}/lessons/{slugs['lesson']}"))
    submit(page, "#lesson-done form")
    quiz_result(page, site, locale, slugs)
    page.goto(site.url(f"/{locale}/me"))


def erase_confirmation(page, site, locale, slugs):
    take_pledge(page, site, locale, slugs)
    page.goto(site.url(f"/{locale}/me/erase"))


def erase_unconfirmed(page, site, locale, slugs):
    erase_confirmation(page, site, locale, slugs)
    submit(page)


def sign_up(page, site, locale, slugs) -> str:
    return create_account(page, site, locale)


def settings(page, site, locale, slugs):
    sign_up(page, site, locale, slugs)
    page.goto(site.url(f"/{locale}/account/"))


def new_password(page, site, locale, slugs):
    email = sign_up(page, site, locale, slugs)
    page.goto(site.url(f"/{locale}/account/reset"))
    page.fill("#email", email)
    submit(page)
    page.goto(site.url(site.mail_link(email)))


def change_password(page, site, locale, slugs):
    sign_up(page, site, locale, slugs)
    page.goto(site.url(f"/{locale}/account/password"))


def new_organisation(page, site, locale, slugs):
    sign_up(page, site, locale, slugs)
    page.goto(site.url(f"/{locale}/orgs/new"))


def organisation_dashboard(page, site, locale, slugs):
    """Register an organisation: its admin lands on the dashboard."""
    new_organisation(page, site, locale, slugs)
    page.fill("#name", f"Test organisation {site.new_email().split('@')[0]}")
    choose_country(page)
    page.locator("select[name=sector]").select_option("education")
    page.fill("#headcount", "120")
    submit(page)


def organisation_join(page, site, locale, slugs):
    organisation_dashboard(page, site, locale, slugs)
    link = page.locator("#join-url").input_value()
    page.goto(site.url("/" + link.split("://", 1)[1].split("/", 1)[1]))


def organisation_admin_page(name: str) -> Callable:
    """An admin page of an organisation with members, figures and two admins, logged in as one."""

    def setup(page, site, locale, slugs):
        org, _founder = populated(site, slugs)
        log_in(page, site, locale, org.admin)
        page.goto(site.url(org.path(locale, name)))

    return setup


def organisation_public(page, site, locale, slugs):
    org, _founder = populated(site, slugs)
    page.goto(site.url(org.path(locale)))


def organisation_joined(page, site, locale, slugs):
    """Joined from the link: "My progress" thanks the new member and shows the membership."""
    org, _founder = populated(site, slugs)
    join_by_link(page, locale, org, "Mele", share=True)


def organisation_join_errors(page, site, locale, slugs):
    org, _founder = populated(site, slugs)
    page.goto(site.url(org.join_path(locale)))
    unanswered(page)
    submit(page)


def organisation_join_switch(page, site, locale, slugs):
    """A member of one organisation opens another's link: joining asks to confirm the switch."""
    organisation_joined(page, site, locale, slugs)
    page.goto(site.url(other_organisation(site).join_path(locale)))


def organisation_join_refused(page, site, locale, slugs):
    page.goto(site.url(domain_only_organisation(site).join_path(locale)))


def organisation_invitation(page, site, locale, slugs):
    """An invitation to become an admin, opened by the invited (and confirmed) account."""
    org, founder = populated(site, slugs)
    email = create_account(page, site, locale)
    page.goto(site.url(founder.invite(org, email)))


def staff_page(role: str, path: str, *, prepare: Callable | None = None) -> Callable:
    """A staff console page, logged in as `role` with the console in the page's locale; `path` is
    formatted with the locale, the first published slugs and what `prepare(site, locale, slugs)`
    returns (a dict)."""

    def setup(page, site, locale, slugs):
        values = prepare(site, locale, slugs) if prepare else {}
        console(page, site, role, locale)
        page.goto(site.url(path.format(locale=locale, **slugs, **values)))

    return setup


def lesson_editor_preview(page, site, locale, slugs):
    """The first lesson's source, a paragraph added, previewed (nothing saved)."""
    console(page, site, "editor", locale)
    page.goto(site.url(editor_path(slugs["lesson"], "en")))
    text = page.locator("#text")
    text.fill(
        text.input_value() + "\n\nA paragraph to preview, with a [link](https://example.org).\n"
    )
    submit_action(page, "preview")


def lesson_editor_errors(page, site, locale, slugs):
    """Published without a title, and with a note over 200 characters: both are refused."""
    console(page, site, "editor", locale)
    page.goto(site.url(editor_path(slugs["lesson"], "en")))
    text = page.locator("#text")
    text.fill(re.sub(r"^title:.*\n", "", text.input_value(), count=1, flags=re.M))
    page.fill("#note", "x" * 201)
    submit_action(page, "publish")


def submit_action(page, action: str) -> None:
    """Press one of the editor's buttons (preview, draft, publish, schedule)."""
    with page.expect_navigation():
        page.locator(f"main form button[name=action][value={action}]").click()


def edited(site, locale, slugs) -> dict:
    path, _added = edited_lesson(site, locale)
    return {"edited": path}


def translation_editor(page, site, locale, slugs):
    """A translator's side-by-side editor: the page's language, or Hindi for the source's."""
    into = locale if locale != site.app.config["DEFAULT_LOCALE"] else "hi"
    console(page, site, "translator", locale, locales=(into,))
    page.goto(site.url(editor_path(slugs["lesson"], into)))


def merge_errors(page, site, locale, slugs):
    staff_page("moderator", "/staff/organisations/{other}/merge", prepare=other_slug)(
        page, site, locale, slugs
    )
    submit(page)


def other_slug(site, locale, slugs) -> dict:
    return {"other": other_organisation(site).slug}


def with_jobs_to_act_on(site, locale, slugs) -> dict:
    """A dead and a failed job (so the page shows its buttons) and a periodic job's last run."""

    def make():
        from challenge.extensions import db
        from challenge.jobs import runner
        from challenge.jobs.models import DEAD, FAILED, Job
        from challenge.jobs.outbox import enqueue

        with site.app.app_context():
            for state, attempts in ((DEAD, 8), (FAILED, 2)):
                job = db.session.get(Job, enqueue("no.such.kind", f"browser-{state}", {}))
                job.state, job.attempts, job.last_error = state, attempts, "TimeoutError"
            db.session.commit()
            runner.run_periodic("purge-finished-jobs", lambda: "0 deleted")
        return {}

    return site.memo("jobs-to-act-on", make)


def with_names_to_review(site, locale, slugs) -> dict:
    populated(site, slugs)  # members who shared display names, waiting for review
    return {}


STAFF_PAGE_TYPES = (
    PageType("staff-content", setup=staff_page("editor", "/staff/content")),
    PageType("staff-editor-preview", setup=lesson_editor_preview),
    PageType("staff-editor-errors", setup=lesson_editor_errors, status=400, errors=True),
    PageType("staff-history", setup=staff_page("editor", "{edited}/history", prepare=edited)),
    PageType("staff-diff", setup=staff_page("editor", "{edited}/diff?from=1&to=3", prepare=edited)),
    PageType("staff-revision", setup=staff_page("editor", "{edited}/revisions/2", prepare=edited)),
    PageType("staff-translations", setup=staff_page("editor", "/staff/translations")),
    PageType("staff-translation-editor", setup=translation_editor),
    PageType(
        "staff-moderation",
        setup=staff_page("moderator", "/staff/moderation", prepare=with_names_to_review),
    ),
    PageType(
        "staff-organisations",
        setup=staff_page("moderator", "/staff/organisations", prepare=with_names_to_review),
    ),
    PageType(
        "staff-merge",
        setup=staff_page("moderator", "/staff/organisations/{other}/merge", prepare=other_slug),
    ),
    PageType("staff-merge-errors", setup=merge_errors, status=400, errors=True),
    PageType("staff-dashboard", setup=staff_page("admin", "/staff/dashboard")),
    PageType("staff-people", setup=staff_page("admin", "/staff/people")),
    PageType("staff-audit", setup=staff_page("admin", "/staff/audit")),
    PageType("staff-jobs", setup=staff_page("admin", "/staff/jobs", prepare=with_jobs_to_act_on)),
)


PAGE_TYPES = (
    PageType("home", "/{locale}/"),
    PageType("about", "/{locale}/about"),
    PageType("privacy", "/{locale}/privacy"),
    PageType("languages", "/{locale}/languages"),
    PageType("lessons", "/{locale}/lessons/"),
    PageType("lesson", "/{locale}/lessons/{lesson}"),
    PageType(
        "lesson-errors",
        setup=path_then(
            "/{locale}/lessons/{lesson}",
            lambda page, *_: (
                unanswered(page, "#lesson-done form"),
                submit(page, "#lesson-done form"),
            ),
        ),
        status=400,
        errors=True,
    ),
    PageType("quizzes", "/{locale}/quizzes/"),
    PageType("quiz", "/{locale}/quizzes/{quiz}"),
    PageType(
        "quiz-errors",
        setup=path_then("/{locale}/quizzes/{quiz}", submit_empty),
        status=400,
        errors=True,
    ),
    PageType("quiz-result", setup=quiz_result),
    PageType("pledges", "/{locale}/pledges/"),
    PageType("pledge", "/{locale}/pledges/{pledge}"),
    PageType(
        "pledge-errors",
        setup=path_then("/{locale}/pledges/{pledge}", submit_empty),
        status=400,
        errors=True,
    ),
    PageType("pledge-thanks", setup=take_pledge),
    PageType("progress-empty", "/{locale}/me"),
    PageType("progress", setup=progress_with_data),
    PageType("erase-nothing", "/{locale}/me/erase"),
    PageType("erase", setup=erase_confirmation),
    PageType("erase-errors", setup=erase_unconfirmed, status=400, errors=True),
    PageType("signup", "/{locale}/account/signup"),
    PageType(
        "signup-errors",
        setup=path_then("/{locale}/account/signup", submit_empty),
        status=400,
        errors=True,
    ),
    PageType("check-email", setup=sign_up),
    PageType("login", "/{locale}/account/login"),
    PageType("reset", "/{locale}/account/reset"),
    PageType("new-password", setup=new_password),
    PageType("settings", setup=settings),
    PageType("change-password", setup=change_password),
    PageType(
        "change-password-errors",
        setup=lambda page, site, locale, slugs: (
            change_password(page, site, locale, slugs),
            submit(page),
        ),
        status=400,
        errors=True,
    ),
    PageType("security", "/{locale}/security"),
    PageType("help", "/{locale}/help/"),
    PageType("help-situation", "/{locale}/help/lost-money?country=in"),
    PageType("help-situation-other", "/{locale}/help/child-at-risk?country=other"),
    PageType("leaderboard", "/{locale}/leaderboards/countries"),
    PageType("leaderboard-per-capita", "/{locale}/leaderboards/countries?view=per-capita"),
    PageType("embed-quad", "/embed/{locale}/quad"),
    PageType("leaderboard-organisations", "/{locale}/leaderboards/organisations"),
    PageType("organisations", "/{locale}/orgs/"),
    PageType("for-organisations", "/{locale}/for-organisations"),
    PageType("organisation-new", setup=new_organisation),
    PageType(
        "organisation-new-errors",
        setup=lambda page, site, locale, slugs: (
            new_organisation(page, site, locale, slugs),
            submit(page),
        ),
        status=400,
        errors=True,
    ),
    PageType("organisation-dashboard", setup=organisation_dashboard),
    PageType("organisation-join", setup=organisation_join),
    PageType("organisation-join-errors", setup=organisation_join_errors, status=400, errors=True),
    PageType("organisation-joined", setup=organisation_joined),
    PageType("organisation-join-switch", setup=organisation_join_switch),
    PageType("organisation-join-refused", setup=organisation_join_refused, status=403),
    PageType("organisation-public", setup=organisation_public),
    PageType("organisation-dashboard-data", setup=organisation_admin_page("dashboard")),
    PageType("organisation-settings", setup=organisation_admin_page("settings")),
    PageType("organisation-admins", setup=organisation_admin_page("admins")),
    PageType("organisation-invitation", setup=organisation_invitation),
    *STAFF_PAGE_TYPES,
    PageType("not-found", "/{locale}/no-such-page", status=404),
)
