"""Which participant a request belongs to: the signed-in account's, or the browser cookie's."""

from flask import Flask, current_app, g, request
from flask_login import current_user
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import select

from challenge.extensions import db
from challenge.participation.models import Participant

COOKIE_NAME = "qcc_participant"
COOKIE_MAX_AGE = 365 * 24 * 3600


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt="participant-cookie")


def cookie_token() -> str | None:
    """The participant token in this browser's cookie, if its signature holds."""
    raw = request.cookies.get(COOKIE_NAME)
    if not raw:
        return None
    try:
        token = _serializer().loads(raw)
    except BadSignature:
        return None
    return token if isinstance(token, str) else None


def browser_participant() -> Participant | None:
    """The participant named by this browser's cookie, whoever is signed in."""
    token = cookie_token()
    if token is None:
        return None
    return db.session.scalar(select(Participant).where(Participant.token == token))


def current_participant() -> Participant | None:
    """The participant for this request, looked up once; None until their first action."""
    if "participant" not in g:
        participant = None
        if current_user.is_authenticated:
            participant = db.session.scalar(
                select(Participant).where(Participant.account_id == current_user.id)
            )
        if participant is None:
            participant = browser_participant()
            if (
                participant is not None
                and participant.account_id is not None
                and not (
                    current_user.is_authenticated and participant.account_id == current_user.id
                )
            ):
                participant = None  # an account's participation is only reachable by signing in
            if participant is not None and participant.discount_batch is not None:
                participant = None  # discounted as a fake: its next action starts a new participant
        g.participant = participant
    return g.participant


def bind_to_browser(participant: Participant | None) -> None:
    """Have the response set (or, with None, clear) the participant cookie."""
    g.participant = participant
    g.participant_cookie = participant.token if participant else ""


def init_app(app: Flask) -> None:
    @app.after_request
    def write_participant_cookie(response):
        token = g.get("participant_cookie")
        if token is None:
            return response
        if token:
            response.set_cookie(
                COOKIE_NAME,
                _serializer().dumps(token),
                max_age=COOKIE_MAX_AGE,
                httponly=True,
                secure=current_app.config["SESSION_COOKIE_SECURE"],
                samesite="Lax",
            )
        else:
            response.delete_cookie(COOKIE_NAME, httponly=True, samesite="Lax")
        return response
