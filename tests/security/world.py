"""One populated site shared by the security tests of a module: real content, two organisations,
and a logged-in client for every role, built once per module.

Roles: anonymous; participant (no account, has pledged and taken a quiz: a participant cookie);
account (signed in, no role); member (signed in, joined organisation A); organisation admin (of A);
and one client per staff role (the translator translates into Hindi only).
Organisation A is verified; organisation B is not, and its admin has invited A's admin to join.
The lesson LESSON has a draft saved in the staff console in every locale, so its history holds
revisions 1 (the text from content/) and 2 (the draft) in each: the staff content pages' real
values (`real_values`) open real pages.
"""

import hashlib
import re
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from flask import Flask, got_request_exception
from flask.testing import FlaskClient
from sqlalchemy import select

from challenge import create_app
from challenge.accounts.operations import find
from challenge.accounts.roles import ROLES as STAFF_ROLES
from challenge.content.operations import sync_tree
from challenge.extensions import db
from challenge.mail import outbox
from tests.conftest import settings
from tests.factories import last_link, submit
from tests.organisations.support import account, cli, join, organisation, registered
from tests.staff.content.support import send as send_editor
from tests.staff.support import staff_client
from tests.support.quizzes import answer_sheet, send

ANONYMOUS = "anonymous"
PARTICIPANT = "participant"
ACCOUNT = "account"
MEMBER = "member"
ORG_ADMIN = "organisation admin"
STAFF = tuple(f"staff {role}" for role in STAFF_ROLES)
ROLES = (ANONYMOUS, PARTICIPANT, ACCOUNT, MEMBER, ORG_ADMIN, *STAFF)
NOT_SIGNED_IN = (ANONYMOUS, PARTICIPANT)
TRANSLATOR_LOCALES = ("hi",)

PLEDGE = "turn-on-mfa"
QUIZ = "spotting-phishing"
LESSON = "backups"
EDITION = "quad-cyber-challenge-2023"
OWNER_EMAIL = "owner@example.gov.in"
OTHER_EMAIL = "other-owner@example.net"
REVISION = 1  # in every locale of LESSON: the text from content/; 2 is a draft
OTHER_LOCALE = "ja"  # a locale the translator does not translate into


@dataclass
class World:
    app: Flask
    clients: dict[str, FlaskClient]
    org: str  # organisation A's slug: a verified school, administered by ORG_ADMIN, MEMBER in it
    other_org: str  # organisation B's slug: unverified, another admin
    join_code: str  # A's join link code
    invitation_code: str  # B's invitation to ORG_ADMIN's address
    reset_token: str  # a working password-reset token for ACCOUNT
    attempt_id: int  # PARTICIPANT's quiz attempt
    admin_id: int  # ORG_ADMIN's account id

    def client(self, role: str) -> FlaskClient:
        return self.clients[role]


def build_world(app: Flask, real_content_tree) -> World:
    with app.app_context():
        sync_tree(real_content_tree, "en")
    clients = {ANONYMOUS: app.test_client()}

    participant = app.test_client()
    assert submit(participant, f"/en/pledges/{PLEDGE}", {"country": "IN"}).status_code == 302
    sent = send(participant, answer_sheet(app), country=None)
    assert sent.status_code == 302, sent.status_code
    attempt_id = int(sent.headers["Location"].rstrip("/").rsplit("/", 1)[1])
    clients[PARTICIPANT] = participant

    owner = account(app, OWNER_EMAIL)
    org = registered(app, owner, sector="education")  # a school: its classes pages exist
    cli(app, "orgs", "verify", org)
    clients[ORG_ADMIN] = owner

    clients[ACCOUNT] = account(app, "someone@example.org")
    member = account(app, "member@example.gov.in")
    assert join(app, member, org).status_code == 302
    clients[MEMBER] = member

    other_owner = account(app, OTHER_EMAIL)
    other_org = registered(app, other_owner, name="Other Company", sector="business")
    invited = submit(other_owner, f"/en/orgs/{other_org}/admins", {"email": OWNER_EMAIL})
    assert invited.status_code == 302, invited.status_code
    with app.app_context():
        invitation_code = last_link(outbox()).rstrip("/").rsplit("/", 1)[1]

    for role in STAFF_ROLES:
        locales = TRANSLATOR_LOCALES if role == "translator" else ()
        clients[f"staff {role}"] = staff_client(app, role, locales=locales)
    for locale in app.config["LOCALES"]:
        saved = send_editor(
            clients["staff editor"], f"/staff/content/lessons/{LESSON}/{locale}", "draft"
        )
        assert saved.status_code == 302, saved.status_code

    reset = submit(app.test_client(), "/en/account/reset", {"email": "someone@example.org"})
    assert reset.status_code == 200
    with app.app_context():
        reset_token = last_link(outbox()).rstrip("/").rsplit("/", 1)[1]
        admin_id = find(OWNER_EMAIL).id
    return World(
        app=app,
        clients=clients,
        org=org,
        other_org=other_org,
        join_code=organisation(app, org).join_code,
        invitation_code=invitation_code,
        reset_token=reset_token,
        attempt_id=attempt_id,
        admin_id=admin_id,
    )


REAL_SCRYPT = hashlib.scrypt


def cheap_scrypt(password, *, salt, n, r, p, maxmem=0, dklen=64):
    return REAL_SCRYPT(password, salt=salt, n=2, r=1, p=1, dklen=dklen)


@contextmanager
def world_app(migrated_database: str, instance_path, **overrides):
    """An app on the test database for a whole module; every table is emptied afterwards."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("INSTANCE_PATH", str(instance_path))
        # These tests send thousands of forms, many with passwords: they test who may do what
        # and input handling, not the hash, so scrypt gets its cheapest cost while they run.
        patch.setattr(hashlib, "scrypt", cheap_scrypt)
        # Errors become 500 responses, as in production, so a test can list them all; each
        # one's exception is kept in app.extensions["unhandled"] for the report.
        # The edition runs (as under `make serve`), so its check-in form is there to be attacked.
        overrides = {
            "RATELIMIT_ENABLED": False,
            "PROPAGATE_EXCEPTIONS": False,
            "DEMO_RUNNING_EDITION": EDITION,
            **overrides,
        }
        app = create_app(settings(migrated_database, **overrides))
        app.extensions["unhandled"] = []
        got_request_exception.connect(record_exception, app)
        try:
            yield app
        finally:
            got_request_exception.disconnect(record_exception, app)
            with app.app_context():
                db.session.remove()
                for table in reversed(db.metadata.sorted_tables):
                    db.session.execute(table.delete())
                db.session.commit()
                db.engine.dispose()


def record_exception(app: Flask, exception: BaseException, **_extra) -> None:
    app.extensions["unhandled"].append(f"{type(exception).__name__}: {exception}")


def last_exception(app: Flask) -> str:
    return app.extensions["unhandled"][-1] if app.extensions["unhandled"] else ""


# ---------------------------------------------------------------------------------------------
# What the database holds


def snapshot(app: Flask) -> dict[str, list[tuple]]:
    """Every row of every table, in a stable order: equal snapshots mean nothing was written."""
    with app.app_context():
        taken = {
            table.name: sorted(map(tuple, db.session.execute(select(table))), key=repr)
            for table in db.metadata.sorted_tables
        }
        db.session.rollback()
    return taken


def changed_tables(before: dict, after: dict) -> list[str]:
    return sorted(name for name in before if before[name] != after.get(name))


# ---------------------------------------------------------------------------------------------
# Filling in URL rules


def url_for_rule(rule, values: dict[str, str]) -> str:
    """The rule's path with each <converter:name> replaced by values[name]."""

    def fill(match):
        name = match.group(1).split(":")[-1]
        return str(values[name])

    return re.sub(r"<([^>]+)>", fill, rule.rule)


# Query strings that some views need to show a real page (without them: 400).
REAL_QUERIES = {
    "staff.content_diff": f"from={REVISION}&to={REVISION + 1}",
    "staff.content_new": "kind=lessons&slug=a-new-lesson",  # opens the editor (a 302)
}


def real_url(world: World, rule, **values) -> str:
    """The rule's address with real values (`values` instead of some), and its real query."""
    path = url_for_rule(rule, {**real_values(world, rule), **values})
    query = REAL_QUERIES.get(rule.endpoint)
    return f"{path}?{query}" if query else path


def real_values(world: World, rule) -> dict[str, str]:
    """Real objects for a rule's arguments, so an allowed request is a real 200. Staff content
    pages are LESSON in the translator's locale (`lang`), at revision REVISION."""
    endpoint = rule.endpoint
    blueprint = endpoint.split(".", 1)[0]
    path = rule.rule
    slug = {
        "lessons": LESSON,
        "pledges": PLEDGE,
        "quizzes": QUIZ,
        "editions": EDITION,
        "organisations": world.org,
    }.get(blueprint)
    if endpoint == "api.edition_detail":
        slug = EDITION
    if slug is None:
        slug = world.org if "/org" in path else LESSON
    code = world.invitation_code if endpoint == "organisations.invitation" else world.join_code
    token = world.reset_token if endpoint == "accounts.reset" else "not-a-token"
    values = {
        "locale": "en",
        "lang": TRANSLATOR_LOCALES[0],  # staff content: a translation the translator may edit
        "number": REVISION,
        "table": "totals",  # the dashboard's CSV files
        "slug": slug,
        "code": code,
        "token": token,
        "attempt_id": world.attempt_id,
        "account_id": world.admin_id,
        "job_id": 1,  # no such job: a 404 once past the checks
        "folder": "lessons",
        "kind": "lesson",
        "name": "missing.png",
        "filename": "css/site.css",
        "situation_id": "lost-money",
        "org": world.org,  # an edition's organisation pages
    }
    for name in rule.arguments:
        values.setdefault(name, "1" if f"<int:{name}>" in path else "x")
    return values
