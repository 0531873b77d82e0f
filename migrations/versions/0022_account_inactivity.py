"""account inactivity: the last sign-in, and when the account was warned it will be deleted

Accounts nobody signs in to for RETENTION_INACTIVE_ACCOUNT_DAYS are deleted after a warning
e-mail (challenge/accounts/retention.py). Existing accounts start with neither: their creation
time counts as their last activity.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-07 21:15:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0022'
down_revision = '0021'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_active_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('inactivity_warned_at', sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table('account', schema=None) as batch_op:
        batch_op.drop_column('inactivity_warned_at')
        batch_op.drop_column('last_active_at')
