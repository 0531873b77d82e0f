"""The data revision: one row per name, moved forward by every commit that changes what it covers."""

from sqlalchemy import BigInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from challenge.extensions import db


class DataRevision(db.Model):
    __tablename__ = "data_revision"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    # Microseconds since the epoch, or one more than before if that is later: it only grows, and a
    # database restored from a backup never reuses a revision an old cache entry was stored under.
    value: Mapped[int] = mapped_column(BigInteger)
