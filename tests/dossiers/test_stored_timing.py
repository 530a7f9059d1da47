"""The rulebook's inputs built from stored values (the one path of the import and the recompute)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl

from cchc.dossiers.stored_timing import timing_inputs


def _stored(received_utc: dt.datetime, **values: object) -> pl.DataFrame:
    row: dict[str, object] = {
        "received_at": received_utc, "due_at": None, "finished_on": None, "paused_days": None,
        "supplement_requests": None, "apology_issued": None, "time_limit": None,
        "limit_unit": None, "cutoff_minute": None,
    }  # fmt: skip
    row.update(values)
    schema: dict[str, pl.DataType] = {"received_at": pl.Datetime("us"), "due_at": pl.Datetime("us"),
              "finished_on": pl.Date(), "paused_days": pl.Int64(),
              "supplement_requests": pl.Int64(), "apology_issued": pl.Boolean(),
              "time_limit": pl.Float64(), "limit_unit": pl.Int64(),
              "cutoff_minute": pl.Int64()}  # fmt: skip
    return pl.DataFrame([row], schema=schema)


def test_receipt_day_and_minute_are_local_time() -> None:
    # 01:15 UTC on 1 Jul 2025 is 08:15 in Viet Nam (UTC+7): minute 8 × 60 + 15 = 495
    inputs = timing_inputs(_stored(dt.datetime(2025, 7, 1, 1, 15)))
    assert inputs.received_on[0] == np.datetime64("2025-07-01")
    assert inputs.received_minute[0] == 495


def test_a_receipt_stored_at_local_midnight_has_no_known_time() -> None:
    # a bare date "02/07/2025" is stored as local 00:00, i.e. 17:00 UTC the day before
    inputs = timing_inputs(_stored(dt.datetime(2025, 7, 1, 17, 0)))
    assert inputs.received_on[0] == np.datetime64("2025-07-02")
    assert inputs.received_minute[0] == -1


def test_missing_values_take_the_rulebooks_not_given_markers() -> None:
    inputs = timing_inputs(_stored(dt.datetime(2025, 7, 1, 1, 15)))
    assert np.isnan(inputs.time_limit[0]) and inputs.cutoff_minute[0] == -1
    assert np.isnat(inputs.source_due_on[0]) and np.isnat(inputs.finished_on[0])
    assert (inputs.paused_days[0], inputs.supplement_requests[0]) == (0, 0)
    assert inputs.apology_issued[0] == -1


def test_the_source_appointment_is_judged_by_its_local_day() -> None:
    # 18:00 UTC on 6 Jul is 01:00 on 7 Jul in Viet Nam
    inputs = timing_inputs(
        _stored(dt.datetime(2025, 7, 1, 1, 15), due_at=dt.datetime(2025, 7, 6, 18, 0))
    )
    assert inputs.source_due_on[0] == np.datetime64("2025-07-07")
