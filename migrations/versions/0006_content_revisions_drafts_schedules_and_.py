"""content revisions: drafts, schedules and history

Every text saved in the staff console, per (kind, slug, locale). The public site never reads it:
publishing copies a revision into content_item/content_translation. Numbered 0006 but follows
0008, which the other staff-console work added at the same time.

Revision ID: 0006
Revises: 0008
Create Date: 2026-11-26 11:40:28.080495

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('content_revision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('locale', sa.String(length=16), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('markdown', sa.Text(), nullable=False),
    sa.Column('checksum', sa.String(length=64), nullable=False),
    sa.Column('valid', sa.Boolean(), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('author', sa.String(length=254), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('publish_at', sa.DateTime(), nullable=True),
    sa.Column('pending', sa.Boolean(), nullable=False),
    sa.Column('published_at', sa.DateTime(), nullable=True),
    sa.Column('restored_from', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['account.id'], name=op.f('fk_content_revision_author_id_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_content_revision')),
    sa.UniqueConstraint('kind', 'slug', 'locale', 'number', name=op.f('uq_content_revision_kind_slug_locale_number'))
    )
    with op.batch_alter_table('content_revision', schema=None) as batch_op:
        batch_op.create_index('ix_content_revision_due', ['pending', 'publish_at'], unique=False)



def downgrade():
    with op.batch_alter_table('content_revision', schema=None) as batch_op:
        batch_op.drop_index('ix_content_revision_due')

    op.drop_table('content_revision')
