"""certificates: one per participant and subject, each with a code anyone can verify

A certificate says that a participant finished a subject (an edition of the challenge): its
random code (challenge/certificates/codes.py), the date, the name to print if the holder gave
one, the locale it is printed in, and whether and why staff revoked it.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 11:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'certificate',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('code', sa.String(length=23), nullable=False),
        sa.Column('participant_id', sa.Integer(), nullable=False),
        sa.Column('subject_kind', sa.String(length=32), nullable=False),
        sa.Column('subject_slug', sa.String(length=120), nullable=False),
        sa.Column('completed_on', sa.Date(), nullable=False),
        sa.Column('name', sa.String(length=80), nullable=True),
        sa.Column('locale', sa.String(length=16), nullable=False),
        sa.Column('issued_at', sa.DateTime(), nullable=False),
        sa.Column('revoked_at', sa.DateTime(), nullable=True),
        sa.Column('revoke_reason', sa.String(length=32), nullable=True),
        sa.Column('revoked_by_id', sa.Integer(), nullable=True),
        sa.Column('badge_salt', sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ['participant_id'], ['participant.id'],
            name=op.f('fk_certificate_participant_id_participant'), ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['revoked_by_id'], ['account.id'],
            name=op.f('fk_certificate_revoked_by_id_account'), ondelete='SET NULL',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_certificate')),
        sa.UniqueConstraint('code', name=op.f('uq_certificate_code')),
        sa.UniqueConstraint(
            'participant_id', 'subject_kind', 'subject_slug',
            name=op.f('uq_certificate_participant_id_subject_kind_subject_slug'),
        ),
    )


def downgrade():
    op.drop_table('certificate')
