"""What every benchmark shares: databases made ready with the app's own commands, gunicorn servers
on free ports (the app, or the bare baseline with the same configuration)."""

import json
import os
import re
import runpy
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
SHARED_POSTGRES_URL = os.environ.get(
    "BENCH_POSTGRES_URL",
    os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"),
)
# All the load comes from one address, so the per-address limits are raised out of the way (through
# the documented environment variables; the per-participant one too, for the few visitors that
# write several times): the benchmark measures the app, not the limiter, which still runs.
BENCH_RATE_LIMIT = "1000000 per minute"
# Settings of the machine running the benchmarks that must not leak into the servers under test.
# PUBLIC_URL is set per server, to the address it is benchmarked at (the only host it answers).
CLEARED_VARIABLES = (
    "DATABASE_URL",
    "REDIS_URL",
    "PUBLIC_URL",
    "EXTRA_HOSTS",
    "PROXY_COUNT",
    "CONTENT_DIR",
)


def configured_workers() -> int:
    """The worker count gunicorn.conf.py gives here (WEB_CONCURRENCY, else one per core plus one):
    the benchmarks serve the app as production does unless told otherwise."""
    return runpy.run_path(str(PROJECT_ROOT / "gunicorn.conf.py"))["workers"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_environment(
    database_url: str,
    instance_path: Path,
    secret_key: str,
    redis_url: str | None = None,
    **overrides: str,
) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in CLEARED_VARIABLES}
    env.update(
        DATABASE_URL=database_url,
        INSTANCE_PATH=str(instance_path),
        SECRET_KEY=secret_key,
        SESSION_COOKIE_SECURE="false",  # plain HTTP on 127.0.0.1
        LOG_LEVEL="WARNING",
        RATE_LIMIT_WRITES=BENCH_RATE_LIMIT,
        RATE_LIMIT_LOGIN=BENCH_RATE_LIMIT,
        RATE_LIMIT_PARTICIPANT=BENCH_RATE_LIMIT,
        MAIL_BACKEND="memory",
        PUBLIC_URL="http://127.0.0.1",  # Server.start() adds the port it is given
        PYTHONUNBUFFERED="1",
    )
    if redis_url:  # keys of this workspace's own, so runs never read each other's
        env.update(REDIS_URL=redis_url, REDIS_KEY_PREFIX=instance_path.parent.name)
    env.update(overrides)
    return env


def flask_command(env: dict[str, str], *args: str, timeout: float = 3600) -> str:
    """Run `flask --app wsgi ARGS` as an operator would; its output, or an error with it."""
    done = subprocess.run(  # noqa: S603 - the app's own CLI
        [PYTHON, "-m", "flask", "--app", "wsgi", *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"flask {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def compile_translations_if_needed() -> None:
    catalogs = list((PROJECT_ROOT / "translations").glob("*/LC_MESSAGES/messages.po"))
    stale = [
        po
        for po in catalogs
        if not po.with_suffix(".mo").exists()
        or po.with_suffix(".mo").stat().st_mtime < po.stat().st_mtime
    ]
    if stale:
        flask_command({"PUBLIC_URL": "http://127.0.0.1", **os.environ}, "translate", "compile")


@dataclass
class Database:
    """A database for one benchmark: SQLite in the workspace, or one of its own on PostgreSQL."""

    kind: str  # "sqlite" or "postgresql"
    url: str
    drop: Callable[[], None] | None = None
    seed_seconds: float | None = None

    def close(self) -> None:
        if self.drop is not None:
            self.drop()
            self.drop = None


def sqlite_database(folder: Path, name: str = "bench") -> Database:
    return Database("sqlite", f"sqlite:///{folder / f'{name}.db'}")


def postgres_database(admin_url: str = SHARED_POSTGRES_URL, prefix: str = "bench") -> Database:
    """A new database on a PostgreSQL server (the shared one by default: created, never restarted,
    dropped afterwards)."""
    import psycopg

    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    server, _, options = admin_url.partition("?")  # ?host=/var/run/postgresql: a Unix socket
    url = f"{server.rsplit('/', 1)[0]}/{name}" + (f"?{options}" if options else "")
    return Database("postgresql", url, drop=drop)


def postgres_reachable(admin_url: str = SHARED_POSTGRES_URL) -> bool:
    import psycopg

    try:
        with psycopg.connect(admin_url, connect_timeout=3):
            return True
    except psycopg.OperationalError:
        return False


@dataclass
class Workspace:
    """A temporary folder with the instance path, SQLite files and logs of one run."""

    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="qcc-bench-")))
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    redis_url: str | None = None
    in_process: bool = False  # prepare databases in this process (quick runs, tests)

    @property
    def instance_path(self) -> Path:
        return self.root / "instance"

    def env(self, database: Database, **overrides: str) -> dict[str, str]:
        return server_environment(
            database.url, self.instance_path, self.secret_key, self.redis_url, **overrides
        )

    def serve(self, database: Database, name: str, *, app: str = "wsgi:app", **options) -> "Server":
        """Start gunicorn on `database` (the bare baseline with app="bench.bare:app")."""
        overrides = options.pop("env", {})
        return Server(
            self.env(database, **overrides), self.root / f"{name}.log", app=app, **options
        ).start()

    def cleanup(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def prepare(
        self, database: Database, participants: int = 0, *, in_process: bool = False
    ) -> Database:
        """Migrate, import content/, and seed `participants` fake participants (timed)."""
        if in_process or self.in_process:  # no new interpreter to start and app to import
            from bench.prepare import preparation, run_commands
            from challenge import create_app
            from challenge.extensions import db

            app = create_app(
                {"DATABASE_URL": database.url, "SECRET_KEY": self.secret_key, "TESTING": True}
            )
            seconds = run_commands(app, preparation(participants))
            with app.app_context():
                db.engine.dispose()
            database.seed_seconds = seconds.get("demo seed")
            return database
        done = subprocess.run(  # noqa: S603 - our own module
            [PYTHON, "-m", "bench.prepare", str(participants)],
            cwd=PROJECT_ROOT,
            env=self.env(database),
            capture_output=True,
            text=True,
            timeout=4 * 3600,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"preparing {database.kind} failed:\n{done.stdout}\n{done.stderr}")
        database.seed_seconds = json.loads(done.stdout.strip().splitlines()[-1]).get("demo seed")
        return database


def http_get(url: str, timeout: float = 5.0) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Accept-Language": "en"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - local
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


class Server:
    """gunicorn serving `app` (the platform, or the bare baseline) on a free port of 127.0.0.1."""

    def __init__(
        self,
        env: dict[str, str],
        log_path: Path,
        *,
        app: str = "wsgi:app",
        workers: int = 4,
        worker_class: str | None = None,  # gunicorn.conf.py's
        threads: int = 1,
        preload: bool = False,
        backlog: int = 2048,  # gunicorn's default: connections queued while every worker is busy
    ):
        self.env, self.log_path, self.app = env, log_path, app
        self.backlog = backlog
        self.workers, self.worker_class, self.threads = workers, worker_class, threads
        self.preload = preload
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def command(self) -> list[str]:
        return [
            GUNICORN,
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(self.workers),
            *(["--worker-class", self.worker_class] if self.worker_class else []),
            "--threads",
            str(self.threads),
            "--backlog",
            str(self.backlog),
            "--timeout",
            "30",
            "--graceful-timeout",
            "10",
            "--log-level",
            "warning",
            *(["--preload"] if self.preload else []),
            self.app,
        ]

    def start(self, timeout: float = 120) -> "Server":
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(  # noqa: S603 - our own command line
                self.command(),
                cwd=PROJECT_ROOT,
                env={**self.env, "PUBLIC_URL": self.base_url},
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, so stop() ends it and only it
            )
        self.wait_until_serving(timeout)
        self.wait_for_workers(self.workers, timeout)
        return self

    def wait_until_serving(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self.log_tail()}")
            try:
                if http_get(self.base_url + "/healthz", timeout=2)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not serve within {timeout} s:\n{self.log_tail()}")

    def worker_pids(self) -> list[int]:
        """The master's children (Linux /proc)."""
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(fields[1]) == self.process.pid:
                pids.append(int(stat.parent.name))
        return sorted(pids)

    def wait_for_workers(self, count: int, timeout: float) -> list[int]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pids = self.worker_pids()
            if len(pids) >= count:
                return pids
            time.sleep(0.1)
        raise RuntimeError(f"{count} workers not running after {timeout} s:\n{self.log_tail()}")

    def kill_worker(self) -> int:
        """SIGKILL one worker, as the kernel's OOM killer would; the master starts another."""
        pid = self.worker_pids()[0]
        os.kill(pid, signal.SIGKILL)
        return pid

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log_text().splitlines()[-lines:])

    def __enter__(self) -> "Server":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def discover_slugs(base_url: str, locale: str = "en") -> dict[str, list[str]]:
    """The published pledges, lessons and quizzes, read from the site's own index pages."""
    slugs = {}
    for kind in ("pledges", "lessons", "quizzes"):
        status, body = http_get(f"{base_url}/{locale}/{kind}/")
        if status != 200:
            raise RuntimeError(f"/{locale}/{kind}/ answered {status}")
        found = re.findall(rf'href="/{locale}/{kind}/([a-z0-9-]+)"', body.decode())
        slugs[kind] = list(dict.fromkeys(found))
    return slugs
