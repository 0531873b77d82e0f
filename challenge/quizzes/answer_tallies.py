"""How often each answer is given to each quiz question, for the staff dashboard's wrong answers.

A tally per (quiz, question, options chosen) is bumped in the same transaction as each attempt
(operations.record_attempt), so the dashboard reads a few hundred rows however many attempts there
are. Which answers are wrong is decided when reading, against the quiz as published then, so a
corrected quiz needs no recount. Participants discounted as fakes count for nothing: a discount
takes their answers away and a restore gives them back (participation/bursts.py), and
`flask stats verify|rebuild` recount these tallies from the attempts (participation/reconcile.py).
"""

import json
from collections import Counter
from functools import cache

from sqlalchemy import delete, func, insert, select, true
from sqlalchemy.dialects import postgresql, sqlite

from challenge.extensions import db
from challenge.participation.models import Participant
from challenge.participation.registry import OwnTallies, own_tallies
from challenge.quizzes.models import QuizAnswerTally, QuizAttempt

Key = tuple[int, str, str]  # (quiz item id, question id, answer)
UNREADABLE = "?"  # an answer that is not a list of option indexes (none is ever recorded)


def answer_key(chosen) -> str:
    """The options chosen, as stored: their indexes, sorted, comma-separated ("0,2")."""
    try:
        return ",".join(str(index) for index in sorted({int(index) for index in chosen}))
    except (TypeError, ValueError):
        return UNREADABLE


def chosen(answer: str) -> frozenset[int] | None:
    """The option indexes of a stored answer; None for an unreadable one."""
    if answer == UNREADABLE:
        return None
    return frozenset(int(index) for index in answer.split(",")) if answer else frozenset()


def changes(item_id: int, answers: dict[str, list[int]], sign: int = 1) -> Counter:
    """The tally deltas of one attempt's answers ({question id: [option indexes]})."""
    return Counter(
        {(item_id, question, answer_key(options)): sign for question, options in answers.items()}
    )


@cache
def _upsert_statement(dialect: str):
    table = QuizAnswerTally.__table__
    statement = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)
    return statement.on_conflict_do_update(
        index_elements=["item_id", "question_id", "answer"],
        set_={"value": table.c.value + statement.excluded.value},
    )


def bump(deltas: Counter) -> None:
    """Add each delta to its tally, creating missing ones; the caller commits. Keys go in sorted
    order, so concurrent transactions lock rows in the same order."""
    rows = [
        {"item_id": item_id, "question_id": question, "answer": answer, "value": delta}
        for (item_id, question, answer), delta in sorted(deltas.items())
        if delta
    ]
    if rows:
        dialect = db.session.get_bind().dialect.name
        db.session.execute(_upsert_statement(dialect), rows)


def stored() -> Counter:
    rows = db.session.execute(
        select(
            QuizAnswerTally.item_id,
            QuizAnswerTally.question_id,
            QuizAnswerTally.answer,
            QuizAnswerTally.value,
        )
    )
    return Counter(
        {(item, question, answer): value for item, question, answer, value in rows if value}
    )


def recount(discount_batch: str | None = None) -> Counter:
    """The tallies recounted from the attempts, in one grouped query that unnests each attempt's
    answers in the database (`json_each` on SQLite, `json_each_text` on PostgreSQL): of the
    participants not discounted or, given a batch, only of those it discounted."""
    postgres = db.session.get_bind().dialect.name == "postgresql"
    each = (func.json_each_text if postgres else func.json_each)(QuizAttempt.answers)
    answer = each.table_valued("key", "value").alias("answer")
    counted = (
        Participant.discount_batch.is_(None)
        if discount_batch is None
        else Participant.discount_batch == discount_batch
    )
    query = (
        select(QuizAttempt.item_id, answer.c.key, answer.c.value, func.count())
        .select_from(QuizAttempt)
        .join(Participant, Participant.id == QuizAttempt.participant_id)
        .join(answer, true())
        .where(counted)
        .group_by(QuizAttempt.item_id, answer.c.key, answer.c.value)
    )
    counts: Counter = Counter()
    for item_id, question, value, n in db.session.execute(query):
        counts[(item_id, question, answer_key(_loaded(value)))] += int(n)
    return counts


def _loaded(value):
    """A JSON value as json_each gives it: text on both databases ("[0,2]", "[0, 2]")."""
    try:
        return json.loads(value) if isinstance(value, str) else value
    except ValueError:
        return None


def replace(counts: Counter) -> None:
    """Make the stored tallies exactly `counts` (a rebuild); the caller commits."""
    db.session.execute(delete(QuizAnswerTally))
    rows = [
        {"item_id": item_id, "question_id": question, "answer": answer, "value": value}
        for (item_id, question, answer), value in sorted(counts.items())
        if value
    ]
    if rows:
        db.session.execute(insert(QuizAnswerTally), rows)


def printable(key: Key) -> tuple[str, str, str]:
    """A key as `flask stats verify` prints it: quiz_answers quiz:12:question 0,2."""
    item_id, question, answer = key
    return ("quiz_answers", f"quiz:{item_id}:{question}", answer)


own_tallies(
    OwnTallies(recount=recount, stored=stored, replace=replace, bump=bump, printable=printable)
)
