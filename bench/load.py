"""The load generator: a separate process, `python -m bench.load SPEC.json RESULT.json`.

It drives virtual browsers against one server, open loop (each stream starts flows at a fixed
rate, whatever the server does: the honest way to measure latency under a target load) or closed
loop (N clients, each starting its next flow when the last ends: for throughput and for the fault
test). Flows read pages, or fill in and post the pledge, lesson and quiz forms with their CSRF
tokens and one-time quiz ids. Every write the server confirmed is listed in the result (the
participant cookie and what it confirmed) so the database can be checked afterwards.

With `retry`, a flow that meets a refused or reset connection or a 5xx waits (Retry-After, capped)
and sends the same request again, as a person would press reload or resubmit the form.

With `reader` (rate and [label, path, weight] paths), plain page reads are sent by `bench.reader`
in a second process, which costs the machine less a request, and its records are merged in.
"""

import asyncio
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

from bench import reader as bench_reader
from bench.httpclient import MAX_IN_FLIGHT, Browser, Form, HTTPFailure, Response, forms
from bench.recorder import Recorder

PARTICIPANT_COOKIE = "qcc_participant"
RETRYABLE = {500, 502, 503, 504}
COUNTRIES = ("IN", "IN", "IN", "US", "JP", "AU", "GB", "ID", "PH", "NZ")


class FlowAbandoned(Exception):
    """A step got an answer the flow cannot continue from (it is counted as an error)."""


class Flow:
    """One visitor's steps, recorded under labels; with `retry`, failed steps are sent again."""

    def __init__(self, spec: dict, recorder: Recorder, rng: random.Random):
        self.recorder, self.rng = recorder, rng
        self.browser = Browser(spec["host"], spec["port"], timeout=spec.get("timeout", 30))
        self.browser.cookies.update(spec.get("cookies", {}))  # a returning visitor's, if given
        self.retry = spec.get("retry") or {}
        self.locale = spec.get("locale", "en")

    async def step(self, label: str, send, expected: set[int]) -> Response:
        attempts = self.retry.get("attempts", 1)
        for attempt in range(1, attempts + 1):
            wait = None
            try:
                response = await send()
            except HTTPFailure as failure:
                self.recorder.failure(label, str(failure))
                wait = self.retry.get("backoff", 0.2)
            else:
                ok = response.status in expected
                self.recorder.response(label, response, ok)
                if ok:
                    return response
                if response.status not in RETRYABLE:
                    raise FlowAbandoned(f"{label}: HTTP {response.status}")
                retry_after = response.header("retry-after") or ""
                wait = min(float(retry_after), 2.0) if retry_after.isdigit() else 0.2
            if attempt < attempts:
                await asyncio.sleep(wait * (1 + self.rng.random()))
        raise FlowAbandoned(f"{label}: gave up after {attempts} attempts")

    def participant_cookie(self) -> str | None:
        return self.browser.cookies.get(PARTICIPANT_COOKIE)

    def confirm(self, kind: str, slug: str, attempt_id: int | None = None) -> None:
        self.recorder.confirmed.append([kind, self.participant_cookie(), slug, attempt_id])

    def page_form(self, page: Response, action_suffix: str) -> Form:
        for form in forms(page.text):
            if form.action.endswith(action_suffix):
                return form
        raise FlowAbandoned(f"no form posting to …{action_suffix}")

    def country_field(self, form: Form) -> list[tuple[str, str]]:
        return [("country", self.rng.choice(COUNTRIES))] if "country" in form.selects else []

    async def read(self, label: str, path: str) -> None:
        await self.step(label, lambda: self.browser.get(path), {200})

    async def pledge(self, slug: str, *, thanks: bool = False) -> None:
        path = f"/{self.locale}/pledges/{slug}"
        page = await self.step("pledge form", lambda: self.browser.get(path), {200})
        form = self.page_form(page, path)
        fields = [
            ("csrf_token", form.hidden.get("csrf_token", "")),
            *self.country_field(form),
            ("display_name", ""),
            ("join_code", ""),
        ]
        self.recorder.writes_started += 1
        # 302 to the thank-you page; 200 is "you already took it" (a resubmitted form that had
        # been saved): both confirm the pledge is recorded.
        answer = await self.step("pledge post", lambda: self.browser.post(path, fields), {200, 302})
        if answer.status == 302 and not answer.location_path.endswith("/thanks"):
            raise FlowAbandoned(f"pledge post: redirected to {answer.location_path}")
        self.confirm("pledge", slug)
        if thanks and answer.status == 302:
            await self.read("pledge thanks", answer.location_path)

    async def lesson(self, slug: str) -> None:
        path = f"/{self.locale}/lessons/{slug}"
        page = await self.step("lesson page", lambda: self.browser.get(path), {200})
        form = self.page_form(page, "/done")
        fields = [("csrf_token", form.hidden.get("csrf_token", "")), *self.country_field(form)]
        self.recorder.writes_started += 1
        await self.step("lesson post", lambda: self.browser.post(form.action, fields), {302})
        self.confirm("lesson", slug)

    async def quiz(self, slug: str) -> None:
        path = f"/{self.locale}/quizzes/{slug}"
        page = await self.step("quiz page", lambda: self.browser.get(path), {200})
        form = self.page_form(page, path)
        fields = [(name, value) for name, value in form.hidden.items()]
        for name, (kind, values) in form.choices.items():
            picked = (
                [self.rng.choice(values)]
                if kind == "radio"
                else self.rng.sample(values, self.rng.randint(1, len(values)))
            )
            fields += [(name, value) for value in picked]
        fields += self.country_field(form)
        self.recorder.writes_started += 1
        # 409: this attempt's id was already used: a resubmitted form whose first send was saved.
        answer = await self.step("quiz post", lambda: self.browser.post(path, fields), {302, 409})
        if answer.status == 302:
            attempt_id = answer.location_path.rstrip("/").rsplit("/", 1)[-1]
            if not attempt_id.isdigit():
                raise FlowAbandoned(f"quiz post: redirected to {answer.location_path}")
            self.confirm("quiz", slug, int(attempt_id))


async def run_flow(coroutine, recorder: Recorder) -> None:
    try:
        await coroutine
    except FlowAbandoned:
        recorder.flows_abandoned += 1


def pick(rng: random.Random, weighted: list) -> list:
    return rng.choices(weighted, weights=[entry[-1] for entry in weighted])[0]


def flow_for(scenario: str, spec: dict, args: dict, recorder: Recorder, rng: random.Random):
    """The coroutine of one visitor for a scenario."""
    flow = Flow(spec, recorder, rng)
    if scenario == "read":
        label, path, _weight = pick(rng, args["paths"])
        return flow.read(label, path)
    if scenario == "pledge":
        return flow.pledge(rng.choice(args["pledges"]), thanks=args.get("thanks", False))
    if scenario == "participate":
        return participate(flow, args, rng)
    raise ValueError(f"unknown scenario {scenario!r}")


async def participate(flow: Flow, args: dict, rng: random.Random) -> None:
    """A visitor who takes a pledge, reads two lessons and takes a quiz, in a random order."""
    steps = [
        ("pledge", rng.choice(args["pledges"])),
        *(("lesson", slug) for slug in rng.sample(args["lessons"], 2)),
        ("quiz", rng.choice(args["quizzes"])),
    ]
    rng.shuffle(steps)
    for kind, slug in steps:
        if args.get("writes_left") is not None:
            if args["writes_left"] <= 0:
                return
            args["writes_left"] -= 1
        await getattr(flow, kind)(slug)


async def open_loop(spec: dict, recorder: Recorder, deadline: float) -> dict:
    """Each stream starts flows at its own fixed rate until the deadline."""
    loop = asyncio.get_running_loop()
    rng = random.Random(spec.get("seed", 1))  # noqa: S311 - load shapes, not secrets
    tasks: set[asyncio.Task] = set()
    lag_ms: list[float] = []
    not_started = Counter()
    max_in_flight = spec.get("max_in_flight", MAX_IN_FLIGHT)

    async def stream(entry: dict) -> None:
        interval, n, start = 1 / entry["rate"], 0, loop.time()
        while True:
            due = start + n * interval
            if due >= deadline:
                return
            delay = due - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
            else:
                lag_ms.append(-delay * 1000)
            n += 1
            if len(tasks) >= max_in_flight:
                not_started[entry["name"]] += 1
                continue
            coroutine = flow_for(entry["scenario"], spec, entry.get("args", {}), recorder, rng)
            task = asyncio.create_task(run_flow(coroutine, recorder))
            tasks.add(task)
            task.add_done_callback(tasks.discard)

    await asyncio.gather(*(stream(entry) for entry in spec["streams"]))
    if tasks:
        await asyncio.wait(set(tasks), timeout=spec.get("timeout", 30) * 2)
    lag_ms.sort()
    return {
        "not_started_over_in_flight_cap": dict(not_started),
        "late_starts": len(lag_ms),
        "start_lag_p99_ms": lag_ms[int(len(lag_ms) * 0.99)] if lag_ms else 0.0,
    }


async def closed_loop(spec: dict, recorder: Recorder, deadline: float) -> dict:
    """`concurrency` clients, each starting a new flow as soon as its last one ended."""
    loop = asyncio.get_running_loop()
    args = dict(spec.get("args", {}))
    if spec.get("total_writes"):
        args["writes_left"] = spec["total_writes"]

    async def client(number: int) -> None:
        rng = random.Random(spec.get("seed", 1) * 1000 + number)  # noqa: S311 - load shapes
        turn = number
        # With `cycle`, each client also goes at least once round every path, however slow.
        least = number + len(args.get("paths", ())) if args.get("cycle") else number

        def going() -> bool:
            return (loop.time() < deadline or turn < least) and args.get("writes_left", 1) > 0

        while going():
            if args.get("cycle"):  # every path in turn, so each gets its share of samples
                label, path, _weight = args["paths"][turn % len(args["paths"])]
                coroutine = Flow(spec, recorder, rng).read(label, path)
            else:
                coroutine = flow_for(spec["scenario"], spec, args, recorder, rng)
            await run_flow(coroutine, recorder)
            turn += 1

    await asyncio.gather(*(client(n) for n in range(spec["concurrency"])))
    return {}


async def report_progress(recorder: Recorder) -> None:
    while True:
        await asyncio.sleep(0.5)
        line = {
            "elapsed": round(time.perf_counter() - recorder.started, 2),
            "writes_started": recorder.writes_started,
            "confirmed": len(recorder.confirmed),
        }
        print(json.dumps(line), flush=True)


async def run(spec: dict, folder: Path | None = None) -> dict:
    recorder = Recorder()
    reader = bench_reader.start(spec, folder) if spec.get("reader") else None
    loop = asyncio.get_running_loop()
    deadline = loop.time() + spec["duration"]
    progress = asyncio.create_task(report_progress(recorder))
    try:
        if spec["mode"] == "open":
            generator = await open_loop(spec, recorder, deadline)
        else:
            generator = await closed_loop(spec, recorder, deadline)
    finally:
        progress.cancel()
        if reader is not None:
            read = await asyncio.to_thread(bench_reader.result, *reader)
    elapsed = time.perf_counter() - recorder.started
    if reader is not None:
        recorder.merge(read["raw"])
        generator["reader"] = read["generator"]
    window = spec["duration"] if spec["mode"] == "open" else elapsed
    result = recorder.result(window, spec.get("groups", {}))
    return result | {"generator": generator, "elapsed_s": elapsed}


def main(argv: list[str]) -> int:
    spec_path, result_path = argv
    with open(spec_path) as handle:
        spec = json.load(handle)
    import uvloop

    result = uvloop.run(run(spec, Path(result_path).parent))
    with open(result_path, "w") as handle:
        json.dump(result, handle)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
