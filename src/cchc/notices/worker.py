"""The reminder worker (tiến trình nhắc việc): every minute it sends the e-mails whose next attempt
has come; once a day — at CCHC_REMINDERS_AT local time, or at start-up when today's runs are
missing — it runs every registered daily job (jobs.py).

`cchc worker` runs it in the foreground; `cchc serve` starts it in a process of its own unless
`--no-worker`. One per data dir (lock.py): a second one finds the lock taken and stops.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import threading
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone

from cchc.core import clock
from cchc.notices.jobs import job_label, run_due_jobs
from cchc.notices.mail import SendResult, send_due
from cchc.notices.models import JobRun

TICK = 60.0  # seconds between wake-ups


@dataclass(frozen=True)
class Tick:
    emails: SendResult
    runs: list[JobRun]


def local_day(now: dt.datetime) -> dt.date:
    return timezone.localtime(now).date()


def daily_due(now: dt.datetime, *, startup: bool) -> bool:
    """The daily jobs may run now: at start-up, or from the configured local time on."""
    return startup or timezone.localtime(now).time() >= settings.REMINDERS_AT


def tick(*, startup: bool = False, day: dt.date | None = None) -> Tick:
    """One wake-up: due e-mails, then the daily jobs when their time has come (each job once per
    day; `day` forces the day, as `cchc worker --once --today DAY` does)."""
    now = clock.now()
    emails = send_due(now)
    runs: list[JobRun] = []
    if day is not None:
        runs = run_due_jobs(day, retry_errors_now=True)
    elif daily_due(now, startup=startup):
        runs = run_due_jobs(local_day(now))
    return Tick(emails, runs)


def run_forever(stop: threading.Event, *, parent: int | None = None) -> None:
    """Tick every minute until `stop` is set (or, in the background, the parent has gone)."""
    startup = True
    while not stop.is_set():
        close_old_connections()
        try:
            report(tick(startup=startup))
        except Exception:  # a database hiccup must not end the worker; next minute tries again
            import logging

            logging.getLogger(__name__).exception("worker tick failed")
        finally:
            close_old_connections()
        startup = False
        if _sleep(stop, TICK, parent):
            return


def _sleep(stop: threading.Event, seconds: float, parent: int | None) -> bool:
    """Wait `seconds`; True when the parent has gone (checked every second: its terminal output
    is ours too, and a reader of it waits for both to end)."""
    waited = 0.0
    while waited < seconds and not stop.is_set():
        stop.wait(1.0)
        waited += 1.0
        if parent is not None and os.getppid() != parent:
            return True
    return False


def report(done: Tick) -> None:
    if done.emails.sent or done.emails.failed:
        print(
            f"Thư điện tử: {done.emails.sent} đã gửi, {done.emails.failed} lỗi "
            f"(e-mails sent, failed)",
            flush=True,
        )
    for run in done.runs:
        outcome = f"LỖI (error): {run.error}" if run.error else run.result
        print(f"{job_label(run.job)} ngày {run.day:%d/%m/%Y}: {outcome}", flush=True)


def start_background(_args: Any = None) -> subprocess.Popen[bytes]:
    """`cchc serve`'s worker: a process of its own that stops when `cchc serve` does, or at once
    when another worker holds this data dir's lock."""
    return subprocess.Popen(
        [sys.executable, "-m", "cchc.cli", "worker", "--background", str(os.getpid())]
    )
