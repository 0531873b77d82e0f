"""A quiz result as a public page that can be shared: its address says only which quiz, the score
and whether it passed, signed so that nobody can make one up, and never who took it or when.

Everyone with the same score on a quiz shares the same address, which needs no cookie and no
database row: the result page (the participant's own) links to it.
"""

from dataclasses import dataclass

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

SALT = "quiz-result-share"


@dataclass(frozen=True)
class SharedResult:
    score: int
    max_score: int
    passed: bool


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt=SALT)


def share_token(slug: str, *, score: int, max_score: int, passed: bool) -> str:
    return _serializer().dumps([slug, score, max_score, int(passed)])


def read_token(slug: str, token: str) -> SharedResult | None:
    """The result a token carries for this quiz, or None if it is forged or for another quiz."""
    try:
        payload = _serializer().loads(token)
    except BadSignature:
        return None
    if not (isinstance(payload, list) and len(payload) == 4 and payload[0] == slug):
        return None
    _slug, score, max_score, passed = payload
    if not all(type(value) is int for value in (score, max_score, passed)):
        return None
    if not 0 <= score <= max_score:
        return None
    return SharedResult(score=score, max_score=max_score, passed=bool(passed))
