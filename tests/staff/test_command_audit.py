"""Every `flask` command that changes the database is in the audit log, as the command line.

The app's commands are listed from `app.cli`, so a new command fails
`test_every_command_is_classified` until it is added to COMMANDS: the audit action it records, or
why it records none (docs/security.md, "Staff", says the same).
"""

import datetime as dt

import click
from sqlalchemy import select, update

from challenge.accounts.operations import find
from challenge.audit import COMMAND_LINE
from challenge.clock import utcnow
from challenge.extensions import db
from challenge.participation.models import Participant, Tally
from tests.factories import submit
from tests.organisations.support import account, cli, organisation, registered
from tests.staff.support import audit_entries
from tests.support.tallies import fold_pending

READS_ONLY = "reads only"
FILES_ONLY = "writes files, not the database: git (or the deployment) records them"
# Each command: the audit actions it records, or why it records none.
COMMANDS = {
    "content check": READS_ONLY,
    "content sync": ("content.sync",),
    "content export": FILES_ONLY,
    "content publish-due": ("content.publish", "content.schedule_failed"),  # as "scheduler"
    "demo seed": ("demo.seed",),
    "jobs worker": "runs queued jobs: each job's own operation records what it changes",
    "jobs status": READS_ONLY,
    "jobs retry": ("jobs.retry",),
    "jobs discard": ("jobs.discard",),
    "orgs list": READS_ONLY,
    "orgs verify": ("organisations.verify",),
    "orgs unverify": ("organisations.unverify",),
    "orgs add-admin": ("organisations.add_admin",),
    "staff create": ("staff.create", "staff.role"),
    "staff revoke": ("staff.revoke",),
    "staff list": READS_ONLY,
    "stats verify": READS_ONLY,
    "stats fold": "the worker's fold by hand: moves counts already recorded, changes no figure",
    "stats rebuild": ("participation.rebuild",),
    "stats bursts": READS_ONLY,
    "stats discount": ("participation.discount",),  # tests/participation/test_bursts.py
    "stats restore": ("participation.restore",),
    "stats forget-origins": ("participation.forget_origins",),
    "translate update": FILES_ONLY,
    "translate compile": FILES_ONLY,
    "translate check": READS_ONLY,
    "translate init": FILES_ONLY,
    "translate extract": FILES_ONLY,
}


# Whole groups of commands the app did not write, and why they record nothing.
GROUPS = {
    "db": "Flask-Migrate: schema changes, recorded by Alembic (alembic_version) and in git",
}


def commands(group: click.Group, prefix: str = "") -> list[str]:
    found = []
    for name, command in group.commands.items():
        if isinstance(command, click.Group) and name not in GROUPS:
            found += commands(command, f"{prefix}{name} ")
        elif not isinstance(command, click.Group):
            found.append(f"{prefix}{name}")
    return found


def test_every_command_is_classified(app):
    assert set(GROUPS) <= set(app.cli.commands)
    assert sorted(commands(app.cli)) == sorted(COMMANDS), (
        "Add each new `flask` command to COMMANDS: the audit action it records, or why none"
    )


def actions_by_command_line(app) -> list[tuple[str, str]]:
    entries = audit_entries(app)
    assert all(entry.actor == COMMAND_LINE and entry.actor_id is None for entry in entries)
    return [(entry.action, entry.target) for entry in entries]


def test_content_sync_is_audited_when_it_changes_something(app, content):
    content.lesson("a-lesson")
    synced = cli(app, "content", "sync", "--dir", str(content.root))
    assert synced.exit_code == 0, synced.output
    (entry,) = audit_entries(app, "content.sync")
    assert entry.target == str(content.root) and entry.actor == COMMAND_LINE
    assert entry.after == {
        "created": ["lessons/a-lesson"],
        "updated": [],
        "archived": [],
        "unchanged": 0,
    }
    assert cli(app, "content", "sync", "--dir", str(content.root)).exit_code == 0
    assert len(audit_entries(app, "content.sync")) == 1  # nothing changed, nothing recorded
    content.lesson("a-lesson", title="A better title")
    assert cli(app, "content", "sync", "--dir", str(content.root)).exit_code == 0
    assert audit_entries(app, "content.sync")[-1].after["updated"] == ["lessons/a-lesson"]


def test_a_rebuild_records_the_totals_before_and_after(synced):
    submit(synced.test_client(), "/en/pledges/turn-on-mfa", {"country": "IN"})
    fold_pending(synced)  # as the worker does, so the tally row exists to be tampered with
    with synced.app_context():
        db.session.execute(
            update(Tally).where(Tally.metric == "pledges", Tally.scope == "all").values(value=7)
        )
        db.session.commit()
    result = cli(synced, "stats", "rebuild")
    assert result.exit_code == 0, result.output
    assert actions_by_command_line(synced) == [("participation.rebuild", "tallies")]
    (entry,) = audit_entries(synced)
    assert entry.before["all"]["pledges"] == 7 and entry.after["all"]["pledges"] == 1
    assert entry.after["all"]["participants"] == 1 and entry.after["daily_counts"] > 0


def test_forgetting_origins_is_audited_when_it_erases_any(synced):
    submit(synced.test_client(), "/en/pledges/turn-on-mfa", {"country": "IN"})
    assert cli(synced, "stats", "forget-origins").exit_code == 0
    assert audit_entries(synced) == []  # nothing old enough: nothing erased, nothing recorded
    with synced.app_context():
        db.session.execute(update(Participant).values(created_at=utcnow() - dt.timedelta(days=40)))
        db.session.commit()
    assert "Erased the origin of 1 participants" in cli(synced, "stats", "forget-origins").output
    assert actions_by_command_line(synced) == [
        ("participation.forget_origins", "participant.origin")
    ]
    assert audit_entries(synced)[0].after["participants"] == 1


def test_adding_an_organisation_admin_is_audited_and_needs_a_confirmed_address(synced):
    owner = account(synced, "owner@example.gov.in")
    slug = registered(synced, owner)
    account(synced, "stranger@example.gov.in", verified=False)
    refused = cli(synced, "orgs", "add-admin", slug, "stranger@example.gov.in")
    assert refused.exit_code != 0 and "has not confirmed its address" in refused.output
    assert audit_entries(synced) == []
    account(synced, "colleague@example.gov.in")
    added = cli(synced, "orgs", "add-admin", slug, "colleague@example.gov.in")
    assert added.exit_code == 0, added.output
    assert actions_by_command_line(synced) == [("organisations.add_admin", f"organisation:{slug}")]
    with synced.app_context():
        colleague = find("colleague@example.gov.in").id
    # By account id: an address would outlive a deleted account in the log.
    assert audit_entries(synced)[0].after == {"admin_account_id": colleague}
    assert cli(synced, "orgs", "add-admin", slug, "colleague@example.gov.in").exit_code == 0
    assert len(audit_entries(synced)) == 1  # already an admin: nothing changed


def test_verifying_organisations_from_the_command_line_is_audited(synced):
    slug = registered(synced, account(synced, "owner@example.gov.in"))
    assert cli(synced, "orgs", "verify", slug).exit_code == 0
    assert cli(synced, "orgs", "unverify", slug).exit_code == 0
    assert actions_by_command_line(synced) == [
        ("organisations.verify", f"organisation:{slug}"),
        ("organisations.unverify", f"organisation:{slug}"),
    ]
    assert not organisation(synced, slug).is_verified


def test_seeding_fake_data_is_audited(synced):
    result = cli(synced, "demo", "seed", "--participants", "20", "--days", "3", "--seed", "5")
    assert result.exit_code == 0, result.output
    (entry,) = audit_entries(synced)
    assert (entry.action, entry.actor) == ("demo.seed", COMMAND_LINE)
    assert entry.after["participants"] == 20 and entry.after["rows"]["participant"] == 20
    with synced.app_context():
        assert db.session.scalar(select(Participant.id).limit(1)) is not None
