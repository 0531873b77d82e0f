"""`python -m bench.cpu`: CPU milliseconds per page, in one process, with and without the country
list caches (challenge/participation: the collated list per locale and the rendered <select>).

Wall-clock figures on a shared machine swing with other people's work; the CPU time a request
costs this process swings far less, and measuring both variants in alternation, in the same
process, makes the comparison fair. Uses a temporary SQLite database with content/ imported.
"""

import argparse
import contextlib
import tempfile
import time
from pathlib import Path

PAGES = (
    "/en/lessons/spotting-phishing",
    "/en/pledges/install-updates",
    "/en/quizzes/spotting-phishing",
    "/en/leaderboards/countries",
    "/en/",
)


@contextlib.contextmanager
def without_country_caches():
    """The code as it was before profiling: collate and render the country list every time."""
    from wtforms.widgets import Select

    from challenge.participation import forms

    cached_choices, cached_call = forms.country_choices, forms.CountrySelect.__call__
    forms.country_choices = cached_choices.__wrapped__
    forms.CountrySelect.__call__ = Select.__call__
    try:
        yield
    finally:
        forms.country_choices, forms.CountrySelect.__call__ = cached_choices, cached_call


def cpu_ms(client, path: str, repeat: int) -> float:
    client.get(path)  # warm
    started = time.process_time()
    for _ in range(repeat):
        # A first-time visitor each time: no cookies, so forms carry the country list.
        client.get(path).close()
        client._cookies.clear()
    return (time.process_time() - started) / repeat * 1000


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.cpu", description=__doc__)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    from bench.prepare import preparation, run_commands
    from challenge import create_app

    folder = Path(tempfile.mkdtemp(prefix="qcc-cpu-"))
    app = create_app(
        {"DATABASE_URL": f"sqlite:///{folder / 'cpu.db'}", "SECRET_KEY": "cpu", "TESTING": True}
    )
    run_commands(app, preparation(1000))
    client = app.test_client()
    figures: dict[str, dict[str, list[float]]] = {
        path: {"before": [], "after": []} for path in PAGES
    }
    for _ in range(args.rounds):
        for path in PAGES:
            with without_country_caches():
                figures[path]["before"].append(cpu_ms(client, path, args.repeat))
            figures[path]["after"].append(cpu_ms(client, path, args.repeat))
    print("| page | CPU ms without the caches | CPU ms with them | ratio |")
    print("| --- | --- | --- | --- |")
    for path, runs in figures.items():
        before, after = (
            sorted(runs["before"])[len(runs["before"]) // 2],
            sorted(runs["after"])[len(runs["after"]) // 2],
        )
        print(f"| {path} | {before:.1f} | {after:.1f} | {after / before:.2f}× |")


if __name__ == "__main__":
    main()
