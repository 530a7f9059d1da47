"""gunicorn reads cchc's settings from the shipped config module; `cchc serve` options win."""

from __future__ import annotations

import gc
import sys

import pytest
from gunicorn.app.wsgiapp import WSGIApplication

from cchc.web import gunicorn_conf
from cchc.web.prefork import gunicorn_argv


def _loaded(monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> WSGIApplication:
    """gunicorn's own configuration, read as its command line would (no server started)."""
    monkeypatch.setattr(sys, "argv", ["gunicorn", *argv])
    monkeypatch.delenv("GUNICORN_CMD_ARGS", raising=False)
    return WSGIApplication("%(prog)s [OPTIONS] [APP_MODULE]")


def test_cchc_serve_runs_gunicorn_with_the_shipped_file(monkeypatch: pytest.MonkeyPatch) -> None:
    app = _loaded(monkeypatch, gunicorn_argv("127.0.0.1", 8123, 3, 4))
    cfg = app.cfg
    assert cfg.bind == ["127.0.0.1:8123"]
    assert (cfg.workers, cfg.threads) == (3, 4)  # the options of `cchc serve`
    assert cfg.worker_class_str == "gthread"
    assert (cfg.keepalive, cfg.timeout, cfg.graceful_timeout) == (5, 120, 10)
    assert cfg.proc_name == "cchc" and cfg.loglevel == "warning"
    assert cfg.post_worker_init is gunicorn_conf.post_worker_init
    assert app.app_uri == "cchc.wsgi:application"


def test_the_file_alone_gives_the_serve_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = _loaded(monkeypatch, ["-c", "python:cchc.web.gunicorn_conf"]).cfg
    assert cfg.bind == ["127.0.0.1:8000"]
    assert (cfg.workers, cfg.threads) == (gunicorn_conf.default_workers(), 8)


def test_a_worker_freezes_the_loaded_app_and_collects_less_often() -> None:
    before = gc.get_threshold()
    try:
        gunicorn_conf.post_worker_init(None)
        assert gc.get_threshold()[0] == gunicorn_conf.GC_THRESHOLD
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
