"""school classes: an education organisation's classes, their codes, and their (anonymous) pupils

A class has a teacher-chosen name and a short code; a class member is a participant in one class
at a time. No name or address of a pupil is stored.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07 18:05:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'school_class',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('organisation_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=40), nullable=False),
        sa.Column('code', sa.String(length=12), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['organisation_id'], ['organisation.id'],
            name=op.f('fk_school_class_organisation_id_organisation'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_school_class')),
        sa.UniqueConstraint('code', name=op.f('uq_school_class_code')),
    )
    with op.batch_alter_table('school_class', schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f('ix_school_class_organisation_id'), ['organisation_id'], unique=False
        )
    op.create_table(
        'class_member',
        sa.Column('participant_id', sa.Integer(), nullable=False),
        sa.Column('class_id', sa.Integer(), nullable=False),
        sa.Column('joined_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['participant_id'], ['participant.id'],
            name=op.f('fk_class_member_participant_id_participant'), ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['class_id'], ['school_class.id'],
            name=op.f('fk_class_member_class_id_school_class'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('participant_id', name=op.f('pk_class_member')),
    )
    with op.batch_alter_table('class_member', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_class_member_class_id'), ['class_id'], unique=False)


def downgrade():
    with op.batch_alter_table('class_member', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_class_member_class_id'))
    op.drop_table('class_member')
    with op.batch_alter_table('school_class', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_school_class_organisation_id'))
    op.drop_table('school_class')
