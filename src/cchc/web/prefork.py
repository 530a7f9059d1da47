"""Several worker processes for `cchc serve --workers N` (gunicorn, pre-fork; Linux/Unix only).

One Python process runs Python code on one core at a time, so a second process is what lets the
app use a second core. The settings are in gunicorn_conf.py; `cchc serve` becomes the command an
operator would type (`python -m gunicorn -c python:cchc.web.gunicorn_conf …`), in the same
process, so signals sent to `cchc serve` reach gunicorn's master. SQLite in WAL mode lets the
workers read concurrently.
"""

from __future__ import annotations

import os
import sys

CONFIG = "python:cchc.web.gunicorn_conf"


def gunicorn_argv(host: str, port: int, workers: int, threads: int) -> list[str]:
    """gunicorn's command line (after the program name): the shipped file, then the options."""
    return [
        "--config",
        CONFIG,
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
    ]


def serve_prefork(host: str, port: int, workers: int, threads: int) -> None:
    """Replace this process by gunicorn's master (SIGTERM / Ctrl+C stop the workers gracefully)."""
    from django.db import connections

    connections.close_all()  # the master ran migrations; workers open their own connections
    sys.stdout.flush()
    sys.stderr.flush()
    argv = [sys.executable, "-m", "gunicorn", *gunicorn_argv(host, port, workers, threads)]
    os.execv(sys.executable, argv)
