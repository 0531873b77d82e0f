"""job queue: the jobs outbox, periodic runs and sent mail

The jobs table is the transactional outbox relayed to huey and the state of every job
(challenge/jobs); sent_mail records each message sent by its job's idempotency key, so a job
run twice sends once; periodic_runs keeps the last run of each periodic job.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 08:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'jobs',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=60), nullable=False),
        sa.Column('idempotency_key', sa.String(length=200), nullable=False),
        sa.Column('payload', sa.JSON(), nullable=False),
        sa.Column('state', sa.String(length=10), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('max_attempts', sa.Integer(), nullable=False),
        sa.Column('last_error', sa.String(length=200), nullable=True),
        sa.Column('next_attempt_at', sa.DateTime(), nullable=False),
        sa.Column('claimed_until', sa.DateTime(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_jobs')),
        sa.UniqueConstraint('idempotency_key', name=op.f('uq_jobs_idempotency_key')),
    )
    op.create_index('ix_jobs_due', 'jobs', ['state', 'next_attempt_at'], unique=False)
    op.create_table(
        'periodic_runs',
        sa.Column('name', sa.String(length=60), nullable=False),
        sa.Column('started_at', sa.DateTime(), nullable=False),
        sa.Column('finished_at', sa.DateTime(), nullable=True),
        sa.Column('succeeded', sa.Boolean(), nullable=True),
        sa.Column('outcome', sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint('name', name=op.f('pk_periodic_runs')),
    )
    op.create_table(
        'sent_mail',
        sa.Column('idempotency_key', sa.String(length=200), nullable=False),
        sa.Column('sent_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('idempotency_key', name=op.f('pk_sent_mail')),
    )


def downgrade():
    op.drop_table('sent_mail')
    op.drop_table('periodic_runs')
    op.drop_index('ix_jobs_due', table_name='jobs')
    op.drop_table('jobs')
