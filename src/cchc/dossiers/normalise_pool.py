"""A second process normalises a large import's parts while this one writes them to the database.

Building Python values and binding them to SQL statements holds the interpreter lock, so a thread
gives the writer no second core (measured: no gain); a process does. The worker is started with
`spawn` (polars' thread pool must not be forked), before the file is read, so that it is ready by
the time the first part is; it imports only pure modules (normalise.py: no Django, no database).
Small imports normalise in the writing process, where starting a process would cost more than it
saves.
"""

from __future__ import annotations

import multiprocessing
import sys
import types
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import polars as pl

from cchc.core.calendar import WorkingCalendar
from cchc.dossiers.normalise import normalise

WORKER_MIN_BYTES = 16 * 1024 * 1024  # ≈ 90,000 canonical rows
AHEAD = 3  # parts in flight: the worker never waits for the writer to ask


def _ready() -> bool:
    return True  # run in the worker: its imports are done once this returns


@contextmanager
def worker_for(path: Path) -> Iterator[ProcessPoolExecutor | None]:
    """A started worker process when `path` is large enough to gain from it, else None."""
    if path.stat().st_size < WORKER_MIN_BYTES:
        yield None
        return
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    # `spawn` runs the parent's main script again in the child unless told otherwise: a caller's
    # script without an `if __name__ == "__main__"` guard would import itself anew. The worker
    # needs nothing from it, so the child is started (here, at the first task) seeing none.
    main = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        pool.submit(_ready)  # start it now, while the file is read
    finally:
        sys.modules["__main__"] = main
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def normalised(
    worker: ProcessPoolExecutor | None,
    parts: Iterable[pl.DataFrame],
    procedures: pl.DataFrame,
    cal: WorkingCalendar,
    vendor: str,
    key: str,
) -> Iterator[pl.DataFrame]:
    """normalise() of each part, in order: in `worker`, AHEAD parts ahead, or here without one."""
    if worker is None:
        for part in parts:
            yield normalise(part, procedures, cal, vendor, key)
        return
    pending: deque[Future[pl.DataFrame]] = deque()
    for part in parts:
        pending.append(worker.submit(normalise, part, procedures, cal, vendor, key))
        if len(pending) >= AHEAD:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()
