"""Signed links: confirming an address (expires) and unsubscribing (no expiry: a reminder's link
must keep working; the row it names is deleted when the edition ends anyway)."""

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

CONFIRM_MAX_AGE = 7 * 24 * 3600


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt=f"edition-reminder-{purpose}")


def confirm_token(reminder) -> str:
    return _serializer("confirm").dumps({"id": reminder.id, "nonce": reminder.nonce})


def unsubscribe_token(reminder) -> str:
    return _serializer("unsubscribe").dumps({"id": reminder.id})


def read(purpose: str, token: str, max_age: int | None = None) -> dict | None:
    try:
        payload = _serializer(purpose).loads(token, max_age=max_age)
    except BadSignature:  # also covers expired tokens
        return None
    return payload if isinstance(payload, dict) and isinstance(payload.get("id"), int) else None
