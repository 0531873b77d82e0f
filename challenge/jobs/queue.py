"""The huey instance of an app: RedisHuey when REDIS_URL is set, SqliteHuey in the instance
folder otherwise (the embedded default), in-process with JOBS_IMMEDIATE (tests). huey carries
only job ids; the jobs table says what each is and how it went."""

from pathlib import Path

from flask import Flask
from huey import RedisHuey, SqliteHuey, crontab

from challenge.jobs import runner
from challenge.jobs.registry import PERIODIC


class Queue:
    def __init__(self, app: Flask):
        config = app.config
        name = f"{config['REDIS_KEY_PREFIX']}:jobs"
        immediate = config["JOBS_IMMEDIATE"]
        if config.get("REDIS_URL") and not immediate:
            self.huey = RedisHuey(name, url=config["REDIS_URL"])
        else:
            path = Path(config["JOBS_QUEUE_PATH"])
            if not immediate:
                path.parent.mkdir(parents=True, exist_ok=True)
            self.huey = SqliteHuey(name, filename=str(path), immediate=immediate)
        self._run_job = self.huey.task(name="run_job")(self._in_app(app, runner.run))
        self.huey.periodic_task(crontab(minute="*"), name="sweep")(
            self._in_app(app, lambda: runner.run_periodic("sweep", runner.sweep))
        )
        for periodic in PERIODIC.values():
            self.huey.periodic_task(periodic.schedule, name=f"periodic.{periodic.name}")(
                self._in_app(app, lambda p=periodic: runner.run_periodic(p.name, p.run))
            )

    @staticmethod
    def _in_app(app: Flask, function):
        def in_app_context(*args):
            with app.app_context():  # its own database session, apart from any caller's
                return function(*args)

        in_app_context.__name__ = getattr(function, "__name__", "periodic")
        return in_app_context

    def hand_over(self, job_id: int, delay: float | None = None) -> None:
        """Put the job's id on the queue (to run after `delay` seconds)."""
        if delay:
            self._run_job.schedule((job_id,), delay=delay)
        else:
            self._run_job(job_id)

    def drain(self) -> int:
        """Run every task waiting on the queue in this process; how many (tests, `jobs run`)."""
        count = 0
        while (task := self.huey.dequeue()) is not None:
            if self.huey.ready_to_run(task):
                self.huey.execute(task)
                count += 1
            else:  # a retry's later attempt: kept for its time, as the consumer does
                self.huey.add_schedule(task)
        return count
