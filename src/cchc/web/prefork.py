"""Several worker processes for `cchc serve --workers N` (gunicorn, pre-fork; Linux/Unix only).

One Python process runs Python code on one core at a time, so a second process is what lets the
app use a second core. Each worker answers with `gthread` threads (keep-alive like waitress),
keeps its own in-process caches and opens its own DuckDB database on first use; SQLite in WAL
mode lets the workers read concurrently. The app is loaded in each worker, not in the master, so
no database connection crosses a fork.
"""

from __future__ import annotations

import gc
from typing import Any

from gunicorn.app.base import BaseApplication

GC_THRESHOLD = 20_000  # allocations between young-generation collections (default 700)


class _App(BaseApplication):  # type: ignore[misc]
    def __init__(self, options: dict[str, Any]) -> None:
        self._options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self._options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from cchc.wsgi import application

        return application


def _worker_ready(_worker: Any) -> None:
    """Move what loading the app created out of the collector's way, and collect less often.

    With the default thresholds a busy worker ran a collection every few requests, and a full one
    walks every object of Django and the app while holding the lock all threads wait on (the
    slowest requests under load). Frozen objects are never scanned; cycles are still collected.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_THRESHOLD, 20, 20)


def serve_prefork(host: str, port: int, workers: int, threads: int) -> None:
    """Run gunicorn until stopped (SIGTERM / Ctrl+C stop the workers gracefully)."""
    from django.db import connections

    connections.close_all()  # the master ran migrations; workers open their own connections
    options = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "gthread",
        "threads": threads,
        "keepalive": 5,
        "timeout": 120,  # a first late-list ranking at 1M dossiers may take seconds
        "graceful_timeout": 10,
        "proc_name": "cchc",
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "warning",
        "post_worker_init": _worker_ready,
    }
    _App(options).run()
