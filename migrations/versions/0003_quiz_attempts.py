"""quiz attempts: every submission, with the first pass counted once

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 10:17:31.066860

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('quiz_attempt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('nonce', sa.String(length=32), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=True),
    sa.Column('locale', sa.String(length=16), nullable=False),
    sa.Column('answers', sa.JSON(), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.Column('max_score', sa.Integer(), nullable=False),
    sa.Column('percent', sa.Integer(), nullable=False),
    sa.Column('passed', sa.Boolean(), nullable=False),
    sa.Column('first_pass', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['content_item.id'], name=op.f('fk_quiz_attempt_item_id_content_item')),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], name=op.f('fk_quiz_attempt_participant_id_participant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quiz_attempt')),
    sa.UniqueConstraint('nonce', name=op.f('uq_quiz_attempt_nonce'))
    )
    with op.batch_alter_table('quiz_attempt', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quiz_attempt_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_quiz_attempt_item_id'), ['item_id'], unique=False)
        batch_op.create_index('ix_quiz_attempt_participant_id_item_id', ['participant_id', 'item_id'], unique=False)
        batch_op.create_index('uq_quiz_attempt_first_pass', ['participant_id', 'item_id'], unique=True, sqlite_where=sa.text('first_pass'), postgresql_where=sa.text('first_pass'))



def downgrade():
    with op.batch_alter_table('quiz_attempt', schema=None) as batch_op:
        batch_op.drop_index('uq_quiz_attempt_first_pass', sqlite_where=sa.text('first_pass'), postgresql_where=sa.text('first_pass'))
        batch_op.drop_index('ix_quiz_attempt_participant_id_item_id')
        batch_op.drop_index(batch_op.f('ix_quiz_attempt_item_id'))
        batch_op.drop_index(batch_op.f('ix_quiz_attempt_created_at'))

    op.drop_table('quiz_attempt')
