"""Load and faults (issue 8 part 6): several gunicorn workers while concurrent clients take pledges,
mark lessons read and send quiz attempts; mid-run one worker is SIGKILLed and (on PostgreSQL) the
database server is restarted. Afterwards every write that got a success response must be in the
database, every tally must equal its recount (`flask stats verify`), and the site must serve again
without anyone touching it. On SQLite, no "database is locked" may ever reach a visitor.

The long form (`python -m bench faults`) sends 20,000 writes from 50 clients to 4 workers; the CI
short form (tests/reliability/) a few hundred.
"""

import threading
import time
from dataclasses import dataclass, field

from bench import verify
from bench.harness import (
    Server,
    Workspace,
    discover_slugs,
    http_get,
    postgres_database,
    sqlite_database,
)
from bench.loadtest import locust_start
from bench.postgres import PrivateCluster

LOCKED = "database is locked"


@dataclass
class FaultPlan:
    database: str  # "sqlite" or "postgresql"
    writes: int = 20_000
    concurrency: int = 50
    workers: int = 4
    kill_worker_after: float = 0.3  # share of the writes sent before the SIGKILL
    restart_database_after: float = 0.6  # and before the PostgreSQL restart
    preload: bool = False  # gunicorn --preload: faster worker (re)starts, for the short form
    max_seconds: float = 4 * 3600  # a cap, for a machine far slower than expected
    in_process: bool = False  # prepare and verify in this process (the tests have the app loaded)


@dataclass
class FaultRun:
    plan: FaultPlan
    events: list[dict] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)

    def event(self, what: str, **details) -> None:
        self.events.append(
            {"at_s": round(time.perf_counter() - self.started, 2), "event": what, **details}
        )


def run(plan: FaultPlan, workspace: Workspace, say=print) -> dict:
    """Run the plan end to end; a result with a `checks` dict of named booleans."""
    record = FaultRun(plan)
    cluster = PrivateCluster().start() if plan.database == "postgresql" else None
    database = server = None
    try:
        if cluster is not None:
            database = postgres_database(cluster.admin_url, prefix="faults")
        else:
            database = sqlite_database(workspace.root, "faults")
        record.event("database created")
        workspace.prepare(database, in_process=plan.in_process)
        record.event("database migrated and content imported")
        env = workspace.env(database)
        server = Server(
            env,
            workspace.root / f"faults-{plan.database}.log",
            workers=plan.workers,
            preload=plan.preload,
        ).start()
        record.event("gunicorn serving", workers=plan.workers)
        say(f"faults on {plan.database}: {plan.workers} workers up on port {server.port}")
        return _drive(plan, record, workspace, server, cluster, env, database.url, say)
    finally:
        if server is not None:
            server.stop()
        if database is not None and cluster is None:
            database.close()
        if cluster is not None:
            cluster.stop()


def _drive(plan, record, workspace, server, cluster, env, database_url, say) -> dict:
    slugs = discover_slugs(server.base_url)
    workers_before = server.worker_pids()
    restart_thread = None
    reported = [0]

    def restart_database() -> None:
        record.event("postgresql restart begins")
        seconds = cluster.restart()
        record.event("postgresql restarted", seconds=round(seconds, 2))

    def on_progress(progress: dict) -> None:
        nonlocal restart_thread
        sent = progress["writes_started"]
        if sent >= reported[0] + plan.writes / 10:
            reported[0] = sent
            say(f"  {sent:,} writes acknowledged")
        killed = any(e["event"] == "worker killed" for e in record.events)
        if not killed and sent >= plan.writes * plan.kill_worker_after:
            record.event("worker killed", pid=server.kill_worker(), writes_sent=sent)
        restart_due = sent >= plan.writes * plan.restart_database_after
        if cluster is not None and restart_thread is None and restart_due:
            restart_thread = threading.Thread(target=restart_database, daemon=True)
            restart_thread.start()

    pledgers = max(1, plan.concurrency * 2 // 3)
    users = {"PledgeTaker": pledgers, "QuizTaker": max(1, plan.concurrency - pledgers)}
    run = locust_start(
        server.base_url,
        users,
        plan.max_seconds,
        slugs,
        workspace.root,
        f"faults-{plan.database}",
        closed_loop=True,
    )
    while run.process.poll() is None:
        acknowledged = len(run.acknowledged())
        on_progress({"writes_started": acknowledged, "confirmed": acknowledged})
        if acknowledged >= plan.writes:
            run.stop()
            break
        time.sleep(0.2)
    load = run.result(timeout=120)
    record.event("load finished", writes_acknowledged=len(load["acknowledged"]))
    if restart_thread is not None:
        restart_thread.join(timeout=120)
    # Recovery, unaided: the master has replaced the killed worker and every page serves again.
    workers_after = server.wait_for_workers(plan.workers, timeout=120)
    health = [http_get(server.base_url + path)[0] for path in ("/healthz", "/en/pledges/") * 4]
    record.event("recovered", workers=len(workers_after), statuses=sorted(set(health)))
    missing = verify.confirmed_writes_missing(
        database_url, workspace.secret_key, load["acknowledged"], stats_verify=plan.in_process
    )
    stats = missing.pop("stats_verify") or verify.stats_verify(env)
    record.event("verified")
    log = server.log_text()
    failures = load["failures"]

    def met(status: str) -> int:
        return sum(count for error, count in failures.items() if status in error)

    checks = {
        "writes acknowledged": len(load["acknowledged"]) >= plan.writes,
        "every confirmed write is in the database": missing["missing"] == 0,
        "tallies equal a recount (stats verify)": stats["ok"],
        "a worker was killed and replaced": bool(set(workers_after) - set(workers_before)),
        "site recovered by itself": all(status == 200 for status in health),
        "no 500 reached a visitor": met("500") == 0,
        "no 'database is locked' reached a visitor": LOCKED not in log,
    }
    if cluster is not None:
        checks["postgresql was restarted"] = cluster.restarts == 1
    else:
        checks["no 503 on SQLite"] = met("503") == 0
    return {
        "benchmark": "faults",
        "database": plan.database,
        "plan": plan.__dict__,
        "events": record.events,
        "load": {key: value for key, value in load.items() if key != "acknowledged"},
        "confirmed_writes": len(load["acknowledged"]),
        "verification": missing,
        "stats_verify": stats,
        "server_log_errors": [line for line in log.splitlines() if "Error" in line][:20],
        "checks": checks,
        "passed": all(checks.values()),
    }
