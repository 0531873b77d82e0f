"""edition partners: organisations signed on to an edition by their admins

One row per edition and organisation, with whether it agreed to appear on the edition's public
partner list, when and by whom (challenge/editions/partners.py).

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-07 18:05:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'edition_partner',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('item_id', sa.Integer(), nullable=False),
        sa.Column('organisation_id', sa.Integer(), nullable=False),
        sa.Column('listed', sa.Boolean(), nullable=False),
        sa.Column('signed_on_at', sa.DateTime(), nullable=False),
        sa.Column('signed_on_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ['item_id'], ['content_item.id'],
            name=op.f('fk_edition_partner_item_id_content_item'), ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['organisation_id'], ['organisation.id'],
            name=op.f('fk_edition_partner_organisation_id_organisation'), ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['signed_on_by_id'], ['account.id'],
            name=op.f('fk_edition_partner_signed_on_by_id_account'), ondelete='SET NULL',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_edition_partner')),
        sa.UniqueConstraint(
            'item_id', 'organisation_id', name=op.f('uq_edition_partner_item_id_organisation_id')
        ),
    )


def downgrade():
    op.drop_table('edition_partner')
