"""gunicorn.conf.py: one sync worker per core plus one, unless WEB_CONCURRENCY says otherwise."""

import os
import runpy
from pathlib import Path

CONFIG = str(Path(__file__).resolve().parent.parent / "gunicorn.conf.py")


def test_one_worker_per_core_plus_one_by_default(monkeypatch):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    settings = runpy.run_path(CONFIG)
    assert settings["workers"] == len(os.sched_getaffinity(0)) + 1
    assert settings["preload_app"] is True


def test_web_concurrency_overrides_the_default(monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "7")
    assert runpy.run_path(CONFIG)["workers"] == 7
