"""edition check-ins: one row per participant, edition and action done

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 11:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'edition_check_in',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('participant_id', sa.Integer(), nullable=False),
        sa.Column('item_id', sa.Integer(), nullable=False),
        sa.Column('action_id', sa.String(length=80), nullable=False),
        sa.Column('day_index', sa.Integer(), nullable=False),
        sa.Column('via', sa.String(length=16), nullable=False),
        sa.Column('country', sa.String(length=2), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['item_id'], ['content_item.id'], name=op.f('fk_edition_check_in_item_id_content_item')
        ),
        sa.ForeignKeyConstraint(
            ['participant_id'],
            ['participant.id'],
            name=op.f('fk_edition_check_in_participant_id_participant'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_edition_check_in')),
        sa.UniqueConstraint(
            'participant_id',
            'item_id',
            'action_id',
            name=op.f('uq_edition_check_in_participant_id_item_id_action_id'),
        ),
    )
    op.create_index(
        'ix_edition_check_in_item_day', 'edition_check_in', ['item_id', 'day_index'], unique=False
    )


def downgrade():
    op.drop_index('ix_edition_check_in_item_day', table_name='edition_check_in')
    op.drop_table('edition_check_in')
