"""lesson checklists: what each participant has ticked on a lesson's checklist

One row per participant and lesson, the places of the items ticked as a JSON list; deleted with
the participant (challenge/lessons/models.py).

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07 18:05:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'lesson_checklist_ticks',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('participant_id', sa.Integer(), nullable=False),
        sa.Column('item_id', sa.Integer(), nullable=False),
        sa.Column('ticked', sa.JSON(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['participant_id'], ['participant.id'],
            name=op.f('fk_lesson_checklist_ticks_participant_id_participant'), ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['item_id'], ['content_item.id'],
            name=op.f('fk_lesson_checklist_ticks_item_id_content_item'),
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_lesson_checklist_ticks')),
        sa.UniqueConstraint(
            'participant_id', 'item_id',
            name=op.f('uq_lesson_checklist_ticks_participant_id_item_id'),
        ),
    )
    with op.batch_alter_table('lesson_checklist_ticks') as batch_op:
        batch_op.create_index(
            batch_op.f('ix_lesson_checklist_ticks_item_id'), ['item_id'], unique=False
        )


def downgrade():
    with op.batch_alter_table('lesson_checklist_ticks') as batch_op:
        batch_op.drop_index(batch_op.f('ix_lesson_checklist_ticks_item_id'))
    op.drop_table('lesson_checklist_ticks')
