"""tally pending: tally changes written behind, folded into the tallies by the job worker

The pledge request inserts its count changes here instead of updating the shared tally rows
(challenge/participation/fold.py); the worker moves them into tally and daily_tally every second.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-07 21:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0023'
down_revision = '0022'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'tally_pending',
        sa.Column(
            'id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True,
            nullable=False,
        ),
        sa.Column('metric', sa.String(length=32), nullable=False),
        sa.Column('scope', sa.String(length=80), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('delta', sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_tally_pending')),
    )


def downgrade():
    op.drop_table('tally_pending')
