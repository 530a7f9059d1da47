"""When a plan task is due, and when its recurring occurrences are (pure).

Source: a deadline that falls on a day off ends on the next working day (Civil Code 2015
art. 148(5)); working days follow the civil-service calendar (cchc.core.calendar). A recurring
task is anchored to its planned first deadline: the n-th occurrence is the anchor moved by n
months, quarters, half-years or years (the day of month kept, or the month's last day when it has
fewer days), never counted from the day the previous one was done.
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from cchc.core.calendar import WorkingCalendar

MONTHS_BETWEEN = {"monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12}


def due_on(day: dt.date, calendar: WorkingCalendar) -> dt.date:
    """The day a deadline set on `day` ends: `day`, or the next working day if it is a day off."""
    return calendar.next_working_day(day)


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved by `months` calendar months, the day of month clamped to the month's end."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = _cal.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def scheduled(anchor: dt.date, recurrence: str, until: dt.date) -> list[dt.date]:
    """The planned days of a task's occurrences: the anchor and every step after it up to
    `until` (inclusive); just the anchor when it does not recur."""
    if not recurrence:
        return [anchor]
    if recurrence not in MONTHS_BETWEEN:
        raise ValueError(f"Kiểu lặp lại không hợp lệ: {recurrence!r} (unknown recurrence)")
    step = MONTHS_BETWEEN[recurrence]
    days = []
    n = 0
    while (day := add_months(anchor, n * step)) <= until:
        days.append(day)
        n += 1
    return days or [anchor]


def occurrences(
    anchor: dt.date, recurrence: str, until: dt.date, calendar: WorkingCalendar
) -> list[dt.date]:
    """The deadlines of a task's occurrences on the official calendar."""
    return [due_on(day, calendar) for day in scheduled(anchor, recurrence, until)]


@dataclass(frozen=True)
class Standing:
    """Where a task stands on `today`: its next deadline (None when all is done), whether it is
    overdue, and, for a recurring task, how many occurrences are done of how many."""

    next_due: dt.date | None
    overdue: bool
    done_count: int
    total_count: int

    def days_overdue(self, today: dt.date) -> int:
        """Calendar days since the missed deadline; 0 when not overdue."""
        if not self.overdue or self.next_due is None:
            return 0
        return (today - self.next_due).days

    @property
    def progress(self) -> int:
        """Percent of occurrences done (a recurring task's progress)."""
        if self.total_count == 0:
            return 0
        return round(100 * self.done_count / self.total_count)


def standing(
    deadlines: list[dt.date], done: Collection[dt.date], finished: bool, today: dt.date
) -> Standing:
    """`deadlines`: the task's occurrence deadlines; `done`: those done; `finished`: the task
    is done or stopped as a whole. The next deadline is the earliest not done, so an
    occurrence missed stays due (and overdue) until it is done."""
    done_set = set(done) & set(deadlines)
    pending = sorted(d for d in deadlines if d not in done_set)
    if finished or not pending:
        return Standing(None, False, len(done_set), len(deadlines))
    return Standing(pending[0], pending[0] < today, len(done_set), len(deadlines))
