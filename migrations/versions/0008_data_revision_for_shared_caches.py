"""data revision for shared caches

One row per name; every commit that changes what the public figures read moves it forward, and
cache keys include it (challenge/caching).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26 11:37:59.363017

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('data_revision',
    sa.Column('name', sa.String(length=32), nullable=False),
    sa.Column('value', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_data_revision'))
    )


def downgrade():
    op.drop_table('data_revision')
