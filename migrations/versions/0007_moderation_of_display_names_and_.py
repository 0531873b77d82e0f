"""moderation of display names and organisation names

Names that exist already: display names wait for review; verified organisations' names count as
approved (staff read them when they verified), the others wait.

Revision ID: 0007
Revises: 0005
Create Date: 2026-11-26 11:36:57.978780

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('organisation_name_review',
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.Column('reviewed_by_id', sa.Integer(), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("state IN ('pending', 'approved', 'hidden')", name=op.f('ck_organisation_name_review_state')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_organisation_name_review_organisation_id_organisation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reviewed_by_id'], ['account.id'], name=op.f('fk_organisation_name_review_reviewed_by_id_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('organisation_id', name=op.f('pk_organisation_name_review'))
    )
    with op.batch_alter_table('organisation_name_review', schema=None) as batch_op:
        batch_op.create_index('ix_organisation_name_review_state_changed_at', ['state', 'changed_at'], unique=False)

    op.create_table('participant_name_review',
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.Column('reviewed_by_id', sa.Integer(), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("state IN ('pending', 'approved', 'hidden')", name=op.f('ck_participant_name_review_state')),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], name=op.f('fk_participant_name_review_participant_id_participant'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reviewed_by_id'], ['account.id'], name=op.f('fk_participant_name_review_reviewed_by_id_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('participant_id', name=op.f('pk_participant_name_review'))
    )
    with op.batch_alter_table('participant_name_review', schema=None) as batch_op:
        batch_op.create_index('ix_participant_name_review_state_changed_at', ['state', 'changed_at'], unique=False)

    op.execute(
        "INSERT INTO participant_name_review (participant_id, state, version, changed_at) "
        "SELECT id, 'pending', 1, created_at FROM participant WHERE display_name IS NOT NULL"
    )
    op.execute(
        "INSERT INTO organisation_name_review (organisation_id, state, version, changed_at, reviewed_at) "
        "SELECT id, CASE WHEN verified_at IS NULL THEN 'pending' ELSE 'approved' END, 1, created_at, "
        "verified_at FROM organisation"
    )


def downgrade():
    with op.batch_alter_table('participant_name_review', schema=None) as batch_op:
        batch_op.drop_index('ix_participant_name_review_state_changed_at')

    op.drop_table('participant_name_review')
    with op.batch_alter_table('organisation_name_review', schema=None) as batch_op:
        batch_op.drop_index('ix_organisation_name_review_state_changed_at')

    op.drop_table('organisation_name_review')
