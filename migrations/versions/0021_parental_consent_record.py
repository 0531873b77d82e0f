"""parental consent record: a salted hash of the guardian's address on the parental consent

The verifiable-consent record is the consent row (time, notice version) plus this hash; the
guardian's address itself is deleted with the request once they confirm
(challenge/accounts/guardians.py).

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-07 21:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('consent', schema=None) as batch_op:
        batch_op.add_column(sa.Column('guardian_hash', sa.String(length=255), nullable=True))


def downgrade():
    with op.batch_alter_table('consent', schema=None) as batch_op:
        batch_op.drop_column('guardian_hash')
