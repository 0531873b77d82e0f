"""The user flows under load, for Locust: `locust -f bench/locustfile.py --headless --host URL`.

Visitors do what people do: open the pledge or the quiz, fill in its form, send it (with the
`Origin` of the site, as a browser does: the app refuses cross-site writes,
challenge/cross_origin.py) and follow the redirect. Readers ask for pledge, leaderboard and lesson
pages. Every write the site acknowledged (a 302 to the thank-you page or the quiz result, or
"already done") is appended to BENCH_ACKNOWLEDGED as a JSON line [kind, participant cookie, slug,
attempt id], for bench.verify to look up in the database afterwards.

Settings come from the environment (bench/loadtest.py sets them): BENCH_SLUGS (JSON of the
pledges, lessons and quizzes), BENCH_ACKNOWLEDGED, and BENCH_USERS (JSON: how many users of each
class). Each user keeps a constant pace (`constant_throughput`: a pledge or a quiz a second, ten
reads a second), so a fixed count of users makes a fixed arrival rate: 100 pledge takers and 100
readers are the viral moment's 100 pledges/s and 1,000 reads/s.

Edition check-ins (the editions issue) have their own user class, EditionCheckIn, run by
bench/check_ins.py on the edition BENCH_EDITION.
"""

import json
import os
import random
import threading
import urllib.parse

from locust import HttpUser, constant, constant_throughput, task

from bench.forms import Form, forms

PARTICIPANT_COOKIE = "qcc_participant"
COUNTRIES = ("IN", "IN", "IN", "US", "JP", "AU", "GB", "ID", "PH", "NZ")
SLUGS = json.loads(os.environ.get("BENCH_SLUGS", '{"pledges": [], "lessons": [], "quizzes": []}'))
ACKNOWLEDGED = os.environ.get("BENCH_ACKNOWLEDGED", "")
_written = threading.Lock()


def acknowledge(kind: str, cookie: str | None, slug: str, attempt_id: int | None = None) -> None:
    if not ACKNOWLEDGED:
        return
    with _written, open(ACKNOWLEDGED, "a") as out:
        out.write(json.dumps([kind, cookie, slug, attempt_id]) + "\n")


def page_form(text: str, action_suffix: str) -> Form | None:
    return next((f for f in forms(text) if f.action.endswith(action_suffix)), None)


class Visitor(HttpUser):
    abstract = True

    def on_start(self) -> None:
        self.client.headers.update({"Accept-Language": "en", "Accept-Encoding": "gzip"})
        self.origin = self.host.rstrip("/")

    def post_form(self, path: str, fields: list[tuple[str, str]], name: str):
        return self.client.post(
            path,
            data=urllib.parse.urlencode(fields),
            headers={"Origin": self.origin, "Content-Type": "application/x-www-form-urlencoded"},
            allow_redirects=False,
            name=name,
            catch_response=True,
        )

    def country(self, form: Form) -> list[tuple[str, str]]:
        return [("country", random.choice(COUNTRIES))] if "country" in form.selects else []  # noqa: S311


class PledgeTaker(Visitor):
    """A new visitor who takes the viral pledge (the first one listed) and sees the thank-you page."""

    wait_time = constant_throughput(1)

    @task
    def pledge(self) -> None:
        self.client.cookies.clear()  # each pledge is a new visitor
        slug = SLUGS["pledges"][0]
        path = f"/en/pledges/{slug}"
        page = self.client.get(path, name="pledge form")
        form = page_form(page.text, path) if page.ok else None
        if form is None:
            return
        fields = [
            *form.hidden.items(),
            *self.country(form),
            ("display_name", ""),
            ("join_code", ""),
        ]
        with self.post_form(path, fields, "pledge post") as answer:
            location = answer.headers.get("Location", "")
            # 302 to the thank-you page; 200 "you already took it" for a form sent twice.
            if (answer.status_code == 302 and location.endswith("/thanks")) or answer.ok:
                answer.success()
                acknowledge("pledge", self.client.cookies.get(PARTICIPANT_COOKIE), slug)
            else:
                answer.failure(f"HTTP {answer.status_code} {location}")
                return
        if answer.status_code == 302:
            self.client.get(urllib.parse.urlsplit(location).path, name="pledge thanks")


class QuizTaker(Visitor):
    """A new visitor who takes a quiz, with its one-time attempt id, and lands on the result."""

    wait_time = constant_throughput(1)

    @task
    def quiz(self) -> None:
        self.client.cookies.clear()
        slug = random.choice(SLUGS["quizzes"])  # noqa: S311
        path = f"/en/quizzes/{slug}"
        page = self.client.get(path, name="quiz page")
        form = page_form(page.text, path) if page.ok else None
        if form is None:
            return
        fields = list(form.hidden.items())
        for name, (kind, values) in form.choices.items():
            picked = (
                [random.choice(values)]  # noqa: S311
                if kind == "radio"
                else random.sample(values, random.randint(1, len(values)))  # noqa: S311
            )
            fields += [(name, value) for value in picked]
        fields += self.country(form)
        with self.post_form(path, fields, "quiz post") as answer:
            attempt = answer.headers.get("Location", "").rstrip("/").rsplit("/", 1)[-1]
            if answer.status_code == 302 and attempt.isdigit():
                answer.success()
                cookie = self.client.cookies.get(PARTICIPANT_COOKIE)
                acknowledge("quiz", cookie, slug, int(attempt))
            elif answer.status_code == 409:  # this attempt was already saved: sent twice
                answer.success()
            else:
                answer.failure(f"HTTP {answer.status_code}")


class Reader(Visitor):
    """First-time readers of the pledge, leaderboard and lesson pages the viral moment draws."""

    wait_time = constant_throughput(10)

    def read(self, path: str, name: str) -> None:
        self.client.cookies.clear()
        self.client.get(path, name=name)

    @task(45)
    def viral_pledge(self) -> None:
        self.read(f"/en/pledges/{SLUGS['pledges'][0]}", "pledge page")

    @task(10)
    def other_pledge(self) -> None:
        self.read(f"/en/pledges/{random.choice(SLUGS['pledges'])}", "pledge page")  # noqa: S311

    @task(5)
    def pledge_list(self) -> None:
        self.read("/en/pledges/", "pledge list")

    @task(25)
    def leaderboard(self) -> None:
        self.read("/en/leaderboards/countries", "country leaderboard")

    @task(15)
    def leaderboard_api(self) -> None:
        self.read("/api/v1/leaderboards/countries", "leaderboard API")

    @task(5)
    def lesson(self) -> None:
        self.read(f"/en/lessons/{random.choice(SLUGS['lessons'])}", "lesson page")  # noqa: S311


EDITION = os.environ.get("BENCH_EDITION", "")
FIRST_DAY_TASK, SECOND_DAY_TASK = "update-devices", "mfa-email"  # quad-cyber-challenge-2023's


class EditionCheckIn(Visitor):
    """A new visitor of the running edition: opens its page as a newcomer (no cookie: the page
    every visitor shares, which a shared cache keeps), ticks day 1's task with their country (the
    check-in that makes them a participant), then day 2's, following each redirect to the page
    as it is for them. Each acknowledged check-in (a 303 back to the page) is a JSON line."""

    wait_time = constant_throughput(1)

    def check_in(self, action: str, fields: list[tuple[str, str]], name: str) -> bool:
        path = f"/en/editions/{EDITION}/actions/{action}"
        with self.post_form(path, [*fields, ("homepage", "")], name) as answer:
            if answer.status_code != 303:
                answer.failure(f"HTTP {answer.status_code}")
                return False
            answer.success()
        acknowledge("check-in", self.client.cookies.get(PARTICIPANT_COOKIE), action)
        self.client.get(f"/en/editions/{EDITION}", name="edition page (participant)")
        return True

    @task
    def take_part(self) -> None:
        self.client.cookies.clear()
        with self.client.get(
            f"/en/editions/{EDITION}", name="edition page (newcomer)", catch_response=True
        ) as page:
            if page.status_code != 200 or "s-maxage" not in page.headers.get("Cache-Control", ""):
                page.failure(f"HTTP {page.status_code}, not shareable by a cache")
                return
            page.success()
        country = random.choice(COUNTRIES)  # noqa: S311
        if self.check_in(FIRST_DAY_TASK, [("country", country)], "first check-in"):
            self.check_in(SECOND_DAY_TASK, [], "check-in")


# The fault test asks as fast as it is answered (closed loop) instead: BENCH_CLOSED_LOOP=1.
if os.environ.get("BENCH_CLOSED_LOOP"):
    for _paced in (PledgeTaker, QuizTaker, Reader, EditionCheckIn):
        _paced.wait_time = constant(0)

for _user_class, _count in json.loads(os.environ.get("BENCH_USERS", "{}")).items():
    globals()[_user_class].fixed_count = _count
