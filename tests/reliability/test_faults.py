"""Load and faults, short form (issue 8 part 6): a few hundred writes from concurrent clients to
several gunicorn workers; mid-run one worker is SIGKILLed and, on PostgreSQL, the database server
is restarted (a private cluster: the shared one is never restarted). Every confirmed write must be
in the database, every count must equal its recount, and the site must recover by itself.
The long form is `python -m bench faults` (20,000 writes, 50 clients, 4 workers)."""

import os

import pytest

from bench import faults
from bench.harness import Workspace
from bench.postgres import ClusterUnavailable, server_binaries

pytestmark = pytest.mark.reliability


def private_cluster_or_skip() -> None:
    try:
        server_binaries()
    except ClusterUnavailable as missing:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"the fault test needs a private PostgreSQL cluster in CI: {missing}")
        pytest.skip(str(missing))


def test_writes_survive_a_killed_worker_and_a_database_restart(request, tmp_path):
    database = request.config.getoption("--db")
    if database == "postgresql":
        private_cluster_or_skip()
    plan = faults.FaultPlan(
        database=database,
        writes=200,
        concurrency=16,
        workers=3,
        preload=True,  # a replaced worker is forked at once instead of importing the app again
        in_process=True,
        max_seconds=300,
    )
    result = faults.run(plan, Workspace(root=tmp_path), say=lambda message: None)
    failed = [check for check, passed in result["checks"].items() if not passed]
    assert not failed, (failed, result["events"], result["load"]["failures"])
    assert result["verification"]["checked"] == result["verification"]["found"]
