"""A task's status and progress kept consistent (pure): done is 100%, 100% is done, started
work is in progress; a stopped task keeps the progress it reached."""

from __future__ import annotations

import datetime as dt

from cchc.plans.models_plans import TaskStatus


class TaskStateError(ValueError):
    pass


def settle(
    status: str, progress: int, done_on: dt.date | None, today: dt.date
) -> tuple[str, int, dt.date | None]:
    """The (status, progress, done_on) to store for the status and progress a user gave."""
    if status not in TaskStatus.values:
        raise TaskStateError(f"Trạng thái không hợp lệ: {status!r} (unknown status)")
    if not 0 <= progress <= 100:
        raise TaskStateError(f"Tiến độ phải từ 0 đến 100: {progress} (progress out of range)")
    if status == TaskStatus.CANCELLED:
        return status, progress, None
    if status == TaskStatus.DONE or progress == 100:
        return TaskStatus.DONE, 100, done_on or today
    if progress > 0 and status == TaskStatus.NOT_STARTED:
        return TaskStatus.IN_PROGRESS, progress, None
    return status, progress, None
