"""Every indicator for every unit × month of a year, over the Parquet store, at 1M and 10M rows.

Three contenders compute THE SAME FIGURES (every aggregate behind the 23 indicators: counts,
distinct procedures, sums for averages, known-field counts) in the same process on the same files:
cchc's engine (SQL generated from the catalogue — the branch-split plan, docs/analytics.md — then
scored), a hand-written single DuckDB query, and pandas; plus the engine's plain single-scan plan
(the reference its tests compare to, and the plan before the branch split). All are checked equal.
Each timed run reads the Parquet files afresh; nothing is cached between runs. Wall time is the
goal's measure; CPU seconds (all threads) are printed too, as the machine may be shared.
Then the incremental path at 1M: import one more month through the real importer (its hook
refreshes the store), and recompute.

Goals (issue): engine within 1.5× of the hand-written query, ≥ 10× faster than pandas, peak
memory < 4 GB at 10M. Rows: CCHC_BENCH_INDICATOR_ROWS (default "1000000,10000000").
The synthetic store is written in a subprocess so that its memory is not counted here.
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

SIZES = [int(n) for n in os.environ.get("CCHC_BENCH_INDICATOR_ROWS", "1000000,10000000").split(",")]
YEAR = 2025
Key = tuple[str, str]

# Hand-written: what an analyst would write for the 766 figures, one scan, one query.
HAND_SQL = """
WITH d AS (
  SELECT x.*, pr.online_level, pr.has_fee, p.label, p.p_start, p.p_end, p.p_ref,
         x.finished_on BETWEEN p.p_start AND p.p_end AS ended,
         x.received_on <= p.p_end
           AND (x.finished_on IS NULL OR x.finished_on > p.p_end) AS open_end,
         x.received_on BETWEEN p.p_start AND p.p_end AS rec
  FROM read_parquet('{glob}') x
  LEFT JOIN read_parquet('{procedures}') pr ON pr.code = x.procedure_code
  JOIN periods p
    ON x.received_on <= p.p_end AND (x.finished_on IS NULL OR x.finished_on >= p.p_start)
), f AS (
  SELECT *, COALESCE(ended, FALSE) OR COALESCE(open_end, FALSE) AS in_period,
         CASE WHEN ended THEN finish_outcome = 3 WHEN deadline_on IS NULL THEN FALSE
              ELSE deadline_on < p_ref END AS late,
         online_level IN ('full', 'partial') AS offered
  FROM d
)
SELECT label, unit_code,
  count(*) FILTER (in_period AND late) AS late, count(*) FILTER (in_period) AS in_period,
  count(working_days_to_finish) FILTER (ended) AS wd_n,
  coalesce(sum(working_days_to_finish) FILTER (ended), 0) AS wd_sum,
  count(*) FILTER (ended AND e_result) AS e_result, count(*) FILTER (ended) AS ended,
  count(e_result) FILTER (ended) AS e_known,
  count(*) FILTER (rec AND digitised) AS digitised, count(*) FILTER (rec) AS received,
  count(digitised) FILTER (rec) AS dig_known,
  count(DISTINCT procedure_code) FILTER (rec AND offered) AS procs_offered,
  count(DISTINCT procedure_code) FILTER (rec) AS procs,
  count(DISTINCT procedure_code) FILTER (rec AND offered AND channel = 'online') AS procs_used,
  count(*) FILTER (rec AND channel = 'online') AS online,
  count(DISTINCT procedure_code) FILTER (rec AND has_fee AND paid_online) AS fee_procs_paid,
  count(DISTINCT procedure_code) FILTER (rec AND has_fee) AS fee_procs,
  count(paid_online) FILTER (rec AND has_fee) AS paid_known,
  count(*) FILTER (rec AND has_fee AND paid_online) AS paid,
  count(*) FILTER (rec AND has_fee) AS fee,
  count(*) FILTER (open_end AND late) AS open_overdue,
  count(*) FILTER (ended AND flag_late_no_apology) AS no_apology,
  count(*) FILTER (in_period AND flag_repeated_supplements) AS repeated,
  count(*) FILTER (rec AND flag_beyond_statutory) AS beyond
FROM f GROUP BY 1, 2 ORDER BY 1, 2
"""
# The same figures, named by the engine's (indicator, part) columns.
FIGURES: list[tuple[str, str, str]] = [
    ("late", "766.2a", "n"), ("in_period", "766.2a", "d"),
    ("wd_n", "766.2b", "n"), ("wd_sum", "766.2b", "s"),
    ("e_result", "766.3a", "n"), ("ended", "766.3a", "d"), ("e_known", "766.3a", "k"),
    ("digitised", "766.3b", "n"), ("received", "766.3b", "d"), ("dig_known", "766.3b", "k"),
    ("procs_offered", "766.4a", "n"), ("procs", "766.4a", "d"),
    ("procs_used", "766.4b", "n"), ("procs_offered", "766.4b", "d"),
    ("online", "766.4c", "n"), ("received", "766.4c", "d"),
    ("fee_procs_paid", "766.4d", "n"), ("fee_procs", "766.4d", "d"), ("paid_known", "766.4d", "k"),
    ("paid", "766.4e", "n"), ("fee", "766.4e", "d"), ("paid_known", "766.4e", "k"),
    ("late", "op.late", "n"), ("open_overdue", "op.open_overdue", "n"),
    ("no_apology", "op.late_no_apology", "n"), ("repeated", "op.repeated_supplements", "n"),
    ("beyond", "op.beyond_statutory", "n"),
    ("wd_n", "op.avg_working_days", "n"), ("wd_sum", "op.avg_working_days", "s"),
]  # fmt: skip
NAMES = list(dict.fromkeys(name for name, _, _ in FIGURES))


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _timed(label: str, fn: Callable[[], Any]) -> tuple[float, Any]:
    start, cpu = time.perf_counter(), _cpu()
    result = fn()
    seconds, cpu = time.perf_counter() - start, _cpu() - cpu
    print(
        f"  {label:<62} {seconds:8.2f} s  (CPU {cpu:7.2f} s)  peak RSS {_peak_mb():7.0f} MB",
        flush=True,
    )
    return seconds, result


def months(year: int = YEAR, count: int = 12) -> list[tuple[str, dt.date, dt.date, dt.date]]:
    out = []
    for k in range(count):
        y, m = year + k // 12, k % 12 + 1
        end = dt.date(y + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1)
        out.append((f"{y}-{m:02d}", dt.date(y, m, 1), end, end))
    return out


def pandas_figures(root: Path) -> dict[Key, dict[str, int]]:
    """The same figures with pandas: one month at a time, boolean masks, one groupby each."""
    import pandas as pd

    frame = pd.read_parquet(root / "dossiers", dtype_backend="numpy_nullable")
    procs = pd.read_parquet(
        root / "procedures" / "part.parquet", columns=["code", "online_level", "has_fee"]
    )
    frame = frame.merge(procs, how="left", left_on="procedure_code", right_on="code")
    for c in ("received_on", "finished_on", "deadline_on"):
        frame[c] = pd.to_datetime(frame[c])
    out: dict[Key, dict[str, int]] = {}
    for label, start, end, ref in months():
        s, e, r = pd.Timestamp(start), pd.Timestamp(end), pd.Timestamp(ref)
        f = frame[(frame.received_on <= e) & (frame.finished_on.isna() | (frame.finished_on >= s))]
        ended = ((f.finished_on >= s) & (f.finished_on <= e)).fillna(False)
        open_end = (f.received_on <= e) & (f.finished_on.isna() | (f.finished_on > e)).fillna(False)
        rec = (f.received_on >= s) & (f.received_on <= e)
        in_period = ended | open_end
        late = (ended & (f.finish_outcome == 3).fillna(False)) | (
            ~ended & (f.deadline_on < r).fillna(False)
        )
        offered = f.online_level.isin(["full", "partial"])
        fee = f.has_fee.fillna(False).astype(bool)
        paid_online = f.paid_online.fillna(False).astype(bool)
        online = f.channel == "online"
        wd = f.working_days_to_finish
        counts = (
            pd.DataFrame(
                {
                    "late": in_period & late,
                    "in_period": in_period,
                    "wd_n": ended & wd.notna(),
                    "wd_sum": wd.where(ended, 0).fillna(0),
                    "e_result": ended & f.e_result.fillna(False).astype(bool),
                    "ended": ended,
                    "e_known": ended & f.e_result.notna(),
                    "digitised": rec & f.digitised.fillna(False).astype(bool),
                    "received": rec,
                    "dig_known": rec & f.digitised.notna(),
                    "online": rec & online,
                    "paid_known": rec & fee & f.paid_online.notna(),
                    "paid": rec & fee & paid_online,
                    "fee": rec & fee,
                    "open_overdue": open_end & late,
                    "no_apology": ended & f.flag_late_no_apology.fillna(False).astype(bool),
                    "repeated": in_period & f.flag_repeated_supplements.fillna(False).astype(bool),
                    "beyond": rec & f.flag_beyond_statutory.fillna(False).astype(bool),
                }
            )
            .astype("int64")
            .groupby(f.unit_code.to_numpy())
            .sum()
        )
        distinct = {
            "procs_offered": rec & offered,
            "procs": rec,
            "procs_used": rec & offered & online,
            "fee_procs_paid": rec & fee & paid_online,
            "fee_procs": rec & fee,
        }
        for name, mask in distinct.items():
            sel = f.loc[mask.to_numpy(), ["unit_code", "procedure_code"]]
            counts[name] = sel.groupby("unit_code").procedure_code.nunique()
        counts = counts.fillna(0).astype("int64")
        for unit, row in counts.iterrows():
            out[(label, str(unit))] = {n: int(row[n]) for n in NAMES}
    return out


def month_csv(path: Path, rows: int, month: str, units: list[str], procedures: list[str]) -> None:
    """`rows` canonical dossiers received in `month` (YYYY-MM), finished 0–20 days later or open."""
    import numpy as np
    import polars as pl

    rng = np.random.default_rng(11)
    start = np.datetime64(f"{month}-01T07:30", "m")
    received = start + rng.integers(0, 28 * 24 * 60, rows).astype("timedelta64[m]")
    finished = received + rng.integers(60, 20 * 24 * 60, rows).astype("timedelta64[m]")
    is_open = rng.random(rows) < 0.1
    frame = pl.DataFrame(
        {
            "dossier_code": [f"M{month}-{i:08d}" for i in range(rows)],
            "procedure_code": rng.choice(procedures, rows),
            "unit_code": rng.choice(units, rows),
            "channel": rng.choice(["online", "in_person", "postal"], rows, p=[0.6, 0.35, 0.05]),
            "received_at": pl.Series(received.astype("datetime64[ms]")).dt.strftime(
                "%d/%m/%Y %H:%M"
            ),
            "finished_at": pl.Series(finished.astype("datetime64[ms]")).dt.strftime(
                "%d/%m/%Y %H:%M"
            ),
            "paid_online": rng.choice(["0", "1"], rows),
            "applicant_id": [f"0{n:011d}" for n in rng.integers(0, rows, rows)],
        }
    ).with_columns(
        pl.when(pl.Series(is_open)).then(None).otherwise(pl.col("finished_at")).alias("finished_at")
    )
    frame.write_csv(path)


def _generate(root: Path, rows: int) -> None:
    code = "import sys; from pathlib import Path; from cchc.cli import setup_django; "
    code += "setup_django(); from cchc.analytics.synthetic import "
    code += "generate_store; generate_store(Path(sys.argv[1]), int(sys.argv[2]))"
    subprocess.run([sys.executable, "-c", code, str(root), str(rows)], check=True)


def _engine_figures(rows: list[Any], columns: list[Any]) -> dict[Key, dict[str, int]]:
    index = {(c.code, c.part): i for i, c in enumerate(columns)}
    out: dict[Key, dict[str, int]] = {}
    for row in rows:
        values = {name: int(row[2 + index[(code, part)]] or 0) for name, code, part in FIGURES}
        out[(str(row[0]), str(row[1]))] = values
    return out


def run_size(rows: int) -> None:
    import duckdb
    import pandas  # noqa: F401  # imported before timing, like duckdb: no contender pays imports

    from cchc.indicators.catalogue import load_catalogue
    from cchc.indicators.engines import DuckDBEngine, Inputs
    from cchc.indicators.results import assemble
    from cchc.indicators.sql import single_scan_query
    from cchc.indicators.sql_branches import indicator_query

    with tempfile.TemporaryDirectory(prefix="cchc-indicators-") as tmp:
        root = Path(tmp)
        print(f"indicators: {rows:,} dossiers, 40 units × 12 months of {YEAR}, all 23 indicators")
        _timed(
            f"generate {rows:,} rows of Parquet (setup, subprocess)", lambda: _generate(root, rows)
        )
        catalogue = load_catalogue()
        # No unit mapping (the province as-was): the query reads no unit_map, as in compute.py.
        sql, columns = indicator_query(
            catalogue.indicators, "unit", restrict_units=False, mapped=False
        )
        inputs = Inputs(root, months())
        raw: list[Any] = []

        def engine() -> list[Any]:
            raw[:] = DuckDBEngine().run(sql, inputs)
            return assemble(catalogue, catalogue.indicators, columns, raw, {})

        t_engine, scored = _timed("cchc engine: every indicator + points (DuckDB)", engine)
        engine_peak = _peak_mb()
        plain_sql, _ = single_scan_query(catalogue.indicators, "unit", restrict_units=False)
        _, plain_raw = _timed(
            "engine's single-scan plan (reference; the plan before)",
            lambda: DuckDBEngine().run(plain_sql, inputs),
        )
        glob = str(root / "dossiers" / "*" / "*" / "*.parquet")
        hand_sql = HAND_SQL.format(glob=glob, procedures=root / "procedures" / "part.parquet")

        def hand() -> dict[Key, dict[str, int]]:
            con = duckdb.connect()
            con.register("periods", inputs.periods_table())
            result = con.execute(hand_sql).fetchall()
            con.close()
            return {(r[0], r[1]): dict(zip(NAMES, map(int, r[2:]), strict=True)) for r in result}

        t_hand, hand_figures = _timed("hand-written DuckDB SQL: the same figures, one query", hand)
        t_pandas, pandas_result = _timed("pandas: the same figures", lambda: pandas_figures(root))
        ours = _engine_figures(raw, columns)
        assert ours == _engine_figures(plain_raw, columns), "the engine's two plans differ"
        assert ours == hand_figures, "engine and hand-written SQL differ"
        assert ours == pandas_result, "engine and pandas differ"
        print(f"  all agree on {len(ours)} unit × month rows × {len(NAMES)} figures")
        assert len(scored) == len(ours)
        print(f"  ratio engine / hand-written SQL: {t_engine / t_hand:5.2f}   (goal ≤ 1.5)")
        print(f"  ratio pandas / engine:           {t_pandas / t_engine:5.2f}   (goal ≥ 10)")
        print(f"  peak RSS after the engine: {engine_peak:,.0f} MB   (goal < 4,096 at 10M)")
        if rows == SIZES[0]:
            _incremental(root, rows // 12)


def _incremental(root: Path, rows: int) -> None:
    """Import one more month (January of the next year) and bring the indicators up to date."""
    import pyarrow.parquet as pq
    from django.conf import settings

    from cchc.analytics.store import read_stamp, refresh_after_import, write_stamp
    from cchc.cli import ensure_database
    from cchc.core.models import Procedure, Unit
    from cchc.dossiers.importer import import_dossiers
    from cchc.indicators.catalogue import load_catalogue
    from cchc.indicators.engines import DuckDBEngine, Inputs
    from cchc.indicators.results import assemble
    from cchc.indicators.sql_branches import indicator_query

    ensure_database()
    settings.ANALYTICS_DIR = root
    procs = pq.read_table(root / "procedures" / "part.parquet").to_pylist()
    Unit.objects.bulk_create(
        Unit(code=f"U{i:03d}", name=f"U{i:03d}", kind="commune") for i in range(40)
    )
    Procedure.objects.bulk_create(
        Procedure(code=p["code"], name=p["code"], sector=p["sector"], time_limit=10,
                  online_level=p["online_level"], has_fee=p["has_fee"])
        for p in procs
    )  # fmt: skip
    write_stamp(root)
    csv_path = root / "one-month.csv"
    month_csv(csv_path, rows, f"{YEAR + 1}-01", [f"U{i:03d}" for i in range(40)],
              [p["code"] for p in procs])  # fmt: skip
    print(
        f"  incremental: import {rows:,} dossiers of {YEAR + 1}-01 (its hook refreshes the store)"
    )
    _, result = _timed("  import + store refresh (hook)", lambda: import_dossiers(csv_path))
    stamp = read_stamp(root)
    assert stamp is not None and stamp.latest_batch_id == result.batch_id, stamp
    t_refresh, _ = _timed(
        "  store refresh alone (the month rewritten)", lambda: refresh_after_import(result.batch_id)
    )
    catalogue = load_catalogue()
    sql, columns = indicator_query(catalogue.indicators, "unit", restrict_units=False, mapped=False)
    inputs = Inputs(root, months(YEAR, 13))
    t_all, _ = _timed(
        "  recompute every indicator, 13 months",
        lambda: assemble(
            catalogue, catalogue.indicators, columns, DuckDBEngine().run(sql, inputs), {}
        ),
    )
    print(
        f"  incremental refresh after one more month: {t_refresh + t_all:.2f} s "
        "(refresh + recompute)"
    )


def main() -> None:
    os.environ.setdefault("CCHC_DATA_DIR", tempfile.mkdtemp(prefix="cchc-bench-"))
    os.environ.setdefault("CCHC_SECRET_KEY", "bench-only-secret-key")
    from cchc.cli import setup_django

    setup_django()
    for rows in SIZES:
        run_size(rows)


if __name__ == "__main__":
    main()
