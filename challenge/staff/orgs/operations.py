"""Merging a duplicate organisation into the one that stays: members, admins, invitations and every
organisation tally move over, so nothing is counted twice and `flask stats verify` finds no drift."""

from sqlalchemy import String, delete, func, literal, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from challenge import audit
from challenge.extensions import db
from challenge.organisations.models import OrganisationInvitation
from challenge.participation import tallies
from challenge.participation.models import DailyTally, Participant, Tally
from challenge.participation.organisations import Organisation, OrganisationAdmin
from challenge.staff.orgs.queries import describe


def _scopes_of(model, organisation_id: int):
    """The organisation's own scope ("org:5") and its per-item ones ("org:5:pledge:12")."""
    scope = tallies.organisation_scope(organisation_id)
    return or_(model.scope == scope, model.scope.startswith(f"{scope}:", autoescape=True))


def _move_tallies(model, keys: list[str], duplicate_id: int, kept_id: int) -> None:
    """Add the duplicate's tallies to the kept organisation's (one INSERT ... SELECT ... ON
    CONFLICT per table), then delete them."""
    old = tallies.organisation_scope(duplicate_id)
    new = tallies.organisation_scope(kept_id)
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    renamed = literal(new, String).concat(func.substr(model.scope, len(old) + 1, type_=String))
    source = select(
        *(renamed if key == "scope" else getattr(model, key) for key in keys), model.value
    ).where(_scopes_of(model, duplicate_id))
    statement = insert(model).from_select([*keys, "value"], source)
    statement = statement.on_conflict_do_update(
        index_elements=keys, set_={"value": model.value + statement.excluded.value}
    )
    db.session.execute(statement)
    db.session.execute(delete(model).where(_scopes_of(model, duplicate_id)))


def merge(duplicate: Organisation, kept: Organisation) -> int:
    """Fold `duplicate` into `kept` and delete it (its join link stops working); commits.

    Returns how many members moved. Members keep the day they joined; their consent to show
    their name to the admins is asked again, since the admins they agreed to may not be these.
    """
    if duplicate.id == kept.id:
        raise ValueError("an organisation cannot be merged into itself")
    # Lock both rows (in id order), so no one joins the duplicate while its members move.
    db.session.scalars(
        select(Organisation)
        .where(Organisation.id.in_([duplicate.id, kept.id]))
        .order_by(Organisation.id)
        .with_for_update()
    ).all()
    before = {"duplicate": describe(duplicate), "kept": describe(kept)}
    moved = db.session.execute(
        update(Participant)
        .where(Participant.organisation_id == duplicate.id)
        .values(organisation_id=kept.id, share_name_with_org=False)
        .execution_options(synchronize_session=False)
    ).rowcount
    _move_tallies(Tally, ["metric", "scope"], duplicate.id, kept.id)
    _move_tallies(DailyTally, ["metric", "scope", "day"], duplicate.id, kept.id)
    _move_admins(duplicate, kept)
    _move_invitations(duplicate, kept)
    db.session.flush()
    audit.record(
        "organisations.merge",
        f"{duplicate.slug} → {kept.slug}",
        before=before,
        after={"duplicate": None, "kept": describe(kept)},
    )
    db.session.delete(duplicate)
    db.session.commit()
    return moved


def _move_admins(duplicate: Organisation, kept: Organisation) -> None:
    already = set(
        db.session.scalars(
            select(OrganisationAdmin.account_id).where(OrganisationAdmin.organisation_id == kept.id)
        )
    )
    for admin in db.session.scalars(
        select(OrganisationAdmin).where(OrganisationAdmin.organisation_id == duplicate.id)
    ).all():
        if admin.account_id not in already:
            db.session.add(
                OrganisationAdmin(
                    organisation_id=kept.id,
                    account_id=admin.account_id,
                    created_at=admin.created_at,
                )
            )
        db.session.delete(admin)


def _move_invitations(duplicate: Organisation, kept: Organisation) -> None:
    """Pending invitations follow; where both invited the same address, the newer one stays."""
    existing = {
        invitation.email: invitation
        for invitation in db.session.scalars(
            select(OrganisationInvitation).where(OrganisationInvitation.organisation_id == kept.id)
        )
    }
    for invitation in db.session.scalars(
        select(OrganisationInvitation).where(OrganisationInvitation.organisation_id == duplicate.id)
    ).all():
        other = existing.get(invitation.email)
        if other is not None and other.created_at >= invitation.created_at:
            db.session.delete(invitation)
            continue
        if other is not None:
            db.session.delete(other)
            db.session.flush()  # free the (organisation, email) pair first
        invitation.organisation_id = kept.id
