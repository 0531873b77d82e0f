"""A burst of reminder sign-ups, for Locust (bench/reminders.py runs it): each user asks, at one
request a second, for the daily reminders of the edition BENCH_EDITION with a new address, as
the edition page's form sends it (an adult in Australia, with the site's `Origin`, as a browser does), until
BENCH_SIGNUPS addresses have been sent. Every address the site acknowledged (200, the "check
your inbox" page) is appended to BENCH_ACKNOWLEDGED, one a line."""

import itertools
import os
import threading
import urllib.parse

from locust import HttpUser, constant_throughput, task
from locust.exception import StopUser

EDITION = os.environ.get("BENCH_EDITION", "")
SIGNUPS = int(os.environ.get("BENCH_SIGNUPS", "0"))
ACKNOWLEDGED = os.environ.get("BENCH_ACKNOWLEDGED", "")
RUN = os.environ.get("BENCH_RUN", "run")  # in every address, so that runs never share one
_numbers = itertools.count()
_written = threading.Lock()


def acknowledge(address: str) -> None:
    if ACKNOWLEDGED:
        with _written, open(ACKNOWLEDGED, "a") as out:
            out.write(address + "\n")


class ReminderSignUp(HttpUser):
    wait_time = constant_throughput(1)

    def on_start(self) -> None:
        self.client.headers.update({"Accept-Language": "en", "Accept-Encoding": "gzip"})
        self.origin = self.host.rstrip("/")

    @task
    def sign_up(self) -> None:
        number = next(_numbers)
        if number >= SIGNUPS:
            raise StopUser
        address = f"reader{number}.{RUN}@example.org"
        with self.client.post(
            f"/en/editions/{EDITION}/reminders",
            data=urllib.parse.urlencode(
                [
                    ("age_band", "18-or-over"),
                    ("country", "AU"),
                    ("email", address),
                    ("homepage", ""),
                ]
            ),
            headers={"Origin": self.origin, "Content-Type": "application/x-www-form-urlencoded"},
            allow_redirects=False,
            name="reminder sign-up",
            catch_response=True,
        ) as answer:
            if answer.status_code == 200:
                answer.success()
                acknowledge(address)
            else:
                answer.failure(f"HTTP {answer.status_code}")
