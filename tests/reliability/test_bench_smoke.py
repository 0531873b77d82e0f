"""The benchmarks still run: each for a second or two at toy sizes, checked only for a report.
Never a timed assertion: the figures of a shared CI machine mean nothing (docs/performance.md)."""

import json
import os
import subprocess
import sys

import pytest

from bench.harness import PROJECT_ROOT, postgres_reachable

pytestmark = pytest.mark.reliability


def require_the_database(request) -> str:
    database = request.config.getoption("--db")
    if database == "postgresql" and not postgres_reachable():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("PostgreSQL is unreachable in CI")
        pytest.skip("PostgreSQL is unreachable")
    return database


def test_every_benchmark_produces_a_report(request, tmp_path):
    database = require_the_database(request)
    done = subprocess.run(  # noqa: S603 - our own module
        [sys.executable, "-m", "bench", "all", "--quick", "--db", database, "--out", str(tmp_path)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    reports = {path.name.split("-", 2)[2].rsplit(".", 1)[0] for path in tmp_path.glob("*.json")}
    expected = {f"reads-{database}", f"viral-gunicorn-{database}", f"leaderboard-{database}"}
    expected |= {f"reminders-{database}", f"check-ins-{database}"}
    expected |= {"fresh-clone-sqlite"} | ({"weight-sqlite"} if database == "sqlite" else set())
    assert expected <= reports, reports
    for path in tmp_path.glob("*.json"):
        result = json.loads(path.read_text())
        assert result["machine"]["cores"] and "targets" in result
        assert path.with_suffix(".md").read_text().startswith("# ")
        if result["benchmark"] == "viral":
            assert result["bare_capacity_rps"] > 0  # the machine's speed, for comparing runs
        if result["benchmark"] == "check-ins":  # a few check-ins, all stored, beside the baseline
            assert result["check_ins_acknowledged"] > 0 and result["lost"] == 0, result["targets"]
            assert result["bare"]["throughput_rps"] > 0
        if result["benchmark"] == "reminders":  # every sign-up mailed once, then reminded once
            for check in result["checks"].values():
                assert check["expected"] == 40 and check["received"] == 40, result["checks"]
    assert "Summary" in done.stdout


def test_locust_and_wrk_run_and_the_verifier_catches_a_lost_write(request, tmp_path):
    """Locust takes pledges and quizzes and wrk reads a lesson page, briefly, on a real gunicorn;
    then one acknowledged pledge is deleted behind the site's back, and the verifier must say so."""
    from sqlalchemy import create_engine, text

    from bench import loadtest, verify
    from bench.harness import Workspace, discover_slugs, postgres_database, sqlite_database

    kind = require_the_database(request)
    workspace = Workspace(root=tmp_path, in_process=True)
    database = sqlite_database(tmp_path, "smoke") if kind == "sqlite" else postgres_database()
    try:
        workspace.prepare(database)
        server = workspace.serve(database, "smoke", workers=2, preload=True)
        try:
            slugs = discover_slugs(server.base_url)
            users = {"PledgeTaker": 2, "QuizTaker": 1, "Reader": 1}
            load = loadtest.locust_run(server.base_url, users, 2, slugs, tmp_path, "smoke")
            read = loadtest.wrk_run(f"{server.base_url}/en/lessons/{slugs['lessons'][0]}", 1, 2, 1)
        finally:
            server.stop()
        assert read["throughput_rps"] > 0 and read["errors"] == 0
        assert load["labels"]["pledge post"]["requests"] > 0
        assert load["labels"]["Aggregated"]["errors"] == 0, load["labels"]
        acknowledged = load["acknowledged"]
        kinds = {entry[0] for entry in acknowledged}
        assert kinds == {"pledge", "quiz"}, acknowledged
        intact = verify.confirmed_writes_missing(database.url, workspace.secret_key, acknowledged)
        assert intact["missing"] == 0, intact

        engine = create_engine(database.url)
        with engine.begin() as connection:
            victim = connection.execute(text("SELECT min(id) FROM pledge_taken")).scalar_one()
            connection.execute(text("DELETE FROM pledge_taken WHERE id = :id"), {"id": victim})
        engine.dispose()
        lost = verify.confirmed_writes_missing(database.url, workspace.secret_key, acknowledged)
        assert lost["missing"] == 1, lost
        assert lost["missing_examples"][0]["kind"] == "pledge"
    finally:
        database.close()


def test_the_pledge_flow_probe_runs_both_variants(request, capsys):
    """`python -m bench.pledge_flow` at a toy size, on the suite's database: both variants
    measured, every step positive; on PostgreSQL the server's CPU is reported too."""
    from bench import pledge_flow

    database = require_the_database(request)
    medians = pledge_flow.main(["--pledges", "2", "--rounds", "1", "--db", database])
    assert set(medians) == {"rendered each time", "kept"}
    for figures in medians.values():
        assert all(figures[step] > 0 for step in pledge_flow.STEPS)
        assert ("server" in figures) == (database == "postgresql")
    assert "| kept |" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("admin_url", "expected"),
    [
        (
            "postgresql://postgres@127.0.0.1:5432/postgres",
            "postgresql://postgres@127.0.0.1:5432/{name}",
        ),
        (
            "postgresql://postgres@/postgres?host=/var/run/postgresql",
            "postgresql://postgres@/{name}?host=/var/run/postgresql",
        ),
    ],
    ids=["tcp", "unix socket"],
)
def test_a_benchmark_database_keeps_the_servers_connection_options(
    monkeypatch, admin_url, expected
):
    """BENCH_POSTGRES_URL may name a Unix socket (or sslmode...) in its query string."""
    import psycopg

    from bench import harness

    statements = []

    class Admin:
        def __init__(self, *args, **kwargs):
            pass

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def execute(self, statement):
            statements.append(statement)

    monkeypatch.setattr(psycopg, "connect", Admin)
    database = harness.postgres_database(admin_url, prefix="probe")
    name = statements[0].split('"')[1]
    assert database.url == expected.format(name=name)
    database.close()
    assert statements[-1] == f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
