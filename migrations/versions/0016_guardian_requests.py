"""guardian requests: a child's account waiting for a parent's or guardian's consent

Only what making the account needs (the child's address, the password hash, the guardian's
address, the language); deleted on confirmation or after RETENTION_GUARDIAN_REQUEST_DAYS.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07 17:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'guardian_request',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('child_email', sa.String(length=254), nullable=False),
        sa.Column('password_hash', sa.String(length=255), nullable=False),
        sa.Column('guardian_email', sa.String(length=254), nullable=False),
        sa.Column('locale', sa.String(length=16), nullable=False),
        sa.Column('nonce', sa.String(length=32), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_guardian_request')),
    )
    with op.batch_alter_table('guardian_request', schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f('ix_guardian_request_created_at'), ['created_at'], unique=False
        )


def downgrade():
    with op.batch_alter_table('guardian_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_guardian_request_created_at'))
    op.drop_table('guardian_request')
