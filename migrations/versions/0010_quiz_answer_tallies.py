"""quiz answer tallies

How many attempts gave each answer to each quiz question, kept at write time, so the staff
dashboard's wrong answers no longer unnest every attempt on every load. Filled here from the
attempts already recorded (participants discounted as fakes left out), as `flask stats rebuild`
would fill it.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 08:00:00.000000

"""
import json

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

BATCH = 5000


def answer_key(value) -> str:
    """As challenge/quizzes/answer_tallies.py stores an answer: "0,2"; "?" when unreadable."""
    try:
        chosen = json.loads(value) if isinstance(value, str) else value
        return ",".join(str(index) for index in sorted({int(index) for index in chosen}))
    except (TypeError, ValueError):
        return "?"


def recount(connection) -> dict:
    each = (
        "CROSS JOIN LATERAL json_each_text(a.answers) AS e"
        if connection.dialect.name == "postgresql"
        else "CROSS JOIN json_each(a.answers) AS e"
    )
    rows = connection.execute(
        sa.text(
            "SELECT a.item_id, e.key, e.value, count(*) FROM quiz_attempt AS a "
            "JOIN participant AS p ON p.id = a.participant_id "
            f"{each} WHERE p.discount_batch IS NULL "
            "GROUP BY a.item_id, e.key, e.value"
        )
    )
    counts = {}
    for item_id, question, value, n in rows:
        key = (item_id, question, answer_key(value))
        counts[key] = counts.get(key, 0) + int(n)
    return counts


def upgrade():
    table = op.create_table('quiz_answer_tally',
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Text(), nullable=False),
    sa.Column('answer', sa.String(length=200), nullable=False),
    sa.Column('value', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['content_item.id'], name=op.f('fk_quiz_answer_tally_item_id_content_item')),
    sa.PrimaryKeyConstraint('item_id', 'question_id', 'answer', name=op.f('pk_quiz_answer_tally'))
    )
    rows = [
        {"item_id": item_id, "question_id": question, "answer": answer, "value": value}
        for (item_id, question, answer), value in sorted(recount(op.get_bind()).items())
    ]
    for start in range(0, len(rows), BATCH):
        op.bulk_insert(table, rows[start:start + BATCH])


def downgrade():
    op.drop_table('quiz_answer_tally')
