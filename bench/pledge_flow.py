"""`python -m bench.pledge_flow`: CPU milliseconds of each step of a pledge, in one process, with
and without the kept thank-you page (challenge/pledges/thanks.py).

Each pledge is a new visitor: opens the pledge (from the page cache), sends the form with its CSRF
token, then opens the thank-you page with the participant cookie just set. Both variants run in
alternation in the same process, so the comparison holds on a busy machine (bench/cpu.py's method).
Uses a temporary SQLite database with content/ imported and 1,000 participants.
"""

import argparse
import contextlib
import re
import time

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


def one_pledge(app, slug: str, spent: dict[str, float]) -> None:
    client = app.test_client()
    url = f"/en/pledges/{slug}"

    def timed(step: str, send):
        started = time.process_time()
        response = send()
        spent[step] += time.process_time() - started
        return response

    page = timed("form", lambda: client.get(url))
    token = TOKEN.search(page.text).group(1)
    form = {"csrf_token": token, "country": "IN", "display_name": "", "homepage": ""}
    sent = timed("post", lambda: client.post(url, data=form))
    if sent.status_code != 302:
        raise RuntimeError(f"the pledge was refused: HTTP {sent.status_code}")
    thanks = timed("thanks", lambda: client.get(sent.headers["Location"]))
    if thanks.status_code != 200:
        raise RuntimeError(f"no thank-you page: HTTP {thanks.status_code}")


def measure(app, slug: str, pledges: int) -> dict[str, float]:
    spent = dict.fromkeys(STEPS, 0.0)
    for _ in range(pledges):
        one_pledge(app, slug, spent)
    return {step: seconds / pledges * 1000 for step, seconds in spent.items()}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(prog="python -m bench.pledge_flow", description=__doc__)
    parser.add_argument("--pledges", type=int, default=200, help="per variant and round")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)

    from bench.prepare import in_process_app

    limits = {
        "RATE_LIMIT_WRITES": "1000000 per minute",
        "RATE_LIMIT_PARTICIPANT": "1000000 per minute",
    }
    app, slug = in_process_app("pledge-flow", 1000, limits)
    measure(app, slug, 5)  # warm both paths
    runs: dict[str, list[dict]] = {"rendered each time": [], "kept": []}
    for _ in range(args.rounds):
        with thank_you_page_rendered_each_time():
            runs["rendered each time"].append(measure(app, slug, args.pledges))
        runs["kept"].append(measure(app, slug, args.pledges))
    medians = {
        variant: {step: sorted(run[step] for run in found)[len(found) // 2] for step in STEPS}
        for variant, found in runs.items()
    }
    print("| thank-you page | form ms | POST ms | thank-you ms | thank-you ÷ POST |")
    print("| --- | --- | --- | --- | --- |")
    for variant, figures in medians.items():
        cells = " | ".join(f"{figures[step]:.2f}" for step in STEPS)
        print(f"| {variant} | {cells} | {figures['thanks'] / figures['post']:.2f} |")
    return medians


if __name__ == "__main__":
    main()
