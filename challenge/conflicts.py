"""Inserts that meet a concurrent twin: the database's own INSERT ... ON CONFLICT DO NOTHING.

Two requests of one person at once (tabs, double clicks, retries) may both find no row and both
insert it; the loser's insert then does nothing instead of failing the request with a 500, and it
reads the winner's row back. Works on PostgreSQL and SQLite alike.
"""

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite

from challenge.extensions import db


def insert_unless_present(table: Table, values: dict, conflict_columns: list[str]):
    """Insert the row unless one with the same `conflict_columns` exists (waiting for a concurrent
    twin to commit or roll back); its first primary-key value, or None if this insert made none.
    (RETURNING, not the rowcount, which drivers may leave unknown.)"""
    connection = db.session.connection()
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    statement = (
        dialect.insert(table)
        .on_conflict_do_nothing(index_elements=conflict_columns)
        .returning(table.primary_key.columns[0])
    )
    return connection.execute(statement, values).scalar_one_or_none()
