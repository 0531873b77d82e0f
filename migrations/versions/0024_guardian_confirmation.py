"""guardian confirmation: a consented request waits for the guardian's confirmatory message

After the guardian consents, the request keeps only the guardian's address, the account it made
and when, until the worker sends the second, delayed message that confirms the consent and says
how to withdraw it (COPPA's "email plus"); then it is deleted.

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-08 02:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0024'
down_revision = '0023'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('guardian_request', schema=None) as batch_op:
        batch_op.add_column(sa.Column('consented_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('account_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_guardian_request_account_id_account'), 'account', ['account_id'], ['id'],
            ondelete='CASCADE',
        )


def downgrade():
    with op.batch_alter_table('guardian_request', schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f('fk_guardian_request_account_id_account'), type_='foreignkey'
        )
        batch_op.drop_column('account_id')
        batch_op.drop_column('consented_at')
