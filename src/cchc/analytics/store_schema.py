"""The analytics store's layout and columns (docs/analytics.md):

ANALYTICS_DIR/
  dossiers/year=YYYY/month=MM/part.parquet   one file per month of receipt (hive layout)
  procedures/part.parquet  units/part.parquet  unit_lineage/part.parquet
  survey_answers/part.parquet  feedback/part.parquet   citizens' tables (store_extra.py)
  data_as_of.json                             when and from what the store was built
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
from django.conf import settings

from cchc.core.calendar import WorkingCalendar

STAMP = "data_as_of.json"
Month = tuple[int, int]

# (column in the database, Parquet type)
DOSSIER_COLUMNS: list[tuple[str, pa.DataType]] = [
    ("code", pa.string()),
    ("unit_code", pa.string()),
    ("procedure_code", pa.string()),
    ("sector", pa.string()),
    ("channel", pa.string()),
    ("received_on", pa.date32()),
    ("finished_on", pa.date32()),
    ("deadline_on", pa.date32()),
    ("statutory_due_on", pa.date32()),
    ("finish_outcome", pa.int32()),
    ("supplement_requests", pa.int32()),
    ("paused_days", pa.int32()),
    ("apology_issued", pa.bool_()),
    ("paid_online", pa.bool_()),
    ("digitised", pa.bool_()),
    ("e_result", pa.bool_()),
    ("flag_beyond_statutory", pa.bool_()),
    ("flag_late_no_apology", pa.bool_()),
    ("flag_repeated_supplements", pa.bool_()),
    ("status", pa.int32()),
]
# Raised with every change of the columns above: a store of another version is rebuilt.
SCHEMA_VERSION = 3  # 3: the citizens' tables (store_extra.py)
DOSSIER_SCHEMA = pa.schema(
    [pa.field(n, t) for n, t in DOSSIER_COLUMNS] + [pa.field("working_days_to_finish", pa.int32())]
)
REFERENCE_TABLES: dict[str, tuple[str, list[tuple[str, pa.DataType]]]] = {
    "procedures": (
        "SELECT code, sector, level, online_level, has_fee, CAST(time_limit AS REAL), time_unit "
        "FROM core_procedure",
        [
            ("code", pa.string()),
            ("sector", pa.string()),
            ("level", pa.string()),
            ("online_level", pa.string()),
            ("has_fee", pa.bool_()),
            ("time_limit", pa.float64()),
            ("time_unit", pa.string()),
        ],
    ),
    "units": (
        "SELECT u.code, u.name, u.kind, p.code, u.valid_from, u.valid_to "
        "FROM core_unit u LEFT JOIN core_unit p ON p.id = u.parent_id",
        [
            ("code", pa.string()),
            ("name", pa.string()),
            ("kind", pa.string()),
            ("parent_code", pa.string()),
            ("valid_from", pa.date32()),
            ("valid_to", pa.date32()),
        ],
    ),
    "unit_lineage": (
        "SELECT a.code, b.code, l.date, l.kind FROM core_unitlineage l "
        "JOIN core_unit a ON a.id = l.predecessor_id JOIN core_unit b ON b.id = l.successor_id",
        [
            ("predecessor_code", pa.string()),
            ("successor_code", pa.string()),
            ("date", pa.date32()),
            ("kind", pa.string()),
        ],
    ),
}


def analytics_dir() -> Path:
    return Path(settings.ANALYTICS_DIR)


def dossier_glob(root: Path | None = None) -> str:
    return str((root or analytics_dir()) / "dossiers" / "*" / "*" / "*.parquet")


def month_dir(root: Path, month: Month) -> Path:
    return root / "dossiers" / f"year={month[0]:04d}" / f"month={month[1]:02d}"


def working_days(table: pa.Table, cal: WorkingCalendar) -> pa.Array:
    """Working days from receipt to the end of processing (null when open or unknown)."""
    received = table.column("received_on").to_numpy(zero_copy_only=False).astype("datetime64[D]")
    finished = table.column("finished_on").to_numpy(zero_copy_only=False).astype("datetime64[D]")
    known = ~np.isnat(received) & ~np.isnat(finished)
    out = np.zeros(len(received), dtype=np.int64)
    if known.any():
        try:
            out[known] = cal.working_days_between_array(received[known], finished[known])
        except ValueError:  # a date outside the calendar's years: leave those unknown
            known[:] = False
    return pa.array(out, mask=~known, type=pa.int32())
