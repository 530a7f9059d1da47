"""A deterministic synthetic analytics store, for engine-equality tests and benchmarks.

Writes the same layout as `store.rebuild` straight from numpy, without the database, so that
10^6–10^7 rows take seconds. The numbers are made up; nothing here is real data.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from cchc.analytics.store_schema import DOSSIER_SCHEMA, REFERENCE_TABLES, month_dir

CHANNELS = np.array(["online", "in_person", "postal"])
LEVELS = np.array(["full", "partial", "none"])


def _nullable_bool(rng: np.random.Generator, n: int, p_true: float, p_null: float) -> pa.Array:
    values = rng.random(n) < p_true
    mask = rng.random(n) < p_null
    return pa.array(values, mask=mask, type=pa.bool_())


def generate_store(
    root: Path,
    rows: int,
    *,
    year: int = 2025,
    units: int = 40,
    procedures: int = 300,
    seed: int = 7,
    chunk: int = 1_000_000,
) -> None:
    rng = np.random.default_rng(seed)
    unit_codes = np.array([f"U{i:03d}" for i in range(units)])
    proc_codes = np.array([f"P{i:04d}" for i in range(procedures)])
    start = np.datetime64(f"{year}-01-01")
    written = 0
    writers: dict[int, pq.ParquetWriter] = {}
    try:
        while written < rows:
            n = min(chunk, rows - written)
            received = start + rng.integers(0, 365, n).astype("timedelta64[D]")
            limit = rng.integers(1, 20, n)
            deadline = received + (limit * 7 // 5).astype("timedelta64[D]")
            took = rng.integers(0, 30, n)
            finished = received + took.astype("timedelta64[D]")
            still_open = rng.random(n) < 0.08
            finished = np.where(still_open, np.datetime64("NaT"), finished)
            outcome = np.where(
                still_open,
                0,
                np.where(finished < deadline, 1, np.where(finished == deadline, 2, 3)),
            )
            supplements = rng.integers(0, 3, n)
            apology = _nullable_bool(rng, n, 0.5, 0.1)
            late_no_apology = (outcome == 3) & ~np.asarray(apology.fill_null(True))
            table = pa.Table.from_arrays(
                [
                    pa.array([f"D{written + i:09d}" for i in range(n)]),
                    pa.array(unit_codes[rng.integers(0, units, n)]),
                    pa.array(proc_codes[rng.integers(0, procedures, n)]),
                    pa.array(np.array([f"S{k:02d}" for k in range(12)])[rng.integers(0, 12, n)]),
                    pa.array(CHANNELS[rng.choice(3, n, p=[0.6, 0.35, 0.05])]),
                    pa.array(received, pa.date32()),
                    pa.array(finished, pa.date32()),
                    pa.array(deadline, pa.date32()),
                    pa.array(deadline, pa.date32()),
                    pa.array(outcome.astype(np.int32), mask=still_open),
                    pa.array(supplements, pa.int32()),
                    pa.array(np.zeros(n, dtype=np.int32)),
                    apology,
                    _nullable_bool(rng, n, 0.4, 0.2),
                    _nullable_bool(rng, n, 0.7, 0.1),
                    _nullable_bool(rng, n, 0.6, 0.1),
                    pa.array(rng.random(n) < 0.03),
                    pa.array(late_no_apology),
                    pa.array(supplements > 1),
                    pa.array(np.where(still_open, 4, 10).astype(np.int32)),  # all counted
                    pa.array((took * 5 // 7).astype(np.int32), mask=still_open),
                ],
                schema=DOSSIER_SCHEMA,
            )
            months = received.astype("datetime64[M]").astype(np.int64)
            for key in np.unique(months):
                k = int(key)
                if k not in writers:
                    target = month_dir(root, (k // 12 + 1970, k % 12 + 1))
                    target.mkdir(parents=True, exist_ok=True)
                    writers[k] = pq.ParquetWriter(target / "part.parquet", DOSSIER_SCHEMA)
                writers[k].write_table(table.filter(pa.array(months == key)))
            written += n
    finally:
        for w in writers.values():
            w.close()
    _reference(root, rng, unit_codes, proc_codes)


def _reference(
    root: Path, rng: np.random.Generator, unit_codes: np.ndarray, proc_codes: np.ndarray
) -> None:
    n = len(proc_codes)
    tables = {
        "procedures": [
            pa.array(proc_codes),
            pa.array([f"S{k % 12:02d}" for k in range(n)]),
            pa.array(["Cấp tỉnh"] * n),
            pa.array(LEVELS[rng.integers(0, 3, n)]),
            pa.array(rng.random(n) < 0.4),
            pa.array(rng.integers(1, 20, n).astype(float)),
            pa.array(["working_days"] * n),
        ],
        "units": [
            pa.array(unit_codes),
            pa.array([f"Đơn vị {c}" for c in unit_codes]),
            pa.array(["commune"] * len(unit_codes)),
            pa.nulls(len(unit_codes), pa.string()),
            pa.nulls(len(unit_codes), pa.date32()),
            pa.nulls(len(unit_codes), pa.date32()),
        ],
        "unit_lineage": [pa.array([], t) for _, t in REFERENCE_TABLES["unit_lineage"][1]],
    }
    for name, arrays in tables.items():
        schema = pa.schema(REFERENCE_TABLES[name][1])
        (root / name).mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.Table.from_arrays(arrays, schema=schema), root / name / "part.parquet")
