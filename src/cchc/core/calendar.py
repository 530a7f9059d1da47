"""The civil-service working-day calendar: pure functions, no Django.

A working day is Monday–Friday, less statutory holidays and the extra days off of the
year's civil-service notice, plus the Saturdays the notice makes working days. Labour Code
2019 Art. 111–112 for holidays; the annual notices (data/calendar_notices.toml) win over
the computed default.

Dates are handled as `numpy.datetime64[D]` day numbers so that whole columns are computed at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import holidays
import numpy as np
import numpy.typing as npt

from cchc.core.toml_file import read_toml

NOTICES_FILE = Path(__file__).parent / "data" / "calendar_notices.toml"
FIRST_YEAR = 2000
LAST_YEAR = 2045
DayArray = npt.NDArray[np.datetime64]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Notice:
    """One year's civil-service notice: the complete non-working days and the worked Saturdays."""

    year: int
    notice: str
    days_off: frozenset[dt.date]
    worked_days: frozenset[dt.date]


@dataclass(frozen=True)
class CalendarData:
    notices: tuple[Notice, ...]
    extra_days_off: dict[dt.date, str] = field(default_factory=dict)


def _expand(spec: str) -> list[dt.date]:
    if ".." in spec:
        first, last = (dt.date.fromisoformat(p) for p in spec.split(".."))
        if last < first:
            raise ValueError(f"khoảng ngày ngược (range ends before it starts): {spec}")
        return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    return [dt.date.fromisoformat(spec)]


def load_notices(path: Path = NOTICES_FILE) -> CalendarData:
    raw = read_toml(path)
    notices = []
    for entry in raw.get("notice", []):
        off = frozenset(d for spec in entry["days_off"] for d in _expand(spec))
        worked = frozenset(d for spec in entry["worked_saturdays"] for d in _expand(spec))
        notices.append(Notice(int(entry["year"]), entry["notice"], off, worked))
    extra = {
        dt.date.fromisoformat(e["date"]): e.get("note", "")
        for e in raw.get("unconfirmed_day_off", [])
    }
    return CalendarData(tuple(notices), extra)


class WorkingCalendar:
    """Working days from FIRST_YEAR to LAST_YEAR as a sorted array of day numbers."""

    def __init__(self, days_off: Iterable[dt.date], worked_days: Iterable[dt.date]) -> None:
        off = {np.datetime64(d, "D") for d in days_off}
        worked = {np.datetime64(d, "D") for d in worked_days}
        all_days = np.arange(
            np.datetime64(f"{FIRST_YEAR}-01-01"),
            np.datetime64(f"{LAST_YEAR + 1}-01-01"),
            dtype="datetime64[D]",
        )
        weekday = (all_days.astype(np.int64) + 3) % 7  # 1970-01-01 was a Thursday (3)
        is_work = weekday < 5
        if off:
            is_work &= ~np.isin(all_days, np.array(sorted(off), dtype="datetime64[D]"))
        if worked:
            is_work |= np.isin(all_days, np.array(sorted(worked), dtype="datetime64[D]"))
        self._first = all_days[0]
        self._is_work = is_work
        self._work_days: DayArray = all_days[is_work]
        # cumulative count of working days up to and including each day
        self._cum: IntArray = np.cumsum(is_work).astype(np.int64)

    # --- scalar forms -------------------------------------------------------------------
    def is_working_day(self, day: dt.date) -> bool:
        return bool(self._is_work[self._offset(np.datetime64(day, "D"))])

    def next_working_day(self, day: dt.date, *, strictly_after: bool = False) -> dt.date:
        """The first working day on or (strictly) after `day`."""
        side: Literal["left", "right"] = "right" if strictly_after else "left"
        idx = int(np.searchsorted(self._work_days, np.datetime64(day, "D"), side=side))
        return self._to_date(self._work_days[self._check(idx)])

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        """The n-th working day after `day` (day 1 is the first working day after it)."""
        return self._to_date(
            self.add_working_days_array(np.array([day], dtype="datetime64[D]"), np.array([n]))[0]
        )

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in (start, end]; negative when end is before start."""
        starts = np.array([start], dtype="datetime64[D]")
        return int(
            self.working_days_between_array(starts, np.array([end], dtype="datetime64[D]"))[0]
        )

    # --- vectorised forms ----------------------------------------------------------------
    def add_working_days_array(self, days: DayArray, n: npt.NDArray[np.integer]) -> DayArray:
        """Element-wise `add_working_days`; n ≤ 0 gives the first working day on or after."""
        n = np.asarray(n, dtype=np.int64)
        after = np.searchsorted(self._work_days, days, side="right")
        on_or_after = np.searchsorted(self._work_days, days, side="left")
        idx = np.where(n > 0, after + n - 1, on_or_after)
        return self._work_days[self._check_array(idx)]

    def next_working_day_array(self, days: DayArray, *, strictly_after: bool = False) -> DayArray:
        side: Literal["left", "right"] = "right" if strictly_after else "left"
        idx = np.searchsorted(self._work_days, days, side=side)
        return self._work_days[self._check_array(idx)]

    def working_days_between_array(self, starts: DayArray, ends: DayArray) -> IntArray:
        diff: IntArray = self._cum[self._offset_array(ends)] - self._cum[self._offset_array(starts)]
        return diff

    def is_working_day_array(self, days: DayArray) -> npt.NDArray[np.bool_]:
        return self._is_work[self._offset_array(days)]

    # --- helpers -------------------------------------------------------------------------
    def _offset(self, day: np.datetime64) -> int:
        off = int((day - self._first).astype(np.int64))
        if not 0 <= off < len(self._is_work):
            raise ValueError(
                f"ngày ngoài lịch {FIRST_YEAR}–{LAST_YEAR} (date outside calendar): {day}"
            )
        return off

    def _offset_array(self, days: DayArray) -> IntArray:
        off: IntArray = (days.astype("datetime64[D]") - self._first).astype(np.int64)
        if off.size and (off.min() < 0 or off.max() >= len(self._is_work)):
            raise ValueError(f"ngày ngoài lịch {FIRST_YEAR}–{LAST_YEAR} (date outside calendar)")
        return off

    def _check(self, idx: int) -> int:
        if idx >= len(self._work_days):
            raise ValueError(f"vượt quá lịch đến năm {LAST_YEAR} (beyond the calendar's end)")
        return idx

    def _check_array(self, idx: IntArray) -> IntArray:
        if idx.size and idx.max() >= len(self._work_days):
            raise ValueError(f"vượt quá lịch đến năm {LAST_YEAR} (beyond the calendar's end)")
        return idx

    @staticmethod
    def _to_date(day: np.datetime64) -> dt.date:
        return dt.date.fromisoformat(str(day.astype("datetime64[D]")))


def statutory_days_off(years: Iterable[int]) -> tuple[set[dt.date], set[dt.date]]:
    """Holidays (with observed days) and swapped Saturdays that the `holidays` package knows."""
    years = list(years)
    vn = holidays.country_holidays("VN", years=years)
    wanted = set(years)
    worked = {d for d in getattr(vn, "weekend_workdays", set()) if d.year in wanted}
    return set(vn.keys()), worked


def build_calendar(
    data: CalendarData | None = None,
    overrides_off: Iterable[dt.date] = (),
    overrides_work: Iterable[dt.date] = (),
) -> WorkingCalendar:
    """Statutory holidays, replaced by the official notice for the years that have one, then the
    unconfirmed days off, then an administrator's overrides (which win over everything)."""
    data = data or load_notices()
    noticed = {n.year for n in data.notices}
    off, worked = statutory_days_off(
        y for y in range(FIRST_YEAR, LAST_YEAR + 1) if y not in noticed
    )
    for notice in data.notices:
        off |= notice.days_off
        worked |= notice.worked_days
    off |= set(data.extra_days_off)
    work_override = set(overrides_work)
    off = (off | set(overrides_off)) - work_override
    worked = (worked | work_override) - set(overrides_off)
    return WorkingCalendar(off, worked)
