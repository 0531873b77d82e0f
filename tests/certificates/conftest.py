"""Every certificate test has the fake subject kind registered (and only for the test)."""

import pytest

from challenge.certificates import registry
from tests.support import certificates


@pytest.fixture(autouse=True)
def fake_subject(monkeypatch):
    monkeypatch.setitem(registry.DESCRIBERS, certificates.KIND, certificates.describe)
