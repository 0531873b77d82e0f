"""participant origin and discount batch

The daily origin hash of a participant's first action, for finding bursts of fake participants,
and the batch that discounted them (`flask stats bursts|discount|restore`).

Revision ID: 0009
Revises: 0006
Create Date: 2026-11-26 11:49:10.845248

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.add_column(sa.Column('origin', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('discount_batch', sa.String(length=32), nullable=True))
        batch_op.create_index(batch_op.f('ix_participant_discount_batch'), ['discount_batch'], unique=False)


def downgrade():
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_participant_discount_batch'))
        batch_op.drop_column('discount_batch')
        batch_op.drop_column('origin')
