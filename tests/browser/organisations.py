"""Organisations for the browser tests: made through the app's own forms with a test client (fast,
and shared by page types where that is safe), and read back from the pages a browser shows.

The journeys themselves (tests/browser/test_organisations.py) do in the browser what people do;
these helpers only prepare what a journey or a page type starts from.
"""

import re
from dataclasses import dataclass

from sqlalchemy import select

from challenge.extensions import db
from challenge.participation.organisations import Organisation
from tests.browser.support import PASSWORD, Site, choose_country, path_of, submit
from tests.factories import submit as post_form
from tests.support.accounts import ADULT

DASHBOARD = re.compile(r"/(?P<locale>[a-z]{2})/orgs/(?P<slug>[^/]+)/dashboard")


@dataclass(frozen=True)
class Org:
    name: str
    slug: str
    code: str
    admin: str  # the e-mail address of the admin who registered it

    def join_path(self, locale: str) -> str:
        return f"/{locale}/join/{self.code}"

    def path(self, locale: str, page: str = "") -> str:
        """The public page, or with `page` ("dashboard", "admins"...) an admin page."""
        return f"/{locale}/orgs/{self.slug}" + (f"/{page}" if page else "")


def join_code(site: Site, slug: str) -> str:
    with site.app.app_context():
        return db.session.scalar(select(Organisation.join_code).where(Organisation.slug == slug))


class Founder:
    """An account, driven by the app's test client, that registers and administers organisations."""

    def __init__(self, site: Site, email: str | None = None):
        self.site = site
        self.email = email or site.new_email("founder")
        self.client = site.app.test_client()
        response = post_form(
            self.client, "/en/account/signup", {"email": self.email, "password": PASSWORD, **ADULT}
        )
        assert response.status_code == 200, response.text
        confirmed = self.client.get(site.mail_link(self.email, "/account/verify/"))
        assert confirmed.status_code == 302  # and logged in

    def register(self, name: str, *, headcount: int = 50) -> Org:
        """Register an organisation, then verify it as campaign staff do (`flask orgs verify`)."""
        fields = {"name": name, "country": "IN", "sector": "education", "headcount": headcount}
        response = post_form(self.client, "/en/orgs/new", fields)
        assert response.status_code == 302, response.text
        slug = DASHBOARD.fullmatch(response.headers["Location"]).group("slug")
        self.site.cli("orgs", "verify", slug)
        return Org(name, slug, join_code(self.site, slug), self.email)

    def admit_only_the_domain(self, org: Org, domain: str) -> None:
        """Save the settings form as a browser sends it (empty fields included)."""
        fields = {
            "name": org.name,
            "country": "IN",
            "sector": "education",
            "headcount": 50,
            "website": "",
            "email_domain": domain,
            "domain_only": "y",
            "goal_percent": "",
        }
        response = post_form(self.client, f"/en/orgs/{org.slug}/settings", fields)
        assert response.status_code == 302, response.text

    def invite(self, org: Org, email: str) -> str:
        """Invite `email` to be an admin; the path of the link the invitation e-mailed."""
        response = post_form(self.client, f"/en/orgs/{org.slug}/admins", {"email": email})
        assert response.status_code == 302, response.text
        return self.site.mail_link(email, "/orgs/invitations/")


def confirmed_client(site: Site, email: str):
    """A test client signed up as `email`, its address confirmed."""
    client = site.app.test_client()
    response = post_form(
        client, "/en/account/signup", {"email": email, "password": PASSWORD, **ADULT}
    )
    assert response.status_code == 200, response.text
    assert client.get(site.mail_link(email, "/account/verify/")).status_code == 302
    return client


def member_client(site: Site, org: Org, display_name: str | None = None, *, share: bool = False):
    """A new participant (a test client) who joined `org` from its link."""
    client = site.app.test_client()
    fields = {"country": "IN", "leaving": "", "display_name": display_name or ""}
    if display_name:
        fields["age_band"] = "18-or-over"  # asked before a visitor without an account is named
    if share:
        fields["share_name"] = "y"
    response = post_form(client, org.join_path("en"), fields)
    assert response.status_code == 302, response.text
    return client


def populated(site: Site, slugs: dict[str, str]) -> tuple[Org, Founder]:
    """A verified organisation with members who pledged and read, two admins and an invitation
    not yet accepted: made once per live server, for the page types that only look at it."""

    def make():
        founder = Founder(site)
        org = founder.register("Kowhai Health Trust", headcount=40)
        for display_name, share in (("Asha", True), ("=1+2", True), ("Ren", False), (None, False)):
            member = member_client(site, org, display_name, share=share)
            pledged = post_form(  # the page fills in the member's name: so the age question
                member,
                f"/en/pledges/{slugs['pledge']}",
                {"country": "IN", "age_band": "18-or-over"},
            )
            lesson = f"/en/lessons/{slugs['lesson']}"
            read = post_form(member, f"{lesson}/done", {}, page=lesson)
            assert pledged.status_code == read.status_code == 302, (pledged.text, read.text)
        co_admin = site.new_email("coadmin")
        invitation = founder.invite(org, co_admin)
        assert post_form(confirmed_client(site, co_admin), invitation, {}).status_code == 302
        founder.invite(org, site.new_email("invited"))  # left pending
        return org, founder

    return site.memo("populated organisation", make)


def other_organisation(site: Site) -> Org:
    """A second verified organisation, for switching to."""
    return site.memo("other organisation", lambda: Founder(site).register("Tui Bay Library"))


def domain_only_organisation(site: Site) -> Org:
    def make():
        founder = Founder(site)
        org = founder.register("Rata Engineering")
        founder.admit_only_the_domain(org, "rata.example")
        return org

    return site.memo("domain-only organisation", make)


# In the browser.


def join_by_link(page, locale: str, org: Org, display_name: str = "", *, share=False) -> None:
    """Open the join link and confirm; leaves the page on "My progress"."""
    page.goto(org.join_path(locale))
    choose_country(page)
    if display_name and page.locator("#display_name").count():
        page.check("#age_band-3")  # 18 or over: asked before a new name is kept
        page.fill("#display_name", display_name)
    if share:
        page.check("#share_name")
    submit(page)


def numbers(page, selector: str) -> list[str]:
    """The digits (and decimal point) of each element's text: figures in any locale's format."""
    return [re.sub(r"[^0-9.]", "", text) for text in page.locator(selector).all_inner_texts()]


def table_rows(page, caption_id: str) -> list[list[str]]:
    """The body rows of the table with this caption, as their cells' texts."""
    rows = page.locator(f"table:has(caption#{caption_id}) tbody tr")
    return [
        [text.strip() for text in rows.nth(n).locator("th, td").all_inner_texts()]
        for n in range(rows.count())
    ]


def dashboard_slug(page) -> str:
    match = DASHBOARD.fullmatch(path_of(page.url))
    assert match, f"not a dashboard: {page.url}"
    return match.group("slug")
