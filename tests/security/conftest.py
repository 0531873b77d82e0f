"""Hypothesis profiles (a modest, fixed number of examples; derandomized in CI so runs repeat), and
the populated site the authorization and hostile-input tests share (tests/security/world.py)."""

import os

import pytest
from hypothesis import HealthCheck, settings

from tests.security.world import build_world, world_app

settings.register_profile(
    "dev",
    max_examples=150,
    deadline=None,
    database=None,  # no .hypothesis/ folder in the working tree
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("ci", settings.get_profile("dev"), derandomize=True)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE")
    or ("ci" if os.environ.get("CI", "").lower() == "true" else "dev")
)


@pytest.fixture(scope="module")
def world(migrated_database, instance_path, real_content_tree):
    """A populated site with a client per role, shared by the tests of one module."""
    with world_app(migrated_database, instance_path) as app:
        yield build_world(app, real_content_tree)
