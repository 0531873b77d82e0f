"""edition reminders: addresses that asked for a daily e-mail during an edition

One row per address and edition: the language and window to send in, a nonce for the signed
confirmation link, and when it was confirmed. Deleted on unsubscribing and once the edition has
ended (challenge/editions/reminders).

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07 15:20:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'edition_reminder',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('item_id', sa.Integer(), nullable=False),
        sa.Column('email', sa.String(length=254), nullable=False),
        sa.Column('locale', sa.String(length=16), nullable=False),
        sa.Column('country', sa.String(length=2), nullable=True),
        sa.Column('nonce', sa.String(length=32), nullable=False),
        sa.Column('confirmed_at', sa.DateTime(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['item_id'], ['content_item.id'],
            name=op.f('fk_edition_reminder_item_id_content_item'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_edition_reminder')),
        sa.UniqueConstraint('item_id', 'email', name=op.f('uq_edition_reminder_item_id_email')),
    )


def downgrade():
    op.drop_table('edition_reminder')
