"""`python -m bench.pledge_flow`: CPU milliseconds of each step of a pledge, in one process, with
and without the kept thank-you page (challenge/pledges/thanks.py).

Each pledge is a new visitor: opens the pledge (from the page cache), sends the form with its CSRF
token, then opens the thank-you page with the participant cookie just set. Both variants run in
alternation in the same process, so the comparison holds on a busy machine (bench/cpu.py's method).
Uses a new database with content/ imported and 1,000 participants: SQLite in a temporary folder,
or with `--db postgresql` a database of its own on the shared server (bench.harness), dropped
afterwards; then the server's CPU per pledge is measured too (its processes, read from /proc: the
server must run on this machine).
"""

import argparse
import contextlib
import os
import re
import time
from pathlib import Path

STEPS = ("form", "post", "thanks")
TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


@contextlib.contextmanager
def thank_you_page_rendered_each_time():
    """The code as it was: the whole thank-you page rendered on every visit."""
    from flask import render_template

    from challenge.pledges import thanks, views

    kept = views.thank_you_page

    def render(pledge, count):
        sentence = thanks.count_sentence(count)
        return render_template(thanks.TEMPLATE, pledge=pledge, count_sentence=sentence)

    views.thank_you_page = render
    try:
        yield
    finally:
        views.thank_you_page = kept


VARIANTS = {"rendered each time": thank_you_page_rendered_each_time, "kept": contextlib.nullcontext}


def server_cpu_seconds() -> float:
    """CPU seconds used so far by this machine's PostgreSQL processes."""
    ticks = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            stat = (entry / "stat").read_text()
            name, _, rest = stat.partition("(")[2].rpartition(")")
            if name == "postgres":
                fields = rest.split()
                ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def one_pledge(app, slug: str, spent: dict[str, float]) -> None:
    client = app.test_client()
    url = f"/en/pledges/{slug}"

    def timed(step: str, send):
        started = time.process_time()
        response = send()
        spent[step] += time.process_time() - started
        return response

    page = timed("form", lambda: client.get(url))
    found = TOKEN.search(page.text)  # none on a shared page (challenge/cross_origin.py)
    form = {"country": "IN", "display_name": "", "homepage": ""}
    if found:
        form["csrf_token"] = found.group(1)
    sent = timed("post", lambda: client.post(url, data=form))
    if sent.status_code != 302:
        raise RuntimeError(f"the pledge was refused: HTTP {sent.status_code}")
    thanks = timed("thanks", lambda: client.get(sent.headers["Location"]))
    if thanks.status_code != 200:
        raise RuntimeError(f"no thank-you page: HTTP {thanks.status_code}")


def measure(app, slug: str, pledges: int, server: bool = False) -> dict[str, float]:
    spent = dict.fromkeys(STEPS, 0.0)
    started = server_cpu_seconds() if server else 0.0
    for _ in range(pledges):
        one_pledge(app, slug, spent)
    figures = {step: seconds / pledges * 1000 for step, seconds in spent.items()}
    if server:
        figures["server"] = (server_cpu_seconds() - started) / pledges * 1000
    return figures


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(prog="python -m bench.pledge_flow", description=__doc__)
    parser.add_argument("--pledges", type=int, default=200, help="per variant and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    args = parser.parse_args(argv)

    from bench.harness import postgres_database
    from bench.prepare import close_connections, in_process_app

    limits = {
        "RATE_LIMIT_WRITES": "1000000 per minute",
        "RATE_LIMIT_PARTICIPANT": "1000000 per minute",
    }
    database = postgres_database(prefix="pledge_flow") if args.db == "postgresql" else None
    server, app = database is not None, None
    try:
        app, slug = in_process_app("pledge-flow", 1000, limits, database and database.url)
        runs: dict[str, list[dict]] = {variant: [] for variant in VARIANTS}
        for _ in range(args.rounds + 1):  # the first round warms both paths
            for variant, code in VARIANTS.items():
                with code():
                    runs[variant].append(measure(app, slug, args.pledges, server))
    finally:
        if app is not None:
            close_connections(app)
        if database is not None:
            database.close()
    columns = [*STEPS, "server"] if server else list(STEPS)
    medians = {
        variant: {
            column: sorted(run[column] for run in found[1:])[len(found[1:]) // 2]
            for column in columns
        }
        for variant, found in runs.items()
    }
    server_cells = " server ms |" if server else ""
    print(f"| thank-you page | form ms | POST ms | thank-you ms |{server_cells} thank-you ÷ POST |")
    print("| --- " * (len(columns) + 2) + "|")
    for variant, figures in medians.items():
        cells = " | ".join(f"{figures[column]:.2f}" for column in columns)
        print(f"| {variant} | {cells} | {figures['thanks'] / figures['post']:.2f} |")
    return medians


if __name__ == "__main__":
    main()
