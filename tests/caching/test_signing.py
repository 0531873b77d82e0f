"""challenge.caching.signing: the same bytes as itsdangerous's own dumps, for each serializer the
page cache signs with, and still checked by the serializer, older keys included."""

import pytest
from itsdangerous import URLSafeTimedSerializer

from challenge.caching.signing import Signing


@pytest.fixture
def frozen_clock(monkeypatch):
    monkeypatch.setattr("itsdangerous.timed.time.time", lambda: 1_800_000_000.5)


def test_csrf_tokens_are_signed_as_flask_wtf_signs_them(frozen_clock):
    serializer = URLSafeTimedSerializer("a secret", salt="wtf-csrf-token")
    assert Signing(serializer).dumps("f" * 40) == serializer.dumps("f" * 40)


def test_session_cookies_are_signed_as_flask_signs_them(app, frozen_clock):
    with app.test_request_context():
        serializer = app.session_interface.get_signing_serializer(app)
    values = {"csrf_token": "f" * 40, "_fresh": False}
    assert Signing(serializer).dumps(values) == serializer.dumps(values)
    assert serializer.loads(Signing(serializer).dumps(values)) == values


def test_the_newest_key_signs_and_the_serializer_still_checks_older_ones():
    rotated = URLSafeTimedSerializer(["old secret", "new secret"], salt="s")
    signed = Signing(rotated).dumps("value")
    assert URLSafeTimedSerializer("new secret", salt="s").loads(signed) == "value"
    older = URLSafeTimedSerializer("old secret", salt="s").dumps("earlier")
    assert rotated.loads(older) == "earlier"
