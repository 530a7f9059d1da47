"""Deterministic generator of canonical dossier rows for the demo province.

`generate_dossiers(n, seed, units, procedures, end_date)` draws, in this order and from one
`numpy.random.Generator`: the day of submission (seasonal, with the Tết dip), the channel (online
share rising by year), the time of day and of valid receipt (working days only, except online
dossiers that a system receives automatically), the unit valid on the day of receipt, the procedure
the unit handles, and then the appointment, pauses and outcome (`outcomes.py`). Same inputs and
seed → the same frame, and `write_canonical_csv` writes it byte for byte the same.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
import polars as pl

from cchc.core.calendar import DayArray, WorkingCalendar, build_calendar
from cchc.core.months import add_months, month_end
from cchc.demo import patterns
from cchc.demo.outcomes import Drawn, draw_outcomes
from cchc.demo.patterns import OFFICE_AFTERNOON, OFFICE_MORNING, PlantedProblems, office_minutes
from cchc.demo.spec import DemoProcedure, DemoUnit
from cchc.dossiers.mapping import CANONICAL_FIELDS

IntArray = npt.NDArray[np.int64]
START_DATE = dt.date(2022, 1, 1)
CHANNELS = ("online", "in_person", "postal")  # canonical values (cchc.dossiers.models.Channel)
ONLINE, IN_PERSON, POSTAL = 0, 1, 2
CANONICAL_COLUMNS = CANONICAL_FIELDS  # the canonical import format, column for column


def last_full_month_end(today: dt.date) -> dt.date:
    return month_end(add_months(today, -1))


def _draw_submission(
    rng: np.random.Generator, n: int, start: dt.date, end: dt.date, cal: WorkingCalendar
) -> tuple[DayArray, IntArray]:
    days = np.arange(np.datetime64(start, "D"), np.datetime64(end, "D") + 1)
    weights = patterns.day_weights(days, cal)
    day_index = np.sort(rng.choice(len(days), size=n, p=weights / weights.sum()))
    submit_day: DayArray = days[day_index]
    working = cal.is_working_day_array(submit_day)
    u = rng.random(n)
    share = patterns.online_share(submit_day)
    channel = np.where(
        ~working | (u < share),
        ONLINE,
        np.where(u < share + patterns.POSTAL_SHARE, POSTAL, IN_PERSON),
    ).astype(np.int64)
    return submit_day, channel


def _draw_receipt(
    rng: np.random.Generator,
    day: DayArray,
    channel: IntArray,
    end: dt.date,
    cal: WorkingCalendar,
) -> tuple[DayArray, IntArray, DayArray, IntArray]:
    """(submitted day, submitted minute, received day, received minute).

    The drawn day is the submission day for online dossiers and the receipt day otherwise.
    """
    n = len(day)
    online = channel == ONLINE
    office = office_minutes(rng, n)
    daytime = rng.random(n) < 0.8
    online_minute = np.where(daytime, office_minutes(rng, n), rng.integers(0, 1440, size=n))
    sub_min = np.where(online, online_minute, office)
    postal_days = rng.integers(1, 4, size=n).astype("timedelta64[D]")
    sub_day = np.where(channel == POSTAL, day - postal_days, day)

    working = cal.is_working_day_array(day)
    auto = online & (rng.random(n) < patterns.AUTO_RECEIPT_SHARE)
    same_day = online & ~auto & working & (sub_min < OFFICE_AFTERNOON[1] - 60)
    next_day = online & ~auto & ~same_day
    rec_day = np.where(next_day, cal.next_working_day_array(day, strictly_after=True), day)
    delay = rng.integers(5, 240, size=n)
    rec_min = np.where(
        same_day,
        np.minimum(np.maximum(sub_min, OFFICE_MORNING[0]) + delay, OFFICE_AFTERNOON[1]),
        np.where(next_day, rng.integers(*OFFICE_MORNING, size=n), sub_min),
    )
    rec_min = np.where(channel == IN_PERSON, sub_min + rng.integers(0, 20, size=n), rec_min)
    # an online dossier submitted on the last days is received automatically, not next month
    beyond = rec_day > np.datetime64(end, "D")
    rec_day = np.where(beyond, day, rec_day)
    rec_min = np.where(beyond, sub_min, rec_min)
    return sub_day, sub_min.astype(np.int64), rec_day, rec_min.astype(np.int64)


def _unit_segments(units: Sequence[DemoUnit], start: dt.date, end: dt.date) -> list[dt.date]:
    cuts = {start, end + dt.timedelta(days=1)}
    for unit in units:
        if unit.active_from and start < unit.active_from <= end:
            cuts.add(unit.active_from)
        if unit.active_to and start <= unit.active_to < end:
            cuts.add(unit.active_to + dt.timedelta(days=1))
    return sorted(cuts)


def _unit_weights(units: Sequence[DemoUnit], active: list[int]) -> npt.NDArray[np.float64]:
    kinds = {units[i].kind for i in active}
    total_share = sum(patterns.KIND_SHARE[k] for k in kinds)
    size_by_kind = {k: sum(units[i].size for i in active if units[i].kind == k) for k in kinds}
    weights = np.array(
        [
            patterns.KIND_SHARE[units[i].kind]
            / total_share
            * units[i].size
            / size_by_kind[units[i].kind]
            for i in active
        ]
    )
    result: npt.NDArray[np.float64] = weights / weights.sum()
    return result


def _draw_units(
    rng: np.random.Generator,
    rec_day: DayArray,
    units: Sequence[DemoUnit],
    start: dt.date,
    end: dt.date,
) -> IntArray:
    """For each dossier, a unit active on its day of receipt, in proportion to its size."""
    result = np.full(len(rec_day), -1, dtype=np.int64)
    cuts = _unit_segments(units, start, end)
    for first, after in itertools.pairwise(cuts):
        rows = np.flatnonzero(
            (rec_day >= np.datetime64(first, "D")) & (rec_day < np.datetime64(after, "D"))
        )
        if not len(rows):
            continue
        active = [
            i
            for i, u in enumerate(units)
            if (u.active_from is None or u.active_from <= first)
            and (u.active_to is None or u.active_to >= after - dt.timedelta(days=1))
        ]
        if not active:
            raise ValueError(f"không có đơn vị nào từ {first} (no unit active from {first})")
        result[rows] = rng.choice(np.array(active), size=len(rows), p=_unit_weights(units, active))
    return result


def _draw_procedures(
    rng: np.random.Generator,
    unit_index: IntArray,
    units: Sequence[DemoUnit],
    procedures: Sequence[DemoProcedure],
) -> IntArray:
    keys = sorted({tuple(sorted(u.pools)) for u in units})
    key_of_unit = np.array([keys.index(tuple(sorted(u.pools))) for u in units])
    row_key = key_of_unit[unit_index]
    result = np.full(len(unit_index), -1, dtype=np.int64)
    for k, key in enumerate(keys):
        rows = np.flatnonzero(row_key == k)
        if not len(rows):
            continue
        candidates = [i for i, p in enumerate(procedures) if set(p.pools) & set(key)]
        if not candidates:
            raise ValueError(f"không có thủ tục cho nhóm {key} (no procedure for pools {key})")
        weights = np.array([procedures[i].weight for i in candidates], dtype=np.float64)
        result[rows] = rng.choice(np.array(candidates), size=len(rows), p=weights / weights.sum())
    return result


def generate_dossiers(
    n: int,
    seed: int,
    units: Sequence[DemoUnit],
    procedures: Sequence[DemoProcedure],
    end_date: dt.date,
    planted: PlantedProblems | None = None,
    calendar: WorkingCalendar | None = None,
    start_date: dt.date = START_DATE,
) -> pl.DataFrame:
    """`n` canonical dossier rows received from `start_date` to `end_date` (inclusive)."""
    if n < 1:
        raise ValueError("số hồ sơ phải dương (n must be positive)")
    cal = calendar or build_calendar()
    rng = np.random.default_rng(seed)
    day, channel = _draw_submission(rng, n, start_date, end_date, cal)
    sub_day, sub_min, rec_day, rec_min = _draw_receipt(rng, day, channel, end_date, cal)
    unit_index = _draw_units(rng, rec_day, units, start_date, end_date)
    proc_index = _draw_procedures(rng, unit_index, units, procedures)
    drawn = Drawn(
        channel=channel,
        rec_day=rec_day,
        rec_min=rec_min,
        unit_index=unit_index,
        proc_index=proc_index,
    )
    out = draw_outcomes(rng, drawn, units, procedures, planted or PlantedProblems(), end_date, cal)

    codes = pl.Series([u.code for u in units], dtype=pl.String)
    proc_codes = pl.Series([p.code for p in procedures], dtype=pl.String)
    seq = pl.Series(np.arange(1, n + 1)).cast(pl.String).str.zfill(7)
    received_at = _datetimes(rec_day, rec_min)
    frame = pl.DataFrame(
        {
            "procedure_code": proc_codes.gather(proc_index),
            "unit_code": codes.gather(unit_index),
            "channel": pl.Series(CHANNELS, dtype=pl.String).gather(channel),
            "submitted_at": _datetimes(sub_day, sub_min),
            "received_at": received_at,
            "due_at": _datetimes(out.due_day, np.full(n, 17 * 60)),
            "finished_at": _datetimes(out.finish_day, out.finish_min),
            "returned_at": _datetimes(out.return_day, out.return_min),
            "status": pl.Series(out.status, dtype=pl.Int8),
            "supplement_requests": pl.Series(out.supplement_requests, dtype=pl.Int16),
            "paused_days": pl.Series(out.paused_days, dtype=pl.Int16),
            "apology_issued": pl.Series(out.apology_issued, dtype=pl.Boolean),
            "paid_online": _optional_bool(out.paid_online),
            "digitised": pl.Series(out.digitised, dtype=pl.Boolean),
            "e_result": _optional_bool(out.e_result),
            "applicant_id": _applicant_ids(rng, n),
        }
    )
    dossier_code = pl.format("HS-{}-{}", pl.col("received_at").dt.strftime("%y%m%d"), seq)
    return frame.with_columns(dossier_code.alias("dossier_code")).select(CANONICAL_COLUMNS)


def _datetimes(days: DayArray, minutes: IntArray) -> pl.Series:
    stamps = days.astype("datetime64[m]") + minutes.astype("timedelta64[m]")
    return pl.Series(stamps.astype("datetime64[us]"))


def _optional_bool(codes: npt.NDArray[np.int8]) -> pl.Series:
    """1 yes, 0 no, -1 not applicable (null)."""
    series = pl.Series(codes == 1, dtype=pl.Boolean)
    return pl.select(pl.when(pl.lit(pl.Series(codes)) >= 0).then(series)).to_series()


def _applicant_ids(rng: np.random.Generator, n: int) -> pl.Series:
    """Fake 12-digit citizen numbers ("077…", the province code); about a third come back."""
    pool = rng.integers(0, 10**9, size=max(n // 3, 1))
    ids = pool[rng.integers(0, len(pool), size=n)]
    digits = pl.Series("applicant_id", ids).cast(pl.String).str.zfill(9)
    return pl.select(pl.concat_str(pl.lit("077"), pl.lit(digits))).to_series()


def write_canonical_csv(frame: pl.DataFrame, path: Path | str) -> Path:
    """UTF-8 CSV with the canonical header; local times `YYYY-MM-DD HH:MM:SS` (UTC+07:00)."""
    path = Path(path)
    frame.write_csv(path, datetime_format="%Y-%m-%d %H:%M:%S", null_value="")
    return path
