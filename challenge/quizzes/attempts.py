"""Open attempts: a one-time id per quiz form, remembered in the visitor's signed session.

A submission must carry an id this browser was given for this quiz and has not used yet, so a
form copied from someone else, or one sent twice, is refused.
"""

import secrets

from flask import session

from challenge.accounts.sessions import carry_over

SESSION_KEY = carry_over("quiz_attempts")  # a form opened before logging in still counts
OPEN_PER_QUIZ = 3  # a few tabs at once
QUIZZES_REMEMBERED = 12


def _open() -> dict[str, list[str]]:
    opened = session.get(SESSION_KEY)
    return opened if isinstance(opened, dict) else {}


def start(slug: str) -> str:
    nonce = secrets.token_hex(16)
    opened = _open()
    opened[slug] = [*opened.get(slug, [])[-(OPEN_PER_QUIZ - 1) :], nonce]
    while len(opened) > QUIZZES_REMEMBERED:
        opened.pop(next(iter(opened)))
    session[SESSION_KEY] = opened
    return nonce


def is_open(slug: str, nonce: str | None) -> bool:
    return bool(nonce) and nonce in _open().get(slug, [])


def close(slug: str, nonce: str) -> None:
    opened = _open()
    remaining = [kept for kept in opened.get(slug, []) if kept != nonce]
    if remaining:
        opened[slug] = remaining
    else:
        opened.pop(slug, None)
    session[SESSION_KEY] = opened
