"""A private PostgreSQL cluster that the fault test may restart.

Other people's tests use the machine's shared server all the time, so it is never restarted: this
starts a cluster of our own in a temporary folder on a free port (initdb and pg_ctl; as the
`postgres` user when we are root, since initdb refuses to run as root), restarts it on demand, and
removes it afterwards.
"""

import contextlib
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from bench.harness import free_port


class ClusterUnavailable(Exception):
    """This machine cannot run a private cluster (no initdb, or no `postgres` user as root)."""


def server_binaries() -> Path:
    """The folder of initdb and pg_ctl: on PATH, or Debian's newest /usr/lib/postgresql/*/bin."""
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(os.path.realpath(on_path)).parent
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda path: int(Path(path).parent.parent.name),
    )
    if not candidates:
        raise ClusterUnavailable("initdb not found (apt-get install postgresql)")
    return Path(candidates[-1]).parent


class PrivateCluster:
    def __init__(self, settings: dict[str, str] | None = None):
        self.settings = settings or {}  # more server settings (-c name=value)
        self.bin = server_binaries()
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            try:
                self.owner = pwd.getpwnam("postgres")
            except KeyError:
                raise ClusterUnavailable("running as root and there is no postgres user") from None
        self.root = Path(tempfile.mkdtemp(prefix="qcc-private-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        self.restarts = 0

    @property
    def admin_url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def database_url(self, name: str) -> str:
        """A database on this cluster, for SQLAlchemy (deploy.stack creates it when missing)."""
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{name}"

    def _run(self, *command: str, timeout: float = 120) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_postgres else []
        # Output to a file, not a pipe: the server pg_ctl starts would hold a pipe open for ever.
        with tempfile.TemporaryFile("w+") as output:
            done = subprocess.run(  # noqa: S603 - fixed commands
                [*prefix, *command],
                stdout=output,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                timeout=timeout,
                cwd=self.root,
                check=False,
            )
            if done.returncode != 0:
                output.seek(0)
                raise ClusterUnavailable(f"{Path(command[0]).name} failed:\n{output.read()}")

    def _pg_ctl(self, action: str, *extra: str) -> None:
        log = ("-l", str(self.root / "server.log")) if action in ("start", "restart") else ()
        self._run(
            str(self.bin / "pg_ctl"), action, "-D", str(self.data), "-w", "-t", "60", *log, *extra
        )

    def start(self) -> "PrivateCluster":
        if self.as_postgres:
            os.chown(self.root, self.owner.pw_uid, self.owner.pw_gid)
        self._run(
            str(self.bin / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-sync",
            "--no-instructions",
        )
        options = " ".join(
            (
                f"-p {self.port}",
                "-c listen_addresses=127.0.0.1",
                f"-c unix_socket_directories={self.root}",
                "-c max_connections=200",
                "-c shared_buffers=64MB",
                *(f"-c {name}={value}" for name, value in self.settings.items()),
            )
        )
        self._pg_ctl("start", "-o", options)
        return self

    def restart(self, mode: str = "fast") -> float:
        """Stop (disconnecting every client, as a crash or a failover would) and start again;
        the seconds it was down. mode "immediate" is a crash: no checkpoint, the server recovers
        from its write-ahead log, so only what was flushed there survives."""
        started = time.perf_counter()
        self._pg_ctl("restart", "-m", mode)
        self.restarts += 1
        return time.perf_counter() - started

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            with contextlib.suppress(ClusterUnavailable):  # already gone
                self._pg_ctl("stop", "-m", "immediate")
        shutil.rmtree(self.root, ignore_errors=True)

    def log_tail(self, lines: int = 30) -> str:
        log = self.root / "server.log"
        return (
            "\n".join(log.read_text(errors="replace").splitlines()[-lines:]) if log.exists() else ""
        )

    def __enter__(self) -> "PrivateCluster":
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc) -> None:
        self.stop()
