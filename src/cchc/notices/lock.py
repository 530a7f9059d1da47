"""One worker per data dir: an exclusive, non-blocking `flock` on a file in the data dir.

The lock belongs to the open file, so it goes when the process ends, however it ends; a second
`cchc serve` or `cchc worker` on the same data dir finds it taken and does not run.
"""

from __future__ import annotations

import fcntl
from pathlib import Path
from typing import IO

from django.conf import settings


class WorkerLock:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or Path(settings.DATA_DIR) / "worker.lock"
        self._handle: IO[str] | None = None

    def acquire(self) -> bool:
        """True when this process now holds the lock; False when another holds it."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = self.path.open("a")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            return False
        self._handle = handle
        return True

    def release(self) -> None:
        if self._handle is not None:
            fcntl.flock(self._handle, fcntl.LOCK_UN)
            self._handle.close()
            self._handle = None
