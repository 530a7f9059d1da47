"""What happens to each demo dossier after receipt: appointment, supplements and pauses, finish,
return, apology, payment and digitisation, with the planted problems. Pure numpy.

The appointment is the statutory due date computed by the rulebook (so the importer finds no
gap) except where a planted agency sets it later; lateness is drawn first and the finish
day placed before, on or after the deadline to match.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from cchc.core.calendar import DayArray, WorkingCalendar
from cchc.demo import patterns
from cchc.demo.patterns import PlantedProblems, office_minutes
from cchc.demo.spec import DemoProcedure, DemoUnit
from cchc.dossiers.rulebook.timing import LIMIT_UNIT_CODES, NAT, TimingInputs, statutory_due_dates

IntArray = npt.NDArray[np.int64]
Int8Array = npt.NDArray[np.int8]
ONLINE = 0
STATUS_IN_PROCESS = 4  # Đang xử lý
STATUS_SUPPLEMENT = 5  # Yêu cầu bổ sung giấy tờ
STATUS_DONE = 9  # Đã xử lý xong
STATUS_RETURNED = 10  # Đã trả kết quả


@dataclass(frozen=True)
class Drawn:
    channel: IntArray
    rec_day: DayArray
    rec_min: IntArray
    unit_index: IntArray
    proc_index: IntArray


@dataclass(frozen=True)
class Outcomes:
    due_day: DayArray
    finish_day: DayArray  # NaT while open at the end date
    finish_min: IntArray
    return_day: DayArray
    return_min: IntArray
    status: Int8Array
    supplement_requests: IntArray
    paused_days: IntArray
    apology_issued: npt.NDArray[np.bool_]
    paid_online: Int8Array  # 1 / 0 / -1 when the procedure has no fee
    digitised: npt.NDArray[np.bool_]
    e_result: Int8Array  # -1 while open


def _rising(days: DayArray, first: float, last: float) -> npt.NDArray[np.float64]:
    """A share rising linearly from `first` (start 2022) to `last` (end 2026)."""
    x0 = np.datetime64("2022-01-01", "D").astype(np.int64)
    x1 = np.datetime64("2026-12-31", "D").astype(np.int64)
    t = (days.astype(np.int64) - x0) / (x1 - x0)
    result: npt.NDArray[np.float64] = np.clip(first + (last - first) * t, first, last)
    return result


def _unit_mask(units: Sequence[DemoUnit], codes: set[str]) -> npt.NDArray[np.bool_]:
    return np.array([u.code in codes for u in units], dtype=bool)


def _statutory(drawn: Drawn, procedures: Sequence[DemoProcedure], cal: WorkingCalendar) -> DayArray:
    limit = np.array([p.time_limit for p in procedures], dtype=np.float64)[drawn.proc_index]
    unit = np.array([LIMIT_UNIT_CODES[p.time_unit] for p in procedures])[drawn.proc_index]
    cutoff = np.array([p.cutoff_minute for p in procedures], dtype=np.int64)[drawn.proc_index]
    n = len(drawn.rec_day)
    inputs = TimingInputs(
        received_on=drawn.rec_day,
        received_minute=drawn.rec_min,
        time_limit=limit,
        limit_unit=unit.astype(np.int64),
        cutoff_minute=cutoff,
        source_due_on=np.full(n, NAT),
        paused_days=np.zeros(n, dtype=np.int64),
        finished_on=np.full(n, NAT),
        supplement_requests=np.zeros(n, dtype=np.int64),
        apology_issued=np.full(n, -1, dtype=np.int8),
    )
    return statutory_due_dates(inputs, cal)


def _late_probability(
    rng: np.random.Generator,
    drawn: Drawn,
    units: Sequence[DemoUnit],
    procedures: Sequence[DemoProcedure],
    planted: PlantedProblems,
) -> npt.NDArray[np.float64]:
    habit = rng.lognormal(0.0, 0.3, size=len(units))  # each unit's own carefulness
    land = np.array([p.land for p in procedures], dtype=bool)[drawn.proc_index]
    p = patterns.base_late_rate(drawn.rec_day) * habit[drawn.unit_index]
    p = np.where(land, p * patterns.LAND_SECTOR_FACTOR, p)
    no_apology = _unit_mask(units, set(planted.no_apology_units))[drawn.unit_index]
    p = np.where(no_apology, p * patterns.NO_APOLOGY_LATE_FACTOR, p)
    if planted.land_office:
        office = _unit_mask(units, {planted.land_office})[drawn.unit_index]
        p = np.where(office, patterns.land_office_late_rate(drawn.rec_day), p)
    result: npt.NDArray[np.float64] = np.clip(p, 0.0, 0.6)
    return result


def _after(
    days: DayArray, inspected: dt.date, before: float, after: float
) -> npt.NDArray[np.float64]:
    """A planted rate that drops after the unit's inspection (cchc.demo.inspections)."""
    result: npt.NDArray[np.float64] = np.where(days > np.datetime64(inspected, "D"), after, before)
    return result


def draw_outcomes(
    rng: np.random.Generator,
    drawn: Drawn,
    units: Sequence[DemoUnit],
    procedures: Sequence[DemoProcedure],
    planted: PlantedProblems,
    end_date: dt.date,
    cal: WorkingCalendar,
) -> Outcomes:
    n = len(drawn.rec_day)
    end = np.datetime64(end_date, "D")
    statutory = _statutory(drawn, procedures, cal)

    # appointment (ngày hẹn trả): the statutory date, or later at the planted agency
    due = statutory
    if planted.appointment_units:
        at_agency = _unit_mask(units, set(planted.appointment_units))[drawn.unit_index]
        beyond = (
            at_agency
            & (drawn.rec_day >= np.datetime64(patterns.APPOINTMENT_BEYOND_FROM, "D"))
            & (
                rng.random(n)
                < _after(
                    drawn.rec_day,
                    patterns.APPOINTMENT_INSPECTED,
                    patterns.APPOINTMENT_BEYOND_RATE,
                    patterns.APPOINTMENT_AFTER_INSPECTION,
                )
            )
        )
        later = cal.add_working_days_array(statutory, rng.integers(2, 11, size=n))
        due = np.where(beyond, later, statutory)

    # supplement requests (yêu cầu bổ sung) and the pause they cause
    repeated_rate = np.full(n, patterns.SUPPLEMENT_REPEATED_RATE)
    if planted.supplement_units:
        at_commune = _unit_mask(units, set(planted.supplement_units))[drawn.unit_index]
        planted_rate = _after(
            drawn.rec_day,
            patterns.SUPPLEMENT_INSPECTED,
            patterns.SUPPLEMENT_COMMUNE_REPEATED_RATE,
            patterns.SUPPLEMENT_AFTER_INSPECTION,
        )
        repeated_rate = np.where(at_commune, planted_rate, repeated_rate)
    r = rng.random(n)
    supplements = np.where(
        r < repeated_rate,
        rng.integers(2, 5, size=n),
        np.where(r < repeated_rate + patterns.SUPPLEMENT_ONCE_RATE, 1, 0),
    ).astype(np.int64)
    paused = np.where(supplements > 0, supplements * rng.integers(1, 6, size=n), 0)
    deadline = np.where(paused > 0, cal.add_working_days_array(due, paused), due)

    # finish: late, exactly on the deadline, or early
    late = rng.random(n) < _late_probability(rng, drawn, units, procedures, planted)
    span = cal.working_days_between_array(drawn.rec_day, deadline)
    on_time = ~late & ((rng.random(n) < patterns.ON_TIME_SHARE_OF_IN_TIME) | (span <= 0))
    k = np.clip(np.floor(rng.beta(2.0, 1.6, size=n) * span), 0, np.maximum(span - 1, 0))
    first_day = cal.next_working_day_array(drawn.rec_day)
    early_day = np.where(k < 1, first_day, cal.add_working_days_array(drawn.rec_day, k))
    late_day = cal.add_working_days_array(deadline, rng.geometric(0.25, size=n))
    finish = np.where(late, late_day, np.where(on_time, deadline, early_day))
    finish_min = office_minutes(rng, n)
    same_day = finish == drawn.rec_day
    finish_min = np.where(same_day, np.maximum(finish_min, drawn.rec_min + 30), finish_min)
    finish_min = np.minimum(finish_min, 1439)
    finished = finish <= end

    # return of the result: same day when electronic or online, else within 0–2 working days
    online = drawn.channel == ONLINE
    e_result = finished & (rng.random(n) < _rising(drawn.rec_day, 0.20, 0.85))
    wait = np.where(online | e_result, 0, rng.integers(0, 3, size=n))
    return_day = np.where(wait > 0, cal.add_working_days_array(finish, wait), finish)
    returned = finished & (return_day <= end)
    return_min = np.where(wait > 0, office_minutes(rng, n), finish_min)

    waiting_supplement = (supplements > 0) & (rng.random(n) < 0.5)
    status = np.where(
        returned,
        STATUS_RETURNED,
        np.where(
            finished,
            STATUS_DONE,
            np.where(waiting_supplement, STATUS_SUPPLEMENT, STATUS_IN_PROCESS),
        ),
    ).astype(np.int8)

    # an apology letter when the dossier counts as late (portal: also > 1 supplement request)
    counts_late = late | (supplements > 1)
    apology_rate = np.where(
        _unit_mask(units, set(planted.no_apology_units))[drawn.unit_index],
        patterns.NO_APOLOGY_APOLOGY_RATE,
        patterns.APOLOGY_RATE,
    )
    apology = counts_late & (rng.random(n) < apology_rate)

    has_fee = np.array([p.has_fee for p in procedures], dtype=bool)[drawn.proc_index]
    paid = online & (rng.random(n) < _rising(drawn.rec_day, 0.30, 0.80))
    digitised = rng.random(n) < _rising(drawn.rec_day, 0.25, 0.90)
    return Outcomes(
        due_day=due,
        finish_day=np.where(finished, finish, NAT),
        finish_min=finish_min,
        return_day=np.where(returned, return_day, NAT),
        return_min=return_min,
        status=status,
        supplement_requests=supplements,
        paused_days=paused,
        apology_issued=apology,
        paid_online=np.where(has_fee, paid.astype(np.int8), -1).astype(np.int8),
        digitised=digitised,
        e_result=np.where(finished, e_result.astype(np.int8), -1).astype(np.int8),
    )
