"""From validated rows to the values stored: timing, flags, pseudonyms and database text.

Pure (no Django, no database): a large import runs it in a second process (normalise_pool.py).
"""

from __future__ import annotations

import polars as pl

from cchc.core.calendar import WorkingCalendar
from cchc.dossiers.columns import DATE_COLUMNS, DATETIME_COLUMNS, DOSSIER_COLUMNS
from cchc.dossiers.pseudonym import pseudonymise
from cchc.dossiers.stored_timing import local_day, stored_timing

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


def normalise(
    typed: pl.DataFrame, procedures: pl.DataFrame, cal: WorkingCalendar, vendor: str, key: str
) -> pl.DataFrame:
    """DB-ready values for `vendor`: UTC text times, local dates, pseudonyms (keyed with `key`),
    timing and flags. Row by row (no value depends on another row's), so parts of a file give
    the same rows as the whole file."""
    frame = typed.join(
        procedures, on="procedure_code", how="left", maintain_order="left"
    ).with_columns(
        local_day(pl.col("received_at")).alias("received_on"),
        local_day(pl.coalesce("finished_at", "returned_at")).alias("finished_on"),
        pl.col("sector").fill_null(""),
        pl.col("supplement_requests").fill_null(0),
        pl.col("paused_days").fill_null(0),
    )
    # the same function recompute.py applies to the rows stored
    timing = stored_timing(frame, cal).get_columns()
    typed_values = (
        frame.hstack(timing)
        .with_columns(pseudonymise(frame["applicant_id"], key).alias("applicant_pseudonym"))
        .rename({"dossier_code": "code"})
    )
    # hashed while dates and times are numbers (cheaper than their text, and the same change)
    hashed = with_row_hash(typed_values.select(*DOSSIER_COLUMNS))
    return hashed.with_columns(
        *(pl.col(k).dt.strftime("%Y-%m-%d") for k in DATE_COLUMNS),
        *(db_datetime(hashed[c], vendor) for c in DATETIME_COLUMNS),
    )
