"""The production topology, rendered: nginx in front of gunicorn hosts (docs/deployment.md).

    python -m deploy.stack run      # `make stack`: the whole stack on this machine (honcho)
    python -m deploy.stack prepare  # the same, without starting it: database, config, content
    python -m deploy.stack site --public-url https://cyberchallenge.example \\
        --upstream 10.0.0.11:8000 --upstream 10.0.0.12:8000 > /etc/nginx/sites-available/challenge

The local stack: nginx on 127.0.0.1:8080 (its own prefix under build/stack/, no root needed,
nothing under /etc/nginx written), two gunicorn "hosts" on 8001 and 8002, PostgreSQL and Redis.
"""

import argparse
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from challenge.config import PROJECT_ROOT, Config, normalise_database_url

NGINX_DIR = PROJECT_ROOT / "deploy" / "nginx"
PROCFILE = PROJECT_ROOT / "deploy" / "Procfile"
STATIC_ROOT = PROJECT_ROOT / "challenge" / "static"
# Debian's libnginx-mod-http-brotli-filter; without it the config simply has no brotli.
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so")

STACK_DEFAULTS = {
    "STACK_DIR": str(PROJECT_ROOT / "build" / "stack"),
    "STACK_PORT": "8080",
    "WEB_PORTS": "8001,8002",
    "DATABASE_URL": "postgresql+psycopg://postgres@127.0.0.1:5432/challenge_stack",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "REDIS_KEY_PREFIX": "qcc-stack",
    "EDGE_WRITE_RATE": "10r/s",
    "EDGE_WRITE_BURST": "50",
}


@dataclass
class Site:
    """What the site config (deploy/nginx/challenge.conf.j2) is rendered from."""

    public_url: str
    upstreams: list[str]
    cache_dir: str
    listen: list[str] | None = None  # from public_url when None
    static_root: str = str(STATIC_ROOT)
    brotli: bool = field(default_factory=BROTLI_MODULE.exists)
    write_rate: str = STACK_DEFAULTS["EDGE_WRITE_RATE"]
    write_burst: int = int(STACK_DEFAULTS["EDGE_WRITE_BURST"])
    tls_certificate: str | None = None
    tls_key: str | None = None

    def context(self) -> dict:
        public = urlsplit(self.public_url)
        if public.scheme not in ("http", "https") or not public.hostname or public.path.strip("/"):
            raise ValueError(f"the public URL {self.public_url!r} must be http(s)://host[:port]")
        tls = public.scheme == "https"
        if tls and not (self.tls_certificate and self.tls_key):
            raise ValueError("an https public URL needs a TLS certificate and key")
        if not self.upstreams:
            raise ValueError("at least one upstream (gunicorn host:port) is needed")
        port = public.port or (443 if tls else 80)
        return {
            "server_name": public.hostname,
            "public_netloc": public.netloc,
            "listen": self.listen or [str(port), f"[::]:{port}"],
            "plain_listen": ["80", "[::]:80"],
            "tls": {"certificate": self.tls_certificate, "key": self.tls_key} if tls else None,
            "upstreams": self.upstreams,
            "cache_dir": self.cache_dir,
            "static_root": str(Path(self.static_root).resolve()),
            "nginx_dir": str(NGINX_DIR),
            "brotli": self.brotli,
            "write_rate": self.write_rate,
            "write_burst": self.write_burst,
            "client_max_body_size": Config.MAX_CONTENT_LENGTH,
            "site_cookies": [
                Config.SESSION_COOKIE_NAME,
                Config.REMEMBER_COOKIE_NAME,
                "qcc_participant",
            ],
        }


def templates() -> Environment:
    return Environment(
        loader=FileSystemLoader(NGINX_DIR),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,  # noqa: S701 - nginx configuration, not HTML
    )


def render_site(site: Site) -> str:
    return templates().get_template("challenge.conf.j2").render(site.context())


@dataclass
class Stack:
    """The local stack's settings: the environment over STACK_DEFAULTS."""

    directory: Path
    port: int
    web_ports: list[int]
    database_url: str
    redis_url: str
    redis_key_prefix: str
    public_url: str
    write_rate: str
    write_burst: int
    extra_environment: dict[str, str] = field(default_factory=dict)
    # A benchmark's own access log format (bench/launch.py); the default format otherwise.
    access_log_format: str | None = None

    @classmethod
    def from_environment(cls, environ=os.environ) -> "Stack":
        value = {name: environ.get(name) or default for name, default in STACK_DEFAULTS.items()}
        port = int(value["STACK_PORT"])
        return cls(
            directory=Path(value["STACK_DIR"]).resolve(),
            port=port,
            web_ports=[int(part) for part in value["WEB_PORTS"].split(",") if part.strip()],
            database_url=normalise_database_url(value["DATABASE_URL"]),
            redis_url=value["REDIS_URL"],
            redis_key_prefix=value["REDIS_KEY_PREFIX"],
            public_url=environ.get("STACK_PUBLIC_URL") or f"http://127.0.0.1:{port}",
            write_rate=value["EDGE_WRITE_RATE"],
            write_burst=int(value["EDGE_WRITE_BURST"]),
        )

    @property
    def nginx_dir(self) -> Path:
        return self.directory / "nginx"

    @property
    def nginx_conf(self) -> Path:
        return self.nginx_dir / "nginx.conf"

    def site(self) -> Site:
        return Site(
            public_url=self.public_url,
            upstreams=[f"127.0.0.1:{port}" for port in self.web_ports],
            cache_dir=str(self.nginx_dir / "cache"),
            listen=[f"127.0.0.1:{self.port}"],
            write_rate=self.write_rate,
            write_burst=self.write_burst,
        )

    def render(self) -> Path:
        """Write nginx.conf and the site it includes under the stack's directory."""
        self.nginx_dir.mkdir(parents=True, exist_ok=True)
        site = self.site()
        site_conf = self.nginx_dir / "challenge.conf"
        site_conf.write_text(render_site(site))
        main = templates().get_template("stack.conf.j2")
        self.nginx_conf.write_text(
            main.render(
                run_dir=str(self.nginx_dir),
                site_conf=str(site_conf),
                brotli=site.brotli,
                brotli_module=str(BROTLI_MODULE),
                access_log_format=self.access_log_format,
            )
        )
        return self.nginx_conf

    def environment(self) -> dict[str, str]:
        """The app's settings on every host: one database, one Redis, one proxy in front."""
        return {
            "PUBLIC_URL": self.public_url,
            "DATABASE_URL": self.database_url,
            "REDIS_URL": self.redis_url,
            "REDIS_KEY_PREFIX": self.redis_key_prefix,
            "PROXY_COUNT": "1",  # exactly nginx; docs/deployment.md
            "SESSION_COOKIE_SECURE": "false" if self.public_url.startswith("http:") else "true",
            **self.extra_environment,
        }

    def nginx_command(self) -> list[str]:
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        # -e: the error log before the config is read (the default, /var/log/nginx, needs root).
        return [nginx, "-p", str(self.nginx_dir), "-c", str(self.nginx_conf), "-e", "stderr"]

    def web_command(self, port: int) -> list[str]:
        """One gunicorn host (gunicorn.conf.py), with a control socket of its own, so that two
        on one machine do not clash at gunicorn's default path."""
        return [
            sys.executable,
            "-m",
            "gunicorn",
            "--bind",
            f"127.0.0.1:{port}",
            "--control-socket",
            str(self.directory / f"gunicorn-{port}.ctl"),
            "wsgi:app",
        ]

    def worker_command(self) -> list[str]:
        """One job worker: mail, the periodic jobs, and the fold of the tally changes written
        behind into the public counts (challenge/participation/fold.py)."""
        return [sys.executable, "-m", "flask", "--app", "wsgi", "jobs", "worker"]


def nginx_available() -> str | None:
    return shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )


def create_database_if_missing(url: str) -> None:
    """A PostgreSQL database named in `url`, created on its server when it is not there yet."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    target = make_url(url)
    if not target.get_backend_name().startswith("postgresql"):
        return
    engine = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            exists = connection.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": target.database}
            ).scalar()
            if not exists:
                quoted = connection.dialect.identifier_preparer.quote(target.database)
                connection.execute(text(f"CREATE DATABASE {quoted}"))
                print(f"Created the database {target.database}")
    finally:
        engine.dispose()


def flask(stack: Stack, *arguments: str) -> None:
    command = [sys.executable, "-m", "flask", "--app", "wsgi", *arguments]
    subprocess.run(command, cwd=PROJECT_ROOT, env={**os.environ, **stack.environment()}, check=True)  # noqa: S603


def write_env_file(stack: Stack) -> Path:
    """honcho's .env: the app's settings and the ports the Procfile's commands use."""
    values = {
        **stack.environment(),
        "NGINX": stack.nginx_command()[0],
        "NGINX_PREFIX": str(stack.nginx_dir),
        "PYTHON": sys.executable,
        "STACK_DIR": str(stack.directory),
        **{f"WEB{number}_PORT": str(port) for number, port in enumerate(stack.web_ports, 1)},
    }
    env_file = stack.directory / "stack.env"
    env_file.write_text("".join(f"{name}={value}\n" for name, value in values.items()))
    return env_file


def prepare(stack: Stack) -> Path:
    if nginx_available() is None:
        sys.exit("nginx is not installed: apt-get install nginx libnginx-mod-http-brotli-filter")
    stack.directory.mkdir(parents=True, exist_ok=True)
    stack.render()
    subprocess.run([*stack.nginx_command(), "-t", "-q"], check=True)  # noqa: S603
    create_database_if_missing(stack.database_url)
    flask(stack, "translate", "compile")
    flask(stack, "db", "upgrade")
    flask(stack, "content", "sync")
    return write_env_file(stack)


def run(stack: Stack) -> None:
    if len(stack.web_ports) != 2:
        sys.exit("deploy/Procfile runs two gunicorn hosts: give WEB_PORTS two ports")
    env_file = prepare(stack)
    print(
        f"The stack: {stack.public_url}/ through nginx to gunicorn on ports "
        f"{', '.join(map(str, stack.web_ports))} (Ctrl+C stops it; logs in {stack.nginx_dir})"
    )
    honcho = [sys.executable, "-m", "honcho", "--procfile", str(PROCFILE)]
    honcho += ["--app-root", str(PROJECT_ROOT), "--env", str(env_file), "start"]
    os.execv(sys.executable, honcho)  # noqa: S606 - fixed arguments


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m deploy.stack",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("run", help="the whole stack on this machine (make stack)")
    commands.add_parser("prepare", help="database, migrations, content and nginx config only")
    site = commands.add_parser("site", help="print the nginx site config for a production host")
    site.add_argument(
        "--public-url",
        default=os.environ.get("PUBLIC_URL"),
        required=not os.environ.get("PUBLIC_URL"),
    )
    site.add_argument(
        "--upstream", action="append", required=True, help="gunicorn host:port (repeat)"
    )
    site.add_argument("--static-root", default=str(STATIC_ROOT))
    site.add_argument("--cache-dir", default="/var/cache/nginx/challenge")
    site.add_argument("--tls-certificate")
    site.add_argument("--tls-key")
    site.add_argument("--write-rate", default=STACK_DEFAULTS["EDGE_WRITE_RATE"])
    site.add_argument("--write-burst", type=int, default=int(STACK_DEFAULTS["EDGE_WRITE_BURST"]))
    brotli = site.add_mutually_exclusive_group()
    brotli.add_argument("--brotli", dest="brotli", action="store_true", default=None)
    brotli.add_argument("--no-brotli", dest="brotli", action="store_false")
    arguments = parser.parse_args(argv)
    if arguments.command == "site":
        print(
            render_site(
                Site(
                    public_url=arguments.public_url,
                    upstreams=arguments.upstream,
                    cache_dir=arguments.cache_dir,
                    static_root=arguments.static_root,
                    brotli=BROTLI_MODULE.exists() if arguments.brotli is None else arguments.brotli,
                    write_rate=arguments.write_rate,
                    write_burst=arguments.write_burst,
                    tls_certificate=arguments.tls_certificate,
                    tls_key=arguments.tls_key,
                )
            ),
            end="",
        )
    elif arguments.command == "prepare":
        prepare(Stack.from_environment())
    else:
        run(Stack.from_environment())


if __name__ == "__main__":
    main()
