"""bench.launch's checks: the exact recount after the run, and where PostgreSQL spent its time."""

import contextlib
import os
import subprocess
import time
from pathlib import Path

from sqlalchemy import create_engine, text

from bench import verify
from bench.harness import PROJECT_ROOT

# synchronous_commit stays on (the default), as in production: an acknowledged pledge is durable.
CLUSTER_SETTINGS = {
    "shared_preload_libraries": "pg_stat_statements",
    "synchronous_commit": os.environ.get("BENCH_SYNCHRONOUS_COMMIT", "on"),  # "off": see it fail
    "max_connections": "200",
}
COUNTERS_WAIT_S = 60  # how long the counters may take to agree with the recount before we say no


def commit() -> str:
    done = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607 - the developer's git
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip()


def _engine(database_url: str):
    return create_engine(database_url, isolation_level="AUTOCOMMIT")


def reset_statements(database_url: str) -> None:
    engine = _engine(database_url)
    with engine.connect() as connection:
        connection.execute(text("CREATE EXTENSION IF NOT EXISTS pg_stat_statements"))
        connection.execute(text("SELECT pg_stat_statements_reset()"))
    engine.dispose()


def top_statements(database_url: str, limit: int = 12) -> list[dict]:
    """The statements that took PostgreSQL the most time during the run."""
    engine = _engine(database_url)
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT calls, round(total_exec_time::numeric, 1) AS total_ms, "
                "round(mean_exec_time::numeric, 3) AS mean_ms, left(query, 160) AS query "
                "FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT :limit"
            ),
            {"limit": limit},
        ).mappings()
        found = [{k: (float(v) if k != "query" else v) for k, v in row.items()} for row in rows]
    engine.dispose()
    return found


COUNTS = text(
    "SELECT (SELECT count(*) FROM pledge_taken WHERE item_id = :item) AS stored, "
    "(SELECT count(*) FROM (SELECT 1 FROM pledge_taken GROUP BY participant_id, item_id "
    " HAVING count(*) > 1) AS twice) AS twice, "
    "(SELECT count(*) FROM pledge_taken) AS all_pledges, "
    "(SELECT coalesce(max(value), 0) FROM tally WHERE metric = 'pledges' AND scope = :scope) "
    " AS counted, "
    "(SELECT coalesce(max(value), 0) FROM tally WHERE metric = 'pledges' AND scope = 'all') "
    " AS counted_all"
)


def recount(
    database_url: str,
    secret_key: str,
    cookies: list[str],
    slug: str,
    load_ended: float,
    acknowledged: int,
) -> dict:
    """Acknowledged against stored; the seconds from the end of the load until the public
    counters equal the exact recount."""
    started = load_ended
    engine = _engine(database_url)
    with engine.connect() as connection:
        item = connection.scalar(
            text("SELECT id FROM content_item WHERE kind = 'pledge' AND slug = :slug LIMIT 1"),
            {"slug": slug},
        )
        scope = f"pledge:{item}"
        while True:
            counts = connection.execute(COUNTS, {"item": item, "scope": scope}).mappings().one()
            agree = (
                counts["counted"] == counts["stored"]
                and counts["counted_all"] == counts["all_pledges"]
            )
            if agree or time.monotonic() - started > COUNTERS_WAIT_S:
                break
            time.sleep(0.1)
    engine.dispose()
    matched_after = round(time.monotonic() - started, 2) if agree else None
    lookup = verify.confirmed_writes_missing(
        database_url,
        secret_key,
        [["pledge", cookie, slug, None] for cookie in cookies],
        stats_verify=True,
    )
    return {
        "stored": counts["stored"],
        # Not in the database, or acknowledged to wrk without nginx having logged whose it was.
        "lost": lookup["missing"] + max(0, acknowledged - len(cookies)),
        # Two rows for one participant and pledge, or a counter above the recount.
        "duplicated": counts["twice"] + max(0, counts["counted"] - counts["stored"]),
        # Committed, but the answer never reached wrk (cut at the end of the run, or by a crash).
        "stored_unacknowledged": counts["stored"] - (len(cookies) - lookup["missing"]),
        "counted": counts["counted"],
        "counters_match_after_s": matched_after,
        "stats_verify_ok": lookup["stats_verify"]["ok"],
        "stats_verify": lookup["stats_verify"]["output"][-500:],
    }


def hottest_frames(profiler, collapsed, limit: int = 30) -> dict:
    """From py-spy's collapsed stacks: the share of samples in which each of the app's own frames
    is on the stack (inclusive), and the frames the samples were in (self), highest first."""
    from collections import Counter

    profiler.wait(timeout=120)
    if not collapsed.exists():
        return {"error": "py-spy wrote no profile (installed? allowed to ptrace?)"}
    inclusive, leaves, total = Counter(), Counter(), 0
    for line in collapsed.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        total += int(count)
        frames = [frame.rsplit(":", 1)[0] for frame in stack.split(";")[1:]]
        for frame in set(frames):
            if "challenge/" in frame:
                inclusive[frame] += int(count)
        if frames:
            leaves[frames[-1]] += int(count)
    return {
        "samples": total,
        "app_inclusive": [[f, round(100 * n / total, 1)] for f, n in inclusive.most_common(limit)],
        "self": [[f, round(100 * n / total, 1)] for f, n in leaves.most_common(15)],
    }


def cpu_seconds(groups: dict[str, int], postmaster_pid_file) -> dict[str, float]:
    """CPU seconds used so far by each role's processes, read from /proc: the web hosts and
    nginx by process group, PostgreSQL as the private cluster's postmaster and its children.
    Per-request costs from these hold however busy the rest of the machine is."""
    postmaster = int(postmaster_pid_file.read_text().split()[0])
    roles = {pgrp: name.rstrip("0123456789") for name, pgrp in groups.items()}
    spent = dict.fromkeys([*roles.values(), "postgresql"], 0.0)
    tick = os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = (entry / "stat").read_text().rpartition(")")[2].split()
            ppid, pgrp = int(fields[1]), int(fields[2])
            used = (int(fields[11]) + int(fields[12])) / tick
            if int(entry.name) == postmaster or ppid == postmaster:
                spent["postgresql"] += used
            elif pgrp in roles:
                spent[roles[pgrp]] += used
    return spent


def per_request_ms(before: dict, after: dict, requests: int) -> dict[str, float]:
    return {
        role: round(1000 * (after[role] - before[role]) / max(requests, 1), 3) for role in after
    }
