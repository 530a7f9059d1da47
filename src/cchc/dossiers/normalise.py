"""From validated rows to the values stored: timing, flags, pseudonyms and database text.

Pure (no Django, no database): a large import runs it in a second process (normalise_pool.py).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import polars as pl

from cchc.core.calendar import WorkingCalendar
from cchc.dossiers.columns import DATETIME_COLUMNS, DOSSIER_COLUMNS
from cchc.dossiers.pseudonym import pseudonymise
from cchc.dossiers.rulebook.timing import TimingInputs, compute_timing
from cchc.dossiers.validate import LOCAL_OFFSET

ROW_HASH_SEED = 20_250_701


def db_datetime(values: pl.Series, vendor: str) -> pl.Series:
    """Naive UTC datetimes as Django stores them (microseconds only when not zero)."""
    text = values.dt.strftime("%Y-%m-%d %H:%M:%S")
    fraction = values.dt.microsecond() != 0
    if fraction.any():  # most exports have whole seconds: skip the second format
        text = pl.select(
            pl.when(fraction).then(text + values.dt.strftime("%.6f")).otherwise(text)
        ).to_series()
    if vendor == "postgresql":
        text = text + "+00:00"
    return text.alias(values.name)


def with_row_hash(frame: pl.DataFrame) -> pl.DataFrame:
    """Add `row_hash`: a 64-bit hash of every stored value (a changed rule or calendar counts too).

    Computed by polars over the row's typed values (dates and times as numbers, no Python per
    row). It only has to tell the
    stored version of a dossier from a new one, so 64 bits are plenty. Polars keeps it stable
    within a version only: after a polars upgrade every dossier may count as "updated" once.
    """
    digest = pl.struct(DOSSIER_COLUMNS).hash(seed=ROW_HASH_SEED)
    return frame.with_columns(digest.cast(pl.String).str.zfill(20).alias("row_hash"))


def _local_days(frame: pl.DataFrame, column: str) -> Any:
    days = frame.select((pl.col(column) + LOCAL_OFFSET).dt.date())[column]
    return days.to_numpy().astype("datetime64[D]")


def normalise(
    typed: pl.DataFrame, procedures: pl.DataFrame, cal: WorkingCalendar, vendor: str, key: str
) -> pl.DataFrame:
    """DB-ready values for `vendor`: UTC text times, local dates, pseudonyms (keyed with `key`),
    timing and flags. Row by row (no value depends on another row's), so parts of a file give
    the same rows as the whole file."""
    frame = typed.join(
        procedures, on="procedure_code", how="left", maintain_order="left"
    ).with_columns(
        pl.coalesce("finished_at", "returned_at").alias("__finished"),
        pl.col("sector").fill_null(""),
        pl.col("supplement_requests").fill_null(0),
        pl.col("paused_days").fill_null(0),
    )
    n = frame.height
    inputs = TimingInputs(
        received_on=_local_days(frame, "received_at"),
        received_minute=frame["received_minute"].to_numpy().astype(np.int64),
        time_limit=frame["time_limit"].fill_null(np.nan).to_numpy().astype(np.float64),
        limit_unit=frame["limit_unit"].fill_null(0).to_numpy().astype(np.int64),
        cutoff_minute=frame["cutoff_minute"].fill_null(-1).to_numpy().astype(np.int64),
        source_due_on=_local_days(frame, "due_at"),
        paused_days=frame["paused_days"].to_numpy().astype(np.int64),
        finished_on=_local_days(frame, "__finished"),
        supplement_requests=frame["supplement_requests"].to_numpy().astype(np.int64),
        apology_issued=frame["apology_issued"]
        .cast(pl.Int8)
        .fill_null(-1)
        .to_numpy()
        .astype(np.int8),
    )
    result = compute_timing(inputs, cal) if n else None
    dates = {
        "received_on": inputs.received_on,
        "finished_on": inputs.finished_on,
        "statutory_due_on": result.statutory_due_on if result else inputs.received_on,
        "deadline_on": result.deadline_on if result else inputs.received_on,
    }
    outcome = result.finish_outcome if result else np.zeros(0, dtype=np.int8)
    flags = {
        "flag_beyond_statutory": result.flag_beyond_statutory if result else np.zeros(0, bool),
        "flag_late_no_apology": result.flag_late_no_apology if result else np.zeros(0, bool),
        "flag_repeated_supplements": (
            result.flag_repeated_supplements if result else np.zeros(0, bool)
        ),
    }
    typed_values = frame.with_columns(
        *(pl.Series(k, v, dtype=pl.Date) for k, v in dates.items()),
        pl.Series("finish_outcome", outcome, dtype=pl.Int8).replace(0, None).cast(pl.Int16),
        *(pl.Series(k, v, dtype=pl.Boolean) for k, v in flags.items()),
        pseudonymise(frame["applicant_id"], key).alias("applicant_pseudonym"),
    ).rename({"dossier_code": "code"})
    # hashed while dates and times are numbers (cheaper than their text, and the same change)
    hashed = with_row_hash(typed_values.select(*DOSSIER_COLUMNS))
    return hashed.with_columns(
        *(pl.col(k).dt.strftime("%Y-%m-%d") for k in dates),
        *(db_datetime(hashed[c], vendor) for c in DATETIME_COLUMNS),
    )
