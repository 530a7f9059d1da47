"""The deemed receipt day, day 1 and due date of a feedback item (pure).

The same rules as for dossiers, run through the rulebook (cchc.dossiers.rulebook.timing): received
on a day off or after office hours, an item counts from the next working day; day 1 is the first
working day after that; the due date is the N-th working day (N in feedback-rules.toml).
Source: Decree 20/2008/NĐ-CP as amended by Decree 92/2017/NĐ-CP, unconfirmed (feedback-rules.toml).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from cchc.core.calendar import WorkingCalendar
from cchc.dossiers.rulebook.timing import (
    LimitUnit,
    TimingInputs,
    deemed_receipt,
    first_counted_day,
    statutory_due_dates,
)

NAT = np.datetime64("NaT", "D")


@dataclass(frozen=True)
class FeedbackDates:
    deemed_receipt: dt.date  # ngày tiếp nhận hợp lệ
    day_one: dt.date  # ngày thứ 1
    due: dt.date  # hạn xử lý


def _date(day: np.datetime64) -> dt.date:
    return dt.date.fromisoformat(str(day.astype("datetime64[D]")))


def feedback_dates(
    received_on: dt.date,
    received_minute: int,
    working_days: int,
    office_closes_minute: int,
    cal: WorkingCalendar,
) -> FeedbackDates:
    """`received_minute`: minutes after local midnight, -1 when only the day is known."""
    inputs = TimingInputs(
        received_on=np.array([received_on], dtype="datetime64[D]"),
        received_minute=np.array([received_minute], dtype=np.int64),
        time_limit=np.array([float(working_days)]),
        limit_unit=np.array([LimitUnit.WORKING_DAYS], dtype=np.int64),
        cutoff_minute=np.array([office_closes_minute], dtype=np.int64),
        source_due_on=np.array([NAT]),
        paused_days=np.array([0], dtype=np.int64),
        finished_on=np.array([NAT]),
        supplement_requests=np.array([0], dtype=np.int64),
        apology_issued=np.array([-1], dtype=np.int8),
    )
    deemed = deemed_receipt(inputs, cal)
    return FeedbackDates(
        deemed_receipt=_date(deemed[0]),
        day_one=_date(first_counted_day(deemed, cal)[0]),
        due=_date(statutory_due_dates(inputs, cal)[0]),
    )


def working_days_left(today: dt.date, due: dt.date, cal: WorkingCalendar) -> int:
    """Working days from `today` to `due` (0 on the due date, negative once it has passed)."""
    return cal.working_days_between(today, due)
