"""Messages sent, by their job's idempotency key: a job run twice sends once."""

from challenge.clock import utcnow
from challenge.extensions import db


class SentMail(db.Model):
    __tablename__ = "sent_mail"

    idempotency_key = db.Column(db.String(200), primary_key=True)
    sent_at = db.Column(db.DateTime, nullable=False, default=utcnow)
