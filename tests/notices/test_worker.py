"""The worker runs every registered daily job once a day — from 07:00 local time, or at start-up
when the day's run is missing — records each run, and one data dir has one worker (a file lock)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from cchc.cli import main
from cchc.notices import jobs
from cchc.notices.jobs import JobResult
from cchc.notices.lock import WorkerLock
from cchc.notices.models import JobRun
from cchc.notices.worker import tick
from tests.notices.conftest import Clock

pytestmark = pytest.mark.django_db
D = dt.date
T = dt.datetime


@pytest.fixture
def days_run(monkeypatch: pytest.MonkeyPatch) -> list[dt.date]:
    """A daily job (registered through the registry, as apps do) that notes each day it ran."""
    seen: list[dt.date] = []

    def count(day: dt.date) -> JobResult:
        seen.append(day)
        return JobResult(f"ngày {day:%d/%m/%Y}")

    monkeypatch.setitem(jobs._JOBS, "test.count", count)
    return seen


def test_the_daily_run_happens_once_a_day_from_seven(
    days_run: list[dt.date], fake_clock: Clock
) -> None:
    fake_clock.at(T(2026, 3, 2, 6, 59))
    tick()
    assert days_run == []  # before 07:00, not at start-up: wait
    fake_clock.at(T(2026, 3, 2, 7, 0))
    tick()
    for minute in (1, 2, 300):
        fake_clock.at(T(2026, 3, 2, 7, 0) + dt.timedelta(minutes=minute))
        tick()
    assert days_run == [D(2026, 3, 2)]
    fake_clock.at(T(2026, 3, 3, 6, 0))
    tick()
    fake_clock.at(T(2026, 3, 3, 23, 59))
    tick()
    tick()
    assert days_run == [D(2026, 3, 2), D(2026, 3, 3)]
    run = JobRun.objects.get(job="test.count", day=D(2026, 3, 3))
    assert run.result == "ngày 03/03/2026" and run.error == "" and run.finished_at is not None


def test_at_start_up_a_missing_run_is_made_at_once(
    days_run: list[dt.date], fake_clock: Clock
) -> None:
    fake_clock.at(T(2026, 3, 4, 3, 0))  # the server started at 3 a.m.
    tick(startup=True)
    tick(startup=True)  # restarted: today's run is there
    assert days_run == [D(2026, 3, 4)]


def test_the_day_is_the_local_one(days_run: list[dt.date], fake_clock: Clock) -> None:
    fake_clock.moment = T(2026, 3, 4, 23, 30, tzinfo=dt.UTC)  # 06:30 on the 5th in Vietnam
    tick(startup=True)
    assert days_run == [D(2026, 3, 5)]


def test_a_failing_job_is_recorded_and_retried_an_hour_later(
    days_run: list[dt.date], fake_clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    tries: list[int] = []

    def broken(day: dt.date) -> JobResult:
        tries.append(1)
        if len(tries) == 1:
            raise RuntimeError("database gone")
        return JobResult("xong")

    monkeypatch.setitem(jobs._JOBS, "test.broken", broken)
    fake_clock.at(T(2026, 3, 6, 7, 0))
    tick()
    run = JobRun.objects.get(job="test.broken")
    assert run.error == "RuntimeError: database gone" and days_run == [D(2026, 3, 6)]
    fake_clock.at(T(2026, 3, 6, 7, 59))
    tick()
    assert len(tries) == 1
    fake_clock.at(T(2026, 3, 6, 8, 0))
    tick()
    run.refresh_from_db()
    assert len(tries) == 2 and run.error == "" and run.result == "xong"
    assert days_run == [D(2026, 3, 6)]  # the other job is not run again


def test_worker_once_with_a_day_runs_that_days_jobs(
    days_run: list[dt.date], settings: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings.DATA_DIR = tmp_path
    assert main(["worker", "--today", "07/02/2024"]) == 0
    assert main(["worker", "--once", "--today", "2024-02-07"]) == 0  # done already
    assert days_run == [D(2024, 2, 7)]
    out = capsys.readouterr().out
    assert "Nhắc hạn, báo cáo quá hạn khắc phục ngày 07/02/2024: 0 nhắc hạn" in out
    assert main(["worker", "--today", "2024-13-01"]) == 1
    assert "--today 2024-13-01" in capsys.readouterr().err


def test_the_lock_keeps_a_second_worker_from_running(
    days_run: list[dt.date], settings: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings.DATA_DIR = tmp_path
    first = WorkerLock()
    assert first.acquire()
    try:
        assert not WorkerLock().acquire()
        assert main(["worker", "--once"]) == 1
        assert "đang chạy" in capsys.readouterr().err
        assert main(["worker", "--background", str(os.getpid())]) == 0  # serve's: quietly
        assert days_run == []
    finally:
        first.release()
    assert main(["worker", "--once"]) == 0
    assert len(days_run) == 1


@pytest.mark.slow
def test_a_running_worker_process_holds_the_data_dir(
    tmp_path: Path, settings: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    # its own SQLite database in the data dir: the lock is the data dir's, whatever the database
    env = {k: v for k, v in os.environ.items() if k != "CCHC_DATABASE_URL"}
    env |= {"CCHC_DATA_DIR": str(tmp_path), "PYTHONUNBUFFERED": "1"}
    worker = subprocess.Popen(
        [sys.executable, "-m", "cchc.cli", "worker"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        assert worker.stdout is not None
        deadline = time.monotonic() + 120
        line, seen = b"", b""
        while b"worker running" not in line and time.monotonic() < deadline:
            line = worker.stdout.readline()
            seen += line
            assert line or worker.poll() is None, f"cchc worker exited: {seen.decode()}"
        settings.DATA_DIR = tmp_path
        assert main(["worker", "--once"]) == 1
        assert "đang chạy" in capsys.readouterr().err
    finally:
        worker.terminate()
        worker.wait(timeout=15)


def test_serve_starts_the_worker_unless_told_not_to() -> None:
    from cchc.cli import build_parser

    parser = build_parser()
    assert parser.parse_args(["serve"]).worker is True
    assert parser.parse_args(["serve", "--no-worker"]).worker is False
