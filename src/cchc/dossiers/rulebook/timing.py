"""Statutory due dates, deadlines, outcomes and flags, computed for whole columns at once. Pure.

Conventions (docs/timing.md):
- Deemed receipt: a dossier received on a non-working day, or on a working day after its
  procedure's cut-off, is deemed received at the start of the next working day; day 1 is the first
  working day after the day of (deemed) receipt, the due date the N-th (Decree 61/2018/NĐ-CP
  Art. 18, Decree 118/2025/NĐ-CP; the convention of docs/timing.md).
- Working hours convert to working days of 8 hours; calendar days and months end on the next
  working day when they fall on a day off (Civil Code 2015 Art. 148).
- The deadline used for lateness is the source's appointment when given, else the statutory due
  date; paused working days extend it (national portal rule).
- Finished before the deadline day is early, on it on time, after it late; more than one
  supplement request counts as late (national portal rule).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

import numpy as np
import numpy.typing as npt

from cchc.core.calendar import DayArray, WorkingCalendar

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
FloatArray = npt.NDArray[np.float64]
NAT = np.datetime64("NaT", "D")
HOURS_PER_WORKING_DAY = 8


class LimitUnit(IntEnum):
    WORKING_DAYS = 0
    WORKING_HOURS = 1
    CALENDAR_DAYS = 2
    MONTHS = 3


LIMIT_UNIT_CODES = {
    "working_days": LimitUnit.WORKING_DAYS,
    "working_hours": LimitUnit.WORKING_HOURS,
    "calendar_days": LimitUnit.CALENDAR_DAYS,
    "months": LimitUnit.MONTHS,
}


class Outcome(IntEnum):
    """Outcome of a dossier as of a reference date (kết quả giải quyết)."""

    EARLY = 1  # trước hạn
    ON_TIME = 2  # đúng hạn
    LATE = 3  # quá hạn
    OPEN_IN_TIME = 4  # còn hạn
    OPEN_DUE_SOON = 5  # sắp đến hạn (≤ 1 working day left)
    OPEN_OVERDUE = 6  # đang quá hạn


# The outcomes stored for a dossier that ended (Dossier.finish_outcome; 0/NULL while open).
FINISH_OUTCOME_CHOICES = [
    (int(Outcome.EARLY), "Trước hạn"),
    (int(Outcome.ON_TIME), "Đúng hạn"),
    (int(Outcome.LATE), "Quá hạn"),
]


@dataclass(frozen=True)
class TimingInputs:
    """One entry per dossier. Dates are local (UTC+7) days; NaT / -1 / NaN mean "not given"."""

    received_on: DayArray
    received_minute: IntArray  # minutes after local midnight; -1 when only a date is known
    time_limit: FloatArray  # NaN when the procedure has no limit
    limit_unit: IntArray  # LimitUnit values
    cutoff_minute: IntArray  # per-procedure cut-off, -1 when none
    source_due_on: DayArray  # the source's appointment (ngày hẹn trả)
    paused_days: IntArray
    finished_on: DayArray
    supplement_requests: IntArray
    apology_issued: npt.NDArray[np.int8]  # 1 yes, 0 no, -1 unknown


@dataclass(frozen=True)
class TimingResult:
    statutory_due_on: DayArray
    deadline_on: DayArray
    finish_outcome: npt.NDArray[np.int8]  # 0 while open, else Outcome.EARLY/ON_TIME/LATE
    flag_beyond_statutory: BoolArray  # hẹn trả vượt thời hạn
    flag_late_no_apology: BoolArray  # trễ hạn không có văn bản xin lỗi
    flag_repeated_supplements: BoolArray  # yêu cầu bổ sung nhiều lần


def deemed_receipt(inputs: TimingInputs, cal: WorkingCalendar) -> DayArray:
    """The day of (deemed) receipt: the day itself when it is a working day and the dossier came
    before the procedure's cut-off; else the next working day (tiếp nhận vào ngày làm việc kế tiếp).
    """
    after_cutoff = (
        (inputs.cutoff_minute >= 0)
        & (inputs.received_minute >= 0)
        & (inputs.received_minute > inputs.cutoff_minute)
    )
    kept = cal.is_working_day_array(inputs.received_on) & ~after_cutoff
    moved = cal.next_working_day_array(inputs.received_on, strictly_after=True)
    return np.where(kept, inputs.received_on, moved)


def first_counted_day(deemed: DayArray, cal: WorkingCalendar) -> DayArray:
    """Day 1 of the count: the first working day after the day of (deemed) receipt."""
    return cal.next_working_day_array(deemed, strictly_after=True)


def _add_months(days: DayArray, months: IntArray) -> DayArray:
    month_start = days.astype("datetime64[M]")
    day_of_month = (days - month_start.astype("datetime64[D]")).astype(np.int64)
    target = month_start + months.astype("timedelta64[M]")
    last_day = ((target + 1).astype("datetime64[D]") - target.astype("datetime64[D]")).astype(
        np.int64
    )
    result: DayArray = target.astype("datetime64[D]") + np.minimum(
        day_of_month, last_day - 1
    ).astype("timedelta64[D]")
    return result


def statutory_due_dates(inputs: TimingInputs, cal: WorkingCalendar) -> DayArray:
    """The due date the law sets for each dossier; NaT when its procedure has no time limit."""
    start = deemed_receipt(inputs, cal)
    has_limit = ~np.isnan(inputs.time_limit)
    limit = np.where(has_limit, inputs.time_limit, 0.0)
    unit = inputs.limit_unit
    working_days = np.where(
        unit == LimitUnit.WORKING_HOURS,
        np.ceil(limit / HOURS_PER_WORKING_DAY),
        np.ceil(limit),
    ).astype(np.int64)
    by_working_days = cal.add_working_days_array(start, working_days)
    calendar_end = start + np.ceil(limit).astype(np.int64).astype("timedelta64[D]")
    month_end = _add_months(start, np.ceil(limit).astype(np.int64))
    by_calendar = cal.next_working_day_array(
        np.where(unit == LimitUnit.MONTHS, month_end, calendar_end)
    )
    due = np.where(
        (unit == LimitUnit.CALENDAR_DAYS) | (unit == LimitUnit.MONTHS), by_calendar, by_working_days
    )
    return np.where(has_limit, due, NAT)


def compute_timing(inputs: TimingInputs, cal: WorkingCalendar) -> TimingResult:
    statutory = statutory_due_dates(inputs, cal)
    has_source = ~np.isnat(inputs.source_due_on)
    base = np.where(has_source, inputs.source_due_on, statutory)
    has_base = ~np.isnat(base)
    paused = np.maximum(inputs.paused_days, 0)
    safe_base = np.where(has_base, base, inputs.received_on)
    extended = np.where(paused > 0, cal.add_working_days_array(safe_base, paused), safe_base)
    deadline = np.where(has_base, extended, NAT)

    finished = ~np.isnat(inputs.finished_on)
    repeated = inputs.supplement_requests > 1
    outcome = np.zeros(len(inputs.received_on), dtype=np.int8)
    with np.errstate(invalid="ignore"):
        early = finished & has_base & (inputs.finished_on < deadline)
        late = finished & ((has_base & (inputs.finished_on > deadline)) | repeated)
    outcome[finished] = Outcome.ON_TIME
    outcome[early] = Outcome.EARLY
    outcome[late] = Outcome.LATE

    has_stat = ~np.isnat(statutory)
    safe_stat = np.where(has_stat, statutory, inputs.received_on)
    stat_extended = np.where(paused > 0, cal.add_working_days_array(safe_stat, paused), safe_stat)
    beyond = has_source & has_stat & (inputs.source_due_on > stat_extended)
    return TimingResult(
        statutory_due_on=statutory,
        deadline_on=deadline,
        finish_outcome=outcome,
        flag_beyond_statutory=beyond,
        flag_late_no_apology=(outcome == Outcome.LATE) & (inputs.apology_issued == 0),
        flag_repeated_supplements=repeated,
    )


def open_outcome(
    deadline_on: DayArray, as_of: np.datetime64, cal: WorkingCalendar
) -> npt.NDArray[np.int8]:
    """For dossiers still open on `as_of`: in time, due soon (≤ 1 working day left) or overdue."""
    has = ~np.isnat(deadline_on)
    safe = np.where(has, deadline_on, as_of)
    as_of_arr = np.full(len(deadline_on), as_of, dtype="datetime64[D]")
    left = cal.working_days_between_array(as_of_arr, safe)
    out = np.full(len(deadline_on), Outcome.OPEN_IN_TIME, dtype=np.int8)
    out[has & (left <= 1)] = Outcome.OPEN_DUE_SOON
    out[has & (safe < as_of)] = Outcome.OPEN_OVERDUE
    return out


def days_late(
    deadline_on: DayArray, finished_on: DayArray, as_of: np.datetime64, cal: WorkingCalendar
) -> IntArray:
    """Working days past the deadline at finish (or at `as_of` while open); 0 when not late."""
    has = ~np.isnat(deadline_on)
    end = np.where(np.isnat(finished_on), as_of, finished_on)
    safe = np.where(has, deadline_on, end)
    return np.where(has, np.maximum(cal.working_days_between_array(safe, end), 0), 0)
