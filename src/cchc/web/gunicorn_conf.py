"""gunicorn's settings for cchc: `cchc serve --workers N` (N > 1) runs gunicorn with this file.

Operators may run gunicorn themselves with the same settings; options on the command line
override the values here (gunicorn's own order: file, then GUNICORN_CMD_ARGS, then arguments):

    gunicorn -c python:cchc.web.gunicorn_conf --bind 0.0.0.0:8000 --workers 4

Each worker answers with `gthread` threads (keep-alive like waitress) and loads the app itself,
not in the master, so no database connection crosses a fork (see prefork.py).
Only names gunicorn knows are read from this module; the others are ignored.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import Any

# The same defaults as `cchc serve` (cchc/web/cli.py reads them from here).
DEFAULT_HOST, DEFAULT_PORT, DEFAULT_THREADS = "127.0.0.1", 8000, 8
GC_THRESHOLD = 20_000  # allocations between young-generation collections (default 700)


def default_workers() -> int:
    """Two processes where the OS can fork and there are two cores, else one (waitress)."""
    if sys.platform == "win32":
        return 1
    return max(1, min(2, os.cpu_count() or 1))


wsgi_app = "cchc.wsgi:application"
bind = [f"{DEFAULT_HOST}:{DEFAULT_PORT}"]
workers = default_workers()
worker_class = "gthread"
threads = DEFAULT_THREADS
keepalive = 5
timeout = 120  # a first late-list ranking at 1M dossiers may take seconds
graceful_timeout = 10
proc_name = "cchc"
accesslog = None
errorlog = "-"
loglevel = "warning"


def post_worker_init(_worker: Any) -> None:
    """Move what loading the app created out of the collector's way, and collect less often.

    With the default thresholds a busy worker ran a collection every few requests, and a full one
    walks every object of Django and the app while holding the lock all threads wait on (the
    slowest requests under load). Frozen objects are never scanned; cycles are still collected.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_THRESHOLD, 20, 20)
