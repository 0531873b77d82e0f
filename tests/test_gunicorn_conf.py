"""gunicorn.conf.py: one sync worker per core plus one, unless WEB_CONCURRENCY says otherwise."""

import gc
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


def test_the_worker_class_is_gunicorns_standard_sync_worker():
    from gunicorn.util import load_class
    from gunicorn.workers.sync import SyncWorker

    assert load_class(runpy.run_path(CONFIG)["worker_class"]) is SyncWorker


def test_what_the_master_built_is_kept_out_of_the_workers_collections():
    from types import SimpleNamespace

    from flask import Flask

    server = SimpleNamespace(app=SimpleNamespace(wsgi=lambda: Flask("bare")), log=None)
    try:
        runpy.run_path(CONFIG)["when_ready"](server)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_gunicorn_believes_no_forwarded_scheme_header():
    """Only the app's ProxyFix (PROXY_COUNT) reads X-Forwarded-Proto; gunicorn reads none."""
    from gunicorn.config import Config

    config = Config()
    config.set("secure_scheme_headers", runpy.run_path(CONFIG)["secure_scheme_headers"])
    assert config.secure_scheme_headers == {}
