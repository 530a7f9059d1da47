"""The shape of the demo province's workload: volume over the year, channels, lateness, and the
problems planted for an inspection to find. Pure numpy; every number here is a demo assumption,
chosen to look like the 93–99% on-time rates provinces publish (docs/demo.md), not a measurement.
"""

from __future__ import annotations

import datetime as dt
import zlib
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from cchc.core.calendar import DayArray, WorkingCalendar

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

OFFICE_MORNING = (450, 690)  # 07:30–11:30, minutes after midnight
OFFICE_AFTERNOON = (810, 1020)  # 13:30–17:00

# Month factors: a rush before Tết and before the year closes, a quiet summer.
MONTH_FACTOR = np.array([1.10, 0.80, 1.05, 1.00, 0.95, 1.00, 0.95, 1.00, 0.95, 1.00, 1.05, 1.15])
YEARLY_GROWTH = 0.06
# Days off that are not weekends (Tết, holidays) damp the following week too.
AFTER_HOLIDAY_DAYS = 7
AFTER_HOLIDAY_FACTOR = 0.7
# On non-working days only people submitting online still submit, and fewer of them.
OFF_DAY_ONLINE_INTENSITY = 0.35
POSTAL_SHARE = 0.03
# Online dossiers some systems accept automatically at submission, weekends included.
AUTO_RECEIPT_SHARE = 0.06
# Online share of submissions: rising from 20% (Jan 2022) to 70% (Dec 2026).
ONLINE_SHARE_START = (dt.date(2022, 1, 1), 0.20)
ONLINE_SHARE_END = (dt.date(2026, 12, 31), 0.70)

# Share of the workload by kind of unit (renormalised over the kinds active on a day).
KIND_SHARE = {"commune": 0.50, "district": 0.08, "land": 0.20, "agency": 0.22}

# Base probability that a dossier is finished late (or still open past its deadline), by year.
BASE_LATE_RATE = {2022: 0.028, 2023: 0.030, 2024: 0.024, 2025: 0.025, 2026: 0.018}
MERGER_TURBULENCE = (dt.date(2025, 7, 1), dt.date(2025, 9, 30), 1.6)
LAND_SECTOR_FACTOR = 1.8
ON_TIME_SHARE_OF_IN_TIME = 0.15  # of dossiers not late, finished exactly on the deadline day
SUPPLEMENT_ONCE_RATE = 0.07
SUPPLEMENT_REPEATED_RATE = 0.006
APOLOGY_RATE = 0.95


@dataclass(frozen=True)
class PlantedProblems:
    """The units whose data hides what an inspection should find (all fictional)."""

    land_office: str | None = None  # late land dossiers rising in 2023 (≥ 3× its 2022 rate)
    supplement_units: tuple[str, ...] = ()  # ask for supplements again and again
    appointment_units: tuple[str, ...] = ()  # appointments beyond the statutory time
    no_apology_units: tuple[str, ...] = ()  # late dossiers without an apology letter


# The planted problems' strength.
LAND_OFFICE_LATE_RATE = {2022: 0.04, 2023: 0.20, 2024: 0.06}
LAND_OFFICE_LATE_RATE_LATER = 0.05
LAND_OFFICE_FROM = dt.date(2023, 1, 1)
SUPPLEMENT_COMMUNE_REPEATED_RATE = 0.30
APPOINTMENT_BEYOND_RATE = 0.30
APPOINTMENT_BEYOND_FROM = dt.date(2023, 1, 1)
NO_APOLOGY_LATE_FACTOR = 2.5
NO_APOLOGY_APOLOGY_RATE = 0.12

# The demo's inspection history (cchc.demo.inspections) visits the planted units on these days;
# afterwards each problem recedes, so the inspection shows an effect (docs/demo.md).
LAND_OFFICE_INSPECTED = dt.date(2023, 5, 17)
SUPPLEMENT_INSPECTED = dt.date(2023, 5, 10)
APPOINTMENT_INSPECTED = dt.date(2023, 6, 7)
LAND_OFFICE_AFTER_INSPECTION = 0.07  # for the rest of 2023
SUPPLEMENT_AFTER_INSPECTION = 0.10  # repeated supplement requests, still 15× elsewhere
APPOINTMENT_AFTER_INSPECTION = 0.06


def years_of(days: DayArray) -> npt.NDArray[np.int64]:
    return days.astype("datetime64[Y]").astype(np.int64) + 1970


def months_of(days: DayArray) -> npt.NDArray[np.int64]:
    return days.astype("datetime64[M]").astype(np.int64) % 12


def online_share(days: DayArray) -> FloatArray:
    """The share of dossiers submitted online on each day: a straight line between the ends."""
    (d0, s0), (d1, s1) = ONLINE_SHARE_START, ONLINE_SHARE_END
    x0 = np.datetime64(d0, "D").astype(np.int64)
    x1 = np.datetime64(d1, "D").astype(np.int64)
    x = days.astype("datetime64[D]").astype(np.int64)
    result: FloatArray = np.clip(s0 + (s1 - s0) * (x - x0) / (x1 - x0), s0, s1)
    return result


def day_weights(days: DayArray, cal: WorkingCalendar) -> FloatArray:
    """Relative number of dossiers submitted on each day."""
    working = cal.is_working_day_array(days)
    weekday = (days.astype(np.int64) + 3) % 7
    weekend = weekday >= 5
    base = MONTH_FACTOR[months_of(days)] * (1 + YEARLY_GROWTH) ** (years_of(days) - 2022)
    # the week after a run of holidays (Tết above all) is slow to restart
    holiday = ~working & ~weekend
    after = np.zeros(len(days), dtype=bool)
    for lag in range(1, AFTER_HOLIDAY_DAYS + 1):
        after[lag:] |= holiday[:-lag]
    base = np.where(after & working, base * AFTER_HOLIDAY_FACTOR, base)
    off_day = base * online_share(days) * OFF_DAY_ONLINE_INTENSITY
    result: FloatArray = np.where(working, base, off_day)
    return result


def base_late_rate(days: DayArray) -> FloatArray:
    years = years_of(days)
    rate = np.zeros(len(days))
    for year, value in BASE_LATE_RATE.items():
        rate[years == year] = value
    rate[years > max(BASE_LATE_RATE)] = BASE_LATE_RATE[max(BASE_LATE_RATE)]
    start, end, factor = MERGER_TURBULENCE
    in_turbulence = (days >= np.datetime64(start, "D")) & (days <= np.datetime64(end, "D"))
    result: FloatArray = np.where(in_turbulence, rate * factor, rate)
    return result


def land_office_late_rate(days: DayArray) -> FloatArray:
    """The planted land office: fine in 2022, worse month by month in 2023 until its surprise
    inspection (LAND_OFFICE_INSPECTED), recovering after it."""
    years = years_of(days)
    rate = np.full(len(days), LAND_OFFICE_LATE_RATE_LATER)
    for year, value in LAND_OFFICE_LATE_RATE.items():
        rate[years == year] = value
    # within 2023 it gets steadily worse: 25% in January to 35% in May …
    in_2023 = years == 2023
    ramp = 1.25 + months_of(days) / 8.0
    rate = np.where(in_2023, rate * ramp, rate)
    # … until the inspection; afterwards far fewer late dossiers
    after = in_2023 & (days > np.datetime64(LAND_OFFICE_INSPECTED, "D"))
    result: FloatArray = np.where(after, LAND_OFFICE_AFTER_INSPECTION, rate)
    return result


def stable_unit_factor(code: str) -> float:
    """A unit's size or habit, the same in every run (from its code, not the seed)."""
    return 0.5 + (zlib.crc32(code.encode("utf-8")) % 1000) / 1000.0 * 1.5


def office_minutes(rng: np.random.Generator, n: int) -> IntArray:
    """A time within office hours, morning twice as busy as afternoon."""
    morning = rng.random(n) < 2 / 3
    am = rng.integers(*OFFICE_MORNING, size=n)
    pm = rng.integers(*OFFICE_AFTERNOON, size=n)
    result: IntArray = np.where(morning, am, pm).astype(np.int64)
    return result
