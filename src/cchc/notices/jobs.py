"""Daily jobs: apps register them in AppConfig.ready; the worker runs each once a day.

A job is `fn(day) -> JobResult` and must be idempotent: it may run again for the same day (after
an error, or from `cchc worker --once --today DAY`) and must then do only what is still undone.
Each run is recorded (JobRun): job, day, started, finished, result or error.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from cchc.core import clock
from cchc.notices.models import JobRun

# a job that raised is tried again on the same day after this long
RETRY_AFTER_ERROR = dt.timedelta(hours=1)
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class JobResult:
    """What a run did, in one Vietnamese line for the run record and the worker's output."""

    summary: str
    delivered: int = 0
    undelivered: int = 0


Job = Callable[[dt.date], JobResult]
_JOBS: dict[str, Job] = {}
_LABELS: dict[str, str] = {}


def register_job(name: str, fn: Job, label: str = "") -> None:
    """Run `fn(day)` once a day (a second registration under the same name replaces the first);
    `label` names it on pages (Vietnamese)."""
    _JOBS[name] = fn
    _LABELS[name] = label or name


def registered_jobs() -> dict[str, Job]:
    return dict(sorted(_JOBS.items()))


def job_label(name: str) -> str:
    return _LABELS.get(name, name)


def _due(run: JobRun | None, now: dt.datetime) -> bool:
    if run is None:
        return True
    if run.finished_at is None or run.error:  # crashed mid-run or raised
        return run.started_at + RETRY_AFTER_ERROR <= now
    return False


def run_due_jobs(day: dt.date, *, retry_errors_now: bool = False) -> list[JobRun]:
    """Run every registered job not yet run (successfully) for `day`; the runs made."""
    runs: list[JobRun] = []
    for name, fn in registered_jobs().items():
        run = JobRun.objects.filter(job=name, day=day).first()
        now = clock.now()
        if not (_due(run, now) or (retry_errors_now and run is not None and run.error)):
            continue
        if run is None:
            run = JobRun.objects.create(job=name, day=day, started_at=now)
        else:
            run.started_at, run.finished_at, run.error, run.result = now, None, "", ""
            run.save()
        try:
            run.result = fn(day).summary
        except Exception as exc:  # one job's failure must not stop the others
            log.exception("job %s for %s failed", name, day)
            run.error = f"{type(exc).__name__}: {exc}"[:2000]
        run.finished_at = clock.now()
        run.save(update_fields=["result", "error", "finished_at"])
        runs.append(run)
    return runs
