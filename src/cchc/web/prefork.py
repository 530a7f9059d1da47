"""Several worker processes for `cchc serve --workers N` (gunicorn, pre-fork; Linux/Unix only).

One Python process runs Python code on one core at a time, so a second process is what lets the
app use a second core. Each worker answers with `gthread` threads (keep-alive like waitress),
keeps its own in-process caches and opens its own DuckDB database on first use; SQLite in WAL
mode lets the workers read concurrently. The app is loaded in each worker, not in the master, so
no database connection crosses a fork.
"""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication


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
    }
    _App(options).run()
