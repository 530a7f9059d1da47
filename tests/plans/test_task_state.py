"""Status and progress kept consistent: done is 100 % (dated), 100 % is done, work begun is in
progress, a stopped task keeps what it reached."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc.plans.task_state import TaskStateError, settle

TODAY = dt.date(2026, 12, 7)


def test_rules() -> None:
    assert settle("done", 40, None, TODAY) == ("done", 100, TODAY)
    assert settle("in_progress", 100, None, TODAY) == ("done", 100, TODAY)
    assert settle("done", 100, dt.date(2026, 11, 2), TODAY) == ("done", 100, dt.date(2026, 11, 2))
    assert settle("not_started", 30, None, TODAY) == ("in_progress", 30, None)
    assert settle("cancelled", 30, TODAY, TODAY) == ("cancelled", 30, None)
    assert settle("in_progress", 0, TODAY, TODAY) == ("in_progress", 0, None)


@pytest.mark.parametrize(("status", "progress"), [("finished", 10), ("done", 101), ("done", -1)])
def test_bad_values(status: str, progress: int) -> None:
    with pytest.raises(TaskStateError):
        settle(status, progress, None, TODAY)
