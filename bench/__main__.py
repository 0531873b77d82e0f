"""`python -m bench COMMAND`: run the benchmarks and the load-and-faults test; see docs/performance.md.

Each command prints what it measures as it goes, then a summary, and writes its results as JSON
and markdown under bench/results/. The exit status is 1 when a benchmark could not run or the
fault test found a lost write, a drifted count or an error that reached a visitor; a performance
target that is missed is reported, and fails the exit status only with --strict.
"""

import argparse
import sys
import time
import traceback

from bench import (
    check_ins,
    faults,
    fresh_clone,
    leaderboard,
    profile,
    reads,
    reminders,
    report,
    viral,
    weight,
)
from bench.harness import (
    Workspace,
    compile_translations_if_needed,
    configured_workers,
    discover_slugs,
    postgres_database,
    postgres_reachable,
    sqlite_database,
)

COMMANDS = (
    "all",
    "reads",
    "viral",
    "leaderboard",
    "weight",
    "fresh-clone",
    "faults",
    "profile",
    "reminders",
    "check-ins",
)
QUICK = {  # the smoke test's sizes: a second or two each, only to show that everything still runs
    "workers": 2,
    "preload": True,
    "duration": 2,
    "scale": 0.05,
    "reads_duration": 1,
    "concurrency": 4,
    "small": 50,
    "large": 200,
    "rounds": 1,
    "endpoint_seconds": 0.3,
    "writes": 40,
    "clients": 8,
    "locales": ("en",),
    "signups": 40,
    "smtp_delay": 0.0,
    "check_in_participants": 200,
    "check_in_seconds": 2,
}


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("command", choices=COMMANDS)
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--quick", action="store_true", help="smoke-test sizes (a few seconds)")
    parser.add_argument(
        "--workers", type=int, help="gunicorn workers (default: gunicorn.conf.py's, per core + 1)"
    )
    parser.add_argument(
        "--worker-class",
        choices=["sync", "gthread"],
        help="gunicorn worker class (default: gunicorn.conf.py's, a sync worker that closes at once; "
        "sync is gunicorn's own)",
    )
    parser.add_argument("--threads", type=int, default=1, help="threads per gthread worker")
    parser.add_argument("--preload", action="store_true", help="gunicorn --preload")
    parser.add_argument("--backlog", type=int, default=2048, help="gunicorn --backlog")
    parser.add_argument("--duration", type=float, default=60, help="viral run, seconds")
    parser.add_argument("--scale", type=float, default=1.0, help="viral load, share of target")
    parser.add_argument("--reads-duration", type=float, default=10, help="wrk: seconds a page")
    parser.add_argument(
        "--target",
        action="append",
        default=[],
        metavar="NAME=URL",
        help="reads: a base URL to measure besides the runner's own gunicorn (e.g. "
        "nginx=http://127.0.0.1:8080 from `make stack`); repeatable",
    )
    parser.add_argument("--concurrency", type=int, default=16, help="closed-loop clients")
    parser.add_argument("--small", type=int, default=1000, help="leaderboard: participants")
    parser.add_argument("--large", type=int, default=1_000_000, help="leaderboard: participants")
    parser.add_argument("--rounds", type=int, default=3, help="leaderboard: alternating rounds")
    parser.add_argument("--endpoint-seconds", type=float, default=3)
    parser.add_argument("--writes", type=int, default=20_000, help="faults: writes to send")
    parser.add_argument("--clients", type=int, default=50, help="faults: concurrent clients")
    parser.add_argument("--signups", type=int, default=10_000, help="reminders: sign-ups")
    parser.add_argument("--smtp-delay", type=float, default=1.0, help="reminders: s a message")
    parser.add_argument(
        "--check-in-participants", type=int, default=100_000, help="check-ins: participants"
    )
    parser.add_argument("--check-in-seconds", type=float, default=30, help="check-ins: seconds")
    parser.add_argument("--seed-participants", type=int, default=1000)
    parser.add_argument("--redis", metavar="URL", help="REDIS_URL for the servers under test")
    parser.add_argument(
        "--page", action="append", help="profile: a path to ask for (repeatable)", default=[]
    )
    parser.add_argument("--seconds", type=float, default=20, help="profile: seconds sampled")
    parser.add_argument("--out", default=str(report.RESULTS), help="results folder")
    parser.add_argument("--keep", action="store_true", help="keep the temporary workspace")
    parser.add_argument("--strict", action="store_true", help="exit 2 when a target is missed")
    args = parser.parse_args(argv)
    args.locales = ("en", "hi", "ja")
    if args.quick:
        for key, value in QUICK.items():
            setattr(args, key, value)
    if args.workers is None:
        args.workers = configured_workers()
    return args


def databases(args) -> list[str]:
    wanted = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    if "postgresql" in wanted and not postgres_reachable():
        print("PostgreSQL is unreachable (BENCH_POSTGRES_URL / TEST_POSTGRES_URL): skipping it")
        wanted.remove("postgresql")
    return wanted


def new_database(kind: str, workspace: Workspace, name: str):
    return sqlite_database(workspace.root, name) if kind == "sqlite" else postgres_database()


def served_pair(args, workspace: Workspace, database, name: str):
    options = {
        "workers": args.workers,
        "worker_class": args.worker_class,
        "threads": args.threads,
        "preload": args.preload,
        "backlog": args.backlog,
    }
    # No worker runs beside the benchmarked site: its few mails (the weight run's sign-ups) are
    # sent as their job commits, which these runs do not time.
    mail = {"MAIL_BACKEND": "file", "JOBS_IMMEDIATE": "true"}
    app = workspace.serve(database, name, env=mail, **options)
    bare = workspace.serve(database, f"{name}-bare", app="bench.bare:app", **options)
    return app, bare


def run_site_benchmarks(args, kind: str, workspace: Workspace, say) -> list[dict]:
    """Throughput (b), page weight (d) and viral (a), in that order (the viral run may overload
    the server), on one database with 1,000 participants."""
    database = new_database(kind, workspace, "site")
    results = []

    def attempt(title: str, benchmark) -> None:
        try:
            results.append(benchmark())
        except Exception:
            say(f"{title} on {kind} could not run:\n{traceback.format_exc()}")
            results.append({"benchmark": title, "database": kind, "error": True, "targets": []})

    try:
        say(f"[{kind}] preparing a database with {args.seed_participants} participants")
        workspace.prepare(database, args.seed_participants)
        app, bare = served_pair(args, workspace, database, f"site-{kind}")
        try:
            slugs = discover_slugs(app.base_url)
            targets = {"gunicorn": app.base_url, **external_targets(args)}
            if args.command in ("all", "reads"):
                say(f"[{kind}] read throughput with wrk (target b)")
                options = {"duration": args.reads_duration, "connections": args.concurrency}
                attempt(
                    "reads",
                    lambda: finish(
                        "reads",
                        kind,
                        reads.run(targets, bare.base_url, slugs, options, say),
                        reads.markdown,
                        args,
                    ),
                )
            if args.command in ("all", "weight") and kind == "sqlite":
                say(f"[{kind}] page weight and third-party requests (target d)")
                attempt("weight", lambda: run_weight(args, app, slugs, workspace))
            if args.command in ("all", "viral"):
                options = {"workers": args.workers, "duration": args.duration, "scale": args.scale}
                # Through our own gunicorn only: verifying needs the database and the secret key of
                # the server measured, which an external stack keeps to itself.
                for name, base in {"gunicorn": app.base_url}.items():
                    say(f"[{kind}] viral moment through {name} with Locust (target a)")
                    attempt(
                        "viral",
                        lambda base=base, name=name: finish(
                            f"viral-{name}",
                            kind,
                            viral.run(
                                base, bare.base_url, slugs, workspace, database, options, say
                            ),
                            viral.markdown,
                            args,
                        ),
                    )
        finally:
            app.stop()
            bare.stop()
    finally:
        database.close()
    return results


def external_targets(args) -> dict[str, str]:
    """--target NAME=URL: servers started elsewhere (nginx's micro-cache of `make stack`)."""
    found = {}
    for entry in args.target:
        name, _, url = entry.partition("=")
        if not url:
            raise SystemExit(f"--target {entry!r}: expected NAME=URL")
        found[name] = url.rstrip("/")
    return found


def run_weight(args, app, slugs, workspace: Workspace) -> dict:
    first = {
        "lesson": slugs["lessons"][0],
        "quiz": slugs["quizzes"][0],
        "pledge": slugs["pledges"][0],
    }
    rows = weight.measure(
        lambda: weight.LiveClient(app.port),
        args.locales,
        first,
        weight.outbox_link(workspace.instance_path),
    )
    summary = weight.summary(rows)
    result = {
        "benchmark": "weight",
        "summary": summary,
        "pages": rows,
        "targets": [
            {
                "target": "(d) every public page ≤ 50 KB compressed (images aside), no third-party request",
                "measured": f"heaviest {summary['heaviest']}: {summary['heaviest_compressed_bytes']:,} "
                f"bytes compressed ({summary['heaviest_uncompressed_bytes']:,} uncompressed, "
                f"largest); third-party URLs: {len(summary['third_party_urls'])}",
                "met": summary["met"],
            }
        ],
    }
    return finish("weight", "sqlite", result, weight_markdown, args)


def weight_markdown(result: dict) -> str:
    rows = [
        [
            f"{row['page']} ({row['locale']})",
            row["status"],
            f"{row['html_bytes']:,}",
            f"{row['uncompressed_total']:,}",
            f"{row['compressed_total']:,}",
            ", ".join(row["third_party"]) or "none",
        ]
        for row in result["pages"]
    ]
    s = result["summary"]
    return (
        f"{s['pages']} pages; the server {'compresses' if s['server_compresses'] else 'does not compress (gzip -6 sizes shown, as a proxy would send them)'}.\n\n"
        + report.table(
            ["page", "status", "HTML bytes", "with CSS/JS/fonts", "compressed", "third-party"],
            rows,
        )
    )


def run_leaderboard(args, kind: str, workspace: Workspace, say) -> dict:
    small = new_database(kind, workspace, "leaderboard-small")
    large = new_database(kind, workspace, "leaderboard-large")
    servers = []
    try:
        seeding = {}
        for name, database, size in (("small", small, args.small), ("large", large, args.large)):
            say(f"[{kind}] seeding {size:,} participants")
            workspace.prepare(database, size)
            seeding[name] = database.seed_seconds
            say(f"[{kind}]   seeded in {database.seed_seconds:.1f} s")
        options = {"workers": args.workers, "preload": args.preload}
        servers = [
            workspace.serve(small, f"leaderboard-small-{kind}", **options),
            workspace.serve(large, f"leaderboard-large-{kind}", **options),
            workspace.serve(small, f"leaderboard-bare-{kind}", app="bench.bare:app", **options),
        ]
        say(f"[{kind}] leaderboard latency, small and large in alternating rounds (target c)")
        result = leaderboard.run(
            *servers,
            {"small": args.small, "large": args.large},
            seeding,
            workspace,
            {
                "database": kind,
                "workers": args.workers,
                "concurrency": min(args.concurrency, 4),
                "duration": args.endpoint_seconds,
                "rounds": args.rounds,
            },
            say,
        )
        return finish("leaderboard", kind, result, leaderboard.markdown, args)
    finally:
        for server in servers:
            server.stop()
        small.close()
        large.close()


def run_reminders(args, kind: str, workspace: Workspace, say) -> dict:
    database = new_database(kind, workspace, "reminders")
    bare = None
    try:
        workspace.prepare(database)
        bare = workspace.serve(database, f"reminders-bare-{kind}", app="bench.bare:app")
        plan = reminders.Plan(
            signups=args.signups,
            seconds=args.duration,
            smtp_delay=args.smtp_delay,
            web_workers=args.workers,
        )
        say(f"[{kind}] a burst of reminder sign-ups, mail drained by the job workers")
        result = reminders.run(workspace, database, bare.base_url, plan, say)
        return finish("reminders", kind, result, reminders.markdown, args)
    finally:
        if bare is not None:
            bare.stop()
        database.close()


def run_check_ins(args, kind: str, workspace: Workspace, say) -> dict:
    database = new_database(kind, workspace, "check-ins")
    servers = []
    try:
        say(f"[{kind}] seeding {args.check_in_participants:,} participants")
        workspace.prepare(database, args.check_in_participants)
        seeded = check_ins.seed_check_ins(database.url)
        say(f"[{kind}]   seeded in {database.seed_seconds:.1f} s; {seeded:,} check-ins on day 1")
        options = {"workers": args.workers, "preload": args.preload}
        servers = [
            workspace.serve(database, f"check-ins-{kind}", env=check_ins.ENV, **options),
            workspace.serve(database, f"check-ins-bare-{kind}", app="bench.bare:app", **options),
        ]
        say(f"[{kind}] daily check-ins under load, the edition page from the public cache path")
        plan = {
            "participants": args.check_in_participants,
            "seconds": args.check_in_seconds,
            "users": args.concurrency,
            "workers": args.workers,
        }
        result = check_ins.run(
            workspace, database, servers[0].base_url, servers[1].base_url, plan, say
        )
        return finish("check-ins", kind, result, check_ins.markdown, args)
    finally:
        for server in servers:
            server.stop()
        database.close()


def run_faults(args, kind: str, workspace: Workspace, say) -> dict:
    plan = faults.FaultPlan(
        database=kind,
        writes=args.writes,
        concurrency=args.clients,
        workers=args.workers,
        preload=args.preload,
    )
    say(f"[{kind}] load and faults: {plan.writes:,} writes from {plan.concurrency} clients")
    result = faults.run(plan, workspace, say)
    for check, passed in result["checks"].items():
        say(f"  {'ok  ' if passed else 'FAIL'} {check}")
    result["targets"] = [
        {
            "target": f"load and faults on {kind}: nothing lost, counts hold, recovered unaided",
            "measured": f"{result['confirmed_writes']:,} confirmed writes, "
            f"{result['verification']['missing']} missing; "
            + ", ".join(check for check, passed in result["checks"].items() if not passed),
            "met": result["passed"],
        }
    ]
    return finish("faults", kind, result, faults_markdown, args)


def faults_markdown(result: dict) -> str:
    load = result["load"]
    events = "; ".join(f"{e['at_s']} s: {e['event']}" for e in result["events"])
    checks = "\n".join(f"- {'✓' if ok else '✗'} {check}" for check, ok in result["checks"].items())
    rows = report.label_rows(load["labels"])
    return (
        f"{result['plan']['writes']:,} writes from {result['plan']['concurrency']} Locust users, "
        f"{result['plan']['workers']} workers on {result['database']}. Events: {events}.\n\n"
        f"{checks}\n\n"
        + report.table(report.LATENCY_HEADERS, rows)
        + f"\n\nFailures Locust saw: {load['failures'] or 'none'}."
    )


def run_profile(args, workspace: Workspace, say) -> int:
    kind = "postgresql" if args.db == "postgresql" else "sqlite"
    database = new_database(kind, workspace, "profile")
    try:
        workspace.prepare(database, args.seed_participants)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        folder = args.out_path / f"{stamp}-profile-{kind}"
        pages = args.page or ["/en/lessons/spotting-phishing"]
        result = profile.run(pages, database, workspace, folder, args.seconds, say)
        say(f"flame graph: {folder / 'profile.svg'}")
        return 0 if result["profile"]["samples"] else 1
    finally:
        database.close()
        if not args.keep:
            workspace.cleanup()


def finish(name: str, kind: str, result: dict, to_markdown, args) -> dict:
    result["machine"] = report.machine()
    result.setdefault("database", kind)
    targets = "\n".join(
        f"- {'MET' if t['met'] else 'MISSED'}: {t['target']}: {t['measured']}"
        for t in result.get("targets", [])
    )
    text = (
        f"# {name} on {kind}\n\n{report.machine_markdown(result['machine'])}\n\n"
        f"{targets}\n\n{to_markdown(result)}\n"
    )
    json_path, _ = report.save(f"{name}-{kind}", result, text, folder=args.out_path)
    result["files"] = str(json_path)
    return result


def main(argv: list[str] | None = None) -> int:
    from pathlib import Path

    args = parse(sys.argv[1:] if argv is None else argv)
    args.out_path = Path(args.out)

    begun = time.perf_counter()

    def say(message: str) -> None:
        minutes, seconds = divmod(int(time.perf_counter() - begun), 60)
        print(f"[{minutes:3d}:{seconds:02d}] {message}", flush=True)

    compile_translations_if_needed()
    workspace = Workspace(redis_url=args.redis, in_process=args.quick)
    if args.command == "profile":
        return run_profile(args, workspace, say)
    say(f"workspace {workspace.root}; {report.machine_markdown(report.machine())}")
    results, failures = [], []
    started = time.perf_counter()
    steps = []
    for kind in databases(args):
        if args.command in ("all", "reads", "viral", "weight"):
            steps.append((f"site benchmarks on {kind}", run_site_benchmarks, kind))
        if args.command in ("all", "leaderboard"):
            steps.append((f"leaderboard on {kind}", run_leaderboard, kind))
        if args.command in ("all", "reminders"):
            steps.append((f"reminders on {kind}", run_reminders, kind))
        if args.command in ("all", "check-ins"):
            steps.append((f"check-ins on {kind}", run_check_ins, kind))
        if args.command == "faults" or (args.command == "all" and not args.quick):
            steps.append((f"faults on {kind}", run_faults, kind))
    try:
        for title, step, kind in steps:
            try:
                outcome = step(args, kind, workspace, say)
                results += outcome if isinstance(outcome, list) else [outcome]
            except Exception:
                failures.append(title)
                say(f"{title} could not run:\n{traceback.format_exc()}")
        if args.command in ("all", "fresh-clone"):
            say("fresh clone to a serving site (target e)")
            try:
                outcome = fresh_clone.run(quick=args.quick, say=say)
                results.append(finish("fresh-clone", "sqlite", outcome, fresh_clone.markdown, args))
            except Exception:
                failures.append("fresh clone")
                say(f"fresh clone could not run:\n{traceback.format_exc()}")
    finally:
        if not args.keep:
            workspace.cleanup()
    say(f"\nSummary ({time.perf_counter() - started:.0f} s; results in {args.out_path}):")
    missed = faults_failed = False
    for result in results:
        for target in result.get("targets", []):
            mark = "MET   " if target["met"] else "MISSED"
            say(f"  {mark} [{result.get('database', '')}] {target['target']}: {target['measured']}")
            missed = missed or not target["met"]
        faults_failed = faults_failed or (result["benchmark"] == "faults" and not result["passed"])
    failures += [f"{r['benchmark']} on {r['database']}" for r in results if r.get("error")]
    for title in failures:
        say(f"  ERROR  {title} did not run")
    if failures or faults_failed:
        return 1
    return 2 if args.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())
