"""The rulebook applied to a dossier's stored values: one path for the import and the recompute.

The import applies it to the typed rows it is about to store (normalise.py), `cchc dossiers
recompute` to the rows stored (recompute.py): both build the rulebook's inputs with
`timing_inputs` from the same columns and turn its result into the same stored columns with
`stored_timing`, so the two cannot disagree. Pure (no Django, no database).
"""

from __future__ import annotations

import numpy as np
import polars as pl

from cchc.core.calendar import DayArray, WorkingCalendar
from cchc.dossiers.rulebook.timing import TimingInputs, compute_timing
from cchc.dossiers.validate import LOCAL_OFFSET

# The Dossier table's columns the rules read (received_at and due_at: naive UTC datetimes;
# finished_on: the local day processing ended) and the procedure's (importer.procedures_frame)
STORED_INPUTS = (
    "received_at", "due_at", "finished_on", "paused_days", "supplement_requests", "apology_issued"
)  # fmt: skip
PROCEDURE_INPUTS = ("time_limit", "limit_unit", "cutoff_minute")
# The columns the rules compute, as the Dossier table stores them
TIMING_SCHEMA = {
    "statutory_due_on": pl.Date,
    "deadline_on": pl.Date,
    "finish_outcome": pl.Int16,  # null while open
    "flag_beyond_statutory": pl.Boolean,
    "flag_late_no_apology": pl.Boolean,
    "flag_repeated_supplements": pl.Boolean,
}
DUE_DATE_COLUMNS = ("statutory_due_on", "deadline_on")
FLAG_COLUMNS = ("flag_beyond_statutory", "flag_late_no_apology", "flag_repeated_supplements")


def local_day(utc: pl.Expr) -> pl.Expr:
    """The local (UTC+7) day of naive UTC datetimes."""
    return (utc + LOCAL_OFFSET).dt.date()


def _local_days(frame: pl.DataFrame, column: str) -> DayArray:
    days = frame.select(local_day(pl.col(column)))[column]
    result: DayArray = days.to_numpy().astype("datetime64[D]")
    return result


def local_minute(column: str) -> pl.Expr:
    """Minutes after local midnight, -1 at midnight exactly: a receipt given as a bare date is
    stored at local 00:00 and its time is unknown (TimingInputs.received_minute)."""
    local = pl.col(column) + LOCAL_OFFSET
    minute = local.dt.hour().cast(pl.Int64) * 60 + local.dt.minute().cast(pl.Int64)
    return pl.when(minute == 0).then(-1).otherwise(minute).alias(column)


def timing_inputs(frame: pl.DataFrame) -> TimingInputs:
    """The rulebook's inputs for every row of `frame` (STORED_INPUTS + PROCEDURE_INPUTS; the
    procedure's columns are null when the catalogue does not know it)."""
    minute = frame.select(local_minute("received_at"))["received_at"]
    return TimingInputs(
        received_on=_local_days(frame, "received_at"),
        received_minute=minute.to_numpy().astype(np.int64),
        time_limit=frame["time_limit"].cast(pl.Float64).fill_null(np.nan).to_numpy(),
        limit_unit=frame["limit_unit"].fill_null(0).to_numpy().astype(np.int64),
        cutoff_minute=frame["cutoff_minute"].fill_null(-1).to_numpy().astype(np.int64),
        source_due_on=_local_days(frame, "due_at"),
        paused_days=frame["paused_days"].fill_null(0).to_numpy().astype(np.int64),
        finished_on=frame["finished_on"].to_numpy().astype("datetime64[D]"),
        supplement_requests=frame["supplement_requests"].fill_null(0).to_numpy().astype(np.int64),
        apology_issued=frame["apology_issued"]
        .cast(pl.Int8)
        .fill_null(-1)
        .to_numpy()
        .astype(np.int8),
    )


def stored_timing(frame: pl.DataFrame, cal: WorkingCalendar) -> pl.DataFrame:
    """The columns of TIMING_SCHEMA for every row of `frame`, by the rulebook and `cal`."""
    if frame.height == 0:
        return pl.DataFrame(schema=TIMING_SCHEMA)
    result = compute_timing(timing_inputs(frame), cal)
    outcome = pl.Series("finish_outcome", result.finish_outcome, dtype=pl.Int8)
    return pl.DataFrame(
        [
            pl.Series("statutory_due_on", result.statutory_due_on, dtype=pl.Date),
            pl.Series("deadline_on", result.deadline_on, dtype=pl.Date),
            outcome.replace(0, None).cast(pl.Int16),
            pl.Series("flag_beyond_statutory", result.flag_beyond_statutory, dtype=pl.Boolean),
            pl.Series("flag_late_no_apology", result.flag_late_no_apology, dtype=pl.Boolean),
            pl.Series(
                "flag_repeated_supplements", result.flag_repeated_supplements, dtype=pl.Boolean
            ),
        ]
    )
