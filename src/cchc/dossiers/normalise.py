"""From validated rows to the values stored: timing, flags, pseudonyms and database text."""

from __future__ import annotations

from typing import Any

import numpy as np
import polars as pl
from django.conf import settings

from cchc.core.calendar import WorkingCalendar
from cchc.core.models import Procedure
from cchc.dossiers import upsert
from cchc.dossiers.columns import DATETIME_COLUMNS, DOSSIER_COLUMNS
from cchc.dossiers.pseudonym import pseudonymise
from cchc.dossiers.timing import LIMIT_UNIT_CODES, TimingInputs, compute_timing
from cchc.dossiers.validate import LOCAL_OFFSET


def procedures_frame() -> pl.DataFrame:
    """Per procedure what its dossiers' timing needs: sector, limit, unit and cut-off minute."""
    rows = [
        (p.code, p.sector, float(p.time_limit) if p.time_limit is not None else None,
         LIMIT_UNIT_CODES.get(p.time_unit, 0),
         p.cutoff.hour * 60 + p.cutoff.minute if p.cutoff else -1)
        for p in Procedure.objects.only("code", "sector", "time_limit", "time_unit", "cutoff")
    ]  # fmt: skip
    schema = {"procedure_code": pl.String, "sector": pl.String, "time_limit": pl.Float64,
              "limit_unit": pl.Int64, "cutoff_minute": pl.Int64}  # fmt: skip
    return pl.DataFrame(rows, schema=schema, orient="row")


def _local_days(frame: pl.DataFrame, column: str) -> Any:
    days = frame.select((pl.col(column) + LOCAL_OFFSET).dt.date())[column]
    return days.to_numpy().astype("datetime64[D]")


def normalise(
    typed: pl.DataFrame, procedures: pl.DataFrame, cal: WorkingCalendar, vendor: str
) -> pl.DataFrame:
    """DB-ready values for `vendor`: UTC text times, local dates, pseudonyms, timing and flags.

    Row by row (no value depends on another row's), so parts of a file give the same rows as the
    whole file. Touches no database connection: it runs in the import's background thread.
    """
    frame = typed.join(procedures, on="procedure_code", how="left").with_columns(
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
        pseudonymise(frame["applicant_id"], settings.PSEUDONYM_KEY).alias("applicant_pseudonym"),
    ).rename({"dossier_code": "code"})
    # hashed while dates and times are numbers (cheaper than their text, and the same change)
    hashed = upsert.with_row_hash(typed_values.select(*DOSSIER_COLUMNS))
    return hashed.with_columns(
        *(pl.col(k).dt.strftime("%Y-%m-%d") for k in dates),
        *(upsert.db_datetime(hashed[c], vendor) for c in DATETIME_COLUMNS),
    )
