"""Helpers for the organisation tests: accounts, staff, registering, joining."""

from sqlalchemy import select

from challenge.accounts.models import Account
from challenge.extensions import db
from challenge.participation import tallies
from challenge.participation.models import Participant
from challenge.participation.organisations import Organisation
from tests.factories import submit
from tests.support.quizzes import answer_sheet, send
from tests.support.tallies import fold_pending, recount, recount_daily, stored, stored_daily
from tests.support.visitors import PASSWORD, log_in, sign_up

ORGANISATION = {
    "name": "Ministry of Examples",
    "country": "IN",
    "sector": "government",
    "headcount": "200",
    "website": "https://example.gov.in",
    "email_domain": "example.gov.in",
}


def account(app, email: str, *, verified: bool = True, locale: str = "en"):
    """A client signed up, confirmed and logged in as `email`. With verified=False the address is
    then marked unconfirmed again: a session of an account made before sign-ups had to be
    confirmed, which the site must still treat as unconfirmed."""
    client = app.test_client()
    sign_up(client, email=email, locale=locale)
    if not verified:
        with app.app_context():
            found = db.session.scalar(select(Account).where(Account.email == email.lower()))
            found.email_verified_at = None
            db.session.commit()
    return client


def staff(app, email: str, role: str):
    """A client logged in as campaign staff with `role`, created by `flask staff create`."""
    result = app.test_cli_runner().invoke(
        args=["staff", "create", email, "--role", role, "--password-stdin"], input=PASSWORD + "\n"
    )
    assert result.exit_code == 0, result.output
    client = app.test_client()
    assert log_in(client, email=email).status_code == 302
    return client


def register(client, **fields):
    return submit(client, "/en/orgs/new", {**ORGANISATION, **fields})


def registered(app, client, **fields) -> str:
    """Register an organisation as `client`; its slug."""
    response = register(client, **fields)
    assert response.status_code == 302, response.text
    return response.headers["Location"].split("/")[-2]


def organisation(app, slug: str) -> Organisation:
    with app.app_context():
        found = db.session.scalar(select(Organisation).where(Organisation.slug == slug))
        db.session.expunge(found)
        return found


def cli(app, *args: str):
    return app.test_cli_runner().invoke(args=list(args))


def join_url(app, slug: str, locale: str = "en") -> str:
    return f"/{locale}/join/{organisation(app, slug).join_code}"


def join(app, client, slug: str, locale: str = "en", **data):
    """Open the join link and confirm, with the `leaving` field the page gave."""
    import re

    url = join_url(app, slug, locale)
    page = client.get(url).text
    leaving = re.search(r'name="leaving" type="hidden" value="([^"]*)"', page)
    fields = {"country": "IN", "leaving": leaving.group(1) if leaving else "", **data}
    if data.get("display_name") and "age_band" not in data and 'name="age_band"' in page:
        fields["age_band"] = "18-or-over"  # asked before a visitor without an account is named
    return submit(client, url, fields, page=url)


def member_of(app) -> list[tuple[int | None, bool]]:
    """(organisation id, shares name) of every participant, oldest first."""
    with app.app_context():
        return [
            (row.organisation_id, row.share_name_with_org)
            for row in db.session.scalars(select(Participant).order_by(Participant.id))
        ]


def counts_match(app) -> None:
    with app.app_context():
        assert recount() == stored()
        assert recount_daily() == stored_daily()


def org_tally(app, slug, metric, suffix="") -> int:
    """An organisation's tally as its dashboard reads it, once the worker has folded."""
    with app.app_context():
        fold_pending()
        scope = tallies.organisation_scope(organisation(app, slug).id)
        return tallies.read_one(metric, scope + suffix)


def take_part(app, client, country="IN"):
    """A pledge, a lesson read and a passed quiz."""
    submit(client, "/en/pledges/turn-on-mfa", {"country": country})
    fold_pending(app)
    submit(client, "/en/lessons/backups/done", {}, page="/en/lessons/backups")
    send(client, answer_sheet(app), country=None)
