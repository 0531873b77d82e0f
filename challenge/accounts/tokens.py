"""Signed, expiring tokens for e-mailed links."""

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

VERIFY_MAX_AGE = 7 * 24 * 3600
RESET_MAX_AGE = 3600
SIGN_IN_MAX_AGE = 15 * 60


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt=f"account-{purpose}")


def make(purpose: str, payload: dict) -> str:
    return _serializer(purpose).dumps(payload)


def read(purpose: str, token: str, max_age: int) -> dict | None:
    try:
        payload = _serializer(purpose).loads(token, max_age=max_age)
    except BadSignature:  # also covers expired tokens
        return None
    return payload if isinstance(payload, dict) else None
