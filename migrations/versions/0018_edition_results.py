"""edition results: each edition's final standings, frozen once when it has ended

One row per edition: the leaderboards as shown (held back below the privacy threshold), the
threshold used and when (challenge/editions/results.py). The edition tallies themselves are rows of
`tally`; `flask stats rebuild` fills them for check-ins made before this revision.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07 17:50:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'edition_result',
        sa.Column('item_id', sa.Integer(), nullable=False),
        sa.Column('standings', sa.JSON(), nullable=False),
        sa.Column('privacy_threshold', sa.Integer(), nullable=False),
        sa.Column('frozen_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['item_id'], ['content_item.id'],
            name=op.f('fk_edition_result_item_id_content_item'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('item_id', name=op.f('pk_edition_result')),
    )


def downgrade():
    op.drop_table('edition_result')
