"""The WAL checkpoint of a large import runs in a background thread after the commit."""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

import pytest

from cchc.core import sqlite_wal
from cchc.core.sqlite_wal import checkpoint_later, wait_for_checkpoints


def test_a_background_checkpoint_moves_the_log_into_the_database_file(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA wal_autocheckpoint=0")  # as during an import
    con.execute("CREATE TABLE t (v TEXT)")
    con.execute("BEGIN")
    con.executemany("INSERT INTO t VALUES (?)", (("x" * 200,) for _ in range(20_000)))
    con.execute("COMMIT")
    before = path.stat().st_size
    checkpoint_later(str(path))
    wait_for_checkpoints()
    assert path.stat().st_size > before + 20_000 * 200  # the pages are in the file now
    busy, log, done = con.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    assert busy == 0 and log == done  # nothing left to copy
    assert con.execute("SELECT count(*) FROM t").fetchone() == (20_000,)
    con.close()


def test_finished_checkpoints_are_not_kept(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    sqlite3.connect(path).execute("PRAGMA journal_mode=WAL").close()
    for _ in range(5):
        checkpoint_later(str(path)).join()
    assert len(sqlite_wal._started) <= 2  # the last one, and at most one not yet seen ended
    wait_for_checkpoints()
    assert sqlite_wal._started == []


def test_a_failed_checkpoint_is_logged_not_raised_in_its_thread(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    raised: list[BaseException | None] = []
    monkeypatch.setattr(threading, "excepthook", lambda args: raised.append(args.exc_value))
    gone = tmp_path / "removed-data-dir" / "db.sqlite3"  # e.g. a data dir deleted meanwhile
    with caplog.at_level(logging.WARNING, logger="cchc.core.sqlite_wal"):
        checkpoint_later(str(gone))
        wait_for_checkpoints()
    assert raised == []
    assert str(gone) in caplog.text and "checkpoint failed" in caplog.text
