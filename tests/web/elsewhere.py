"""Run a step as another request would: in another thread, on its own database connection."""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.db import connections


def in_another_thread(step: Callable[[], None], timeout: float = 60.0) -> None:
    """`step()` in a new thread with its own connections (closed after), waited for."""

    def run() -> None:
        try:
            step()
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=timeout)
