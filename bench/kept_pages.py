"""`python -m bench.kept_pages`: CPU microseconds of an answer from the page cache, in one process.

What a first-time visitor costs the app once a page is kept (challenge/caching/pages.py): a pledge
page, whose form needs a fresh CSRF token and the session cookie that holds it, and a leaderboard,
which needs neither. The WSGI app is called directly with a browser's environ, so gunicorn's and
the network's costs are left out. Uses a temporary SQLite database with content/ imported.
"""

import argparse
import io
import time


def environ(path: str) -> dict:
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": io.StringIO(),
        "HTTP_HOST": "127.0.0.1:8000",
        "HTTP_ACCEPT_ENCODING": "gzip, deflate, br",
        "HTTP_ACCEPT_LANGUAGE": "en",
        "HTTP_USER_AGENT": "qcc-bench",
    }


def microseconds(app, path: str, answers: int) -> float:
    def start_response(status, headers, exc_info=None):
        if not status.startswith("200 "):
            raise RuntimeError(f"{path}: {status}")

    started = time.process_time()
    for _ in range(answers):
        b"".join(app(environ(path), start_response))
    return (time.process_time() - started) / answers * 1e6


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(prog="python -m bench.kept_pages", description=__doc__)
    parser.add_argument("--answers", type=int, default=3000, help="per page and round")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)

    from bench.prepare import in_process_app

    # Kept for the whole run.
    app, pledge = in_process_app("kept-pages", 100, {"PAGE_CACHE_SECONDS": 3600})
    pages = {
        "pledge page": f"/en/pledges/{pledge}",
        "country leaderboard": "/en/leaderboards/countries",
    }
    runs: dict[str, list[float]] = {label: [] for label in pages}
    for path in pages.values():
        microseconds(app, path, 50)  # renders and keeps the page
    for _ in range(args.rounds):
        for label, path in pages.items():
            runs[label].append(microseconds(app, path, args.answers))
    medians = {label: sorted(found)[len(found) // 2] for label, found in runs.items()}
    print("| kept page | CPU µs per answer (median of rounds) |")
    print("| --- | --- |")
    for label, figure in medians.items():
        print(f"| {label} | {figure:.1f} |")
    return medians


if __name__ == "__main__":
    main()
