"""organisations, their admins and invitations; membership and staff roles

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 10:27:48.950152

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def sqlite_foreign_keys_off():
    """SQLite adds a foreign key by copying the table, dropping the old one and renaming the copy.

    With foreign keys enforced, that DROP deletes (ON DELETE CASCADE) every pledge, lesson and quiz
    attempt of every participant, so enforcement is switched off first. The pragma only works
    outside a transaction, that is when this is the first migration of the run to write data.
    """
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    bind.exec_driver_sql("PRAGMA foreign_keys=OFF")
    if bind.exec_driver_sql("PRAGMA foreign_keys").scalar():
        if bind.exec_driver_sql("SELECT count(*) FROM participant").scalar():
            raise RuntimeError(
                "Cannot add participant.organisation_id safely in this run: "
                "run `flask db upgrade 0003`, then `flask db upgrade`."
            )


def sqlite_foreign_keys_check():
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        problems = bind.exec_driver_sql("PRAGMA foreign_key_check").all()
        if problems:
            raise RuntimeError(f"foreign key violations after the migration: {problems[:5]}")
        # Enforcement stays off on this connection until it closes: `flask db upgrade` exits.


def upgrade():
    sqlite_foreign_keys_off()
    op.create_table('organisation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('sector', sa.String(length=32), nullable=False),
    sa.Column('headcount', sa.Integer(), nullable=False),
    sa.Column('website', sa.String(length=200), nullable=True),
    sa.Column('email_domain', sa.String(length=253), nullable=True),
    sa.Column('verified_at', sa.DateTime(), nullable=True),
    sa.Column('join_code', sa.String(length=64), nullable=False),
    sa.Column('domain_only', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('goal_percent', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('goal_percent BETWEEN 1 AND 100', name=op.f('ck_organisation_goal_percent_range')),
    sa.CheckConstraint('headcount BETWEEN 1 AND 10000000', name=op.f('ck_organisation_headcount_range')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organisation')),
    sa.UniqueConstraint('join_code', name=op.f('uq_organisation_join_code')),
    sa.UniqueConstraint('slug', name=op.f('uq_organisation_slug'))
    )
    op.create_table('organisation_admin',
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['account.id'], name=op.f('fk_organisation_admin_account_id_account'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_organisation_admin_organisation_id_organisation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('organisation_id', 'account_id', name=op.f('pk_organisation_admin'))
    )
    with op.batch_alter_table('organisation_admin', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organisation_admin_account_id'), ['account_id'], unique=False)

    op.create_table('organisation_invitation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('invited_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['invited_by'], ['account.id'], name=op.f('fk_organisation_invitation_invited_by_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_organisation_invitation_organisation_id_organisation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organisation_invitation')),
    sa.UniqueConstraint('code', name=op.f('uq_organisation_invitation_code')),
    sa.UniqueConstraint('organisation_id', 'email', name=op.f('uq_organisation_invitation_organisation_id_email'))
    )
    with op.batch_alter_table('account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('staff_role', sa.String(length=20), nullable=True))

    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.add_column(sa.Column('organisation_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('joined_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('share_name_with_org', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.create_index(batch_op.f('ix_participant_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_participant_organisation_id_organisation'), 'organisation', ['organisation_id'], ['id'], ondelete='SET NULL')

    sqlite_foreign_keys_check()



def downgrade():
    sqlite_foreign_keys_off()
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_participant_organisation_id_organisation'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_participant_organisation_id'))
        batch_op.drop_column('share_name_with_org')
        batch_op.drop_column('joined_at')
        batch_op.drop_column('organisation_id')

    with op.batch_alter_table('account', schema=None) as batch_op:
        batch_op.drop_column('staff_role')

    op.drop_table('organisation_invitation')
    with op.batch_alter_table('organisation_admin', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_organisation_admin_account_id'))

    op.drop_table('organisation_admin')
    op.drop_table('organisation')
    sqlite_foreign_keys_check()
