"""SQLite in WAL mode: the checkpoint after a large import runs in a background thread.

A commit in WAL mode appends the transaction's pages to the write-ahead log; a checkpoint later
copies them into the database file. SQLite runs that checkpoint in the committing connection
once the log passes 1,000 pages, so a bulk import would wait for a second copy of everything it
wrote. The import turns that off for its transaction and asks for a passive checkpoint on its
own connection in a thread instead: readers see the new rows at once either way (they read the
log), and the process waits for the thread before it exits. A checkpoint that fails is logged,
not raised: the rows are committed, and a later checkpoint copies them.
"""

from __future__ import annotations

import logging
import sqlite3
import threading

logger = logging.getLogger(__name__)
_started: list[threading.Thread] = []


def checkpoint_later(path: str) -> threading.Thread:
    """Start a passive checkpoint of the database at `path` on a connection of its own."""

    def run() -> None:
        try:
            con = sqlite3.connect(path, timeout=60)
            try:
                con.execute("PRAGMA wal_checkpoint(PASSIVE)")
            finally:
                con.close()
        except sqlite3.Error as exc:  # the import is committed: its pages stay in the log
            logger.warning(
                "Điểm kiểm WAL chạy nền thất bại, SQLite sẽ làm lại sau "
                "(background WAL checkpoint failed; SQLite checkpoints later): %s: %s",
                path,
                exc,
            )

    thread = threading.Thread(target=run, name="cchc-wal-checkpoint")  # exit waits for it
    thread.start()
    _started[:] = [t for t in _started if t.is_alive()]  # a server imports for months
    _started.append(thread)
    return thread


def wait_for_checkpoints() -> None:
    """Block until every checkpoint started so far has finished."""
    while _started:
        _started.pop().join()
