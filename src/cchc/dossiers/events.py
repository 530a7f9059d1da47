"""Event logs (one row per event): group the events of a case into one dossier and its steps.

A case's own columns are taken from its first event row; the case's line is that row's line. Events
keep their order in the file; a step runs from the previous event's time to its own (event logs
record completions), the first step starting at its own time.
"""

from __future__ import annotations

import polars as pl

from cchc.dossiers.mapping import EventLog
from cchc.dossiers.readers import LINE, STEP_COLUMNS, RawBatch

CASE_KEY = "__case"


def group_events(events: pl.DataFrame, log: EventLog) -> RawBatch:
    missing = [c for c in (log.case, log.time) if c not in events.columns]
    if missing:
        # leave the missing columns to validation, which reports them as missing required columns
        events = events.with_columns(pl.lit(None, dtype=pl.String).alias(c) for c in missing)
    events = events.with_columns(pl.col(log.case).alias(CASE_KEY))
    first_last = {
        f"__{field}": (pl.col(log.time).first() if which == "first" else pl.col(log.time).last())
        for field, which in log.from_event_time.items()
    }
    cases = events.group_by(CASE_KEY, maintain_order=True).agg(
        pl.col(LINE).first(),
        *(pl.col(c).first() for c in events.columns if c not in (LINE, CASE_KEY)),
        **first_last,
    )
    steps = events.select(
        CASE_KEY,
        pl.col(log.time).alias("ended_at"),
        *(
            (
                pl.col(log.step_fields[name])
                if log.step_fields.get(name) in events.columns
                else pl.lit(None, dtype=pl.String)
            ).alias(name)
            for name in ("name", "department", "officer")
        ),
    ).with_columns(
        pl.int_range(1, pl.len() + 1, dtype=pl.UInt32).over(CASE_KEY).alias("seq"),
        pl.coalesce(pl.col("ended_at").shift(1).over(CASE_KEY), pl.col("ended_at")).alias(
            "started_at"
        ),
        pl.lit(None, dtype=pl.String).alias("deadline_at"),
    )
    steps = steps.join(cases.select(CASE_KEY, LINE), on=CASE_KEY, how="left", nulls_equal=True)
    return RawBatch(
        rows=cases.drop(CASE_KEY),
        steps=steps.select(LINE, *STEP_COLUMNS),
    )
