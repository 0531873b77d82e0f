"""Every page type the site has, and how a fresh browser reaches it.

The accessibility, HTML and screenshot runs all read PAGE_TYPES, so a new page type (organisations,
staff...) needs only a new entry here: a name, and either a path or a function that drives a fresh
browser page (in the given locale) to it. Paths are formatted with `locale` and the first published
`lesson`, `quiz` and `pledge` slugs.
"""

from collections.abc import Callable
from dataclasses import dataclass

from tests.browser.support import PASSWORD, Site, answer_quiz, choose_country, submit


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


def submit_empty(page, site, locale, slugs):
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


def sign_up(page, site, locale, slugs) -> str:
    email = site.new_email()
    page.goto(site.url(f"/{locale}/account/signup"))
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    submit(page)
    return email


def settings(page, site, locale, slugs):
    sign_up(page, site, locale, slugs)
    page.goto(site.url(f"/{locale}/account/"))


def new_password(page, site, locale, slugs):
    email = sign_up(page, site, locale, slugs)
    page.goto(site.url(f"/{locale}/account/reset"))
    page.fill("#email", email)
    submit(page)
    page.goto(site.url(site.mail_link(email)))


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


PAGE_TYPES = (
    PageType("home", "/{locale}/"),
    PageType("about", "/{locale}/about"),
    PageType("privacy", "/{locale}/privacy"),
    PageType("lessons", "/{locale}/lessons/"),
    PageType("lesson", "/{locale}/lessons/{lesson}"),
    PageType(
        "lesson-errors",
        setup=path_then(
            "/{locale}/lessons/{lesson}", lambda page, *_: submit(page, "#lesson-done form")
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
    PageType("leaderboard", "/{locale}/leaderboards/countries"),
    PageType("leaderboard-per-capita", "/{locale}/leaderboards/countries?view=per-capita"),
    PageType("embed-quad", "/embed/{locale}/quad"),
    PageType("leaderboard-organisations", "/{locale}/leaderboards/organisations"),
    PageType("organisations", "/{locale}/orgs/"),
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
    PageType("not-found", "/{locale}/no-such-page", status=404),
)
