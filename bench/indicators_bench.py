"""Every indicator for every unit × month of a year, over the Parquet store.

cchc's engine (SQL generated from the catalogue, one query for all 12 months) against, in the
same process and on the same files: a hand-written single DuckDB query for the core counts, and
pandas. Rows: CCHC_BENCH_ROWS (default 1,000,000). Prints times, ratios and peak memory.
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROWS = int(os.environ.get("CCHC_BENCH_ROWS", "1000000"))
YEAR = 2025

HAND_SQL = """
WITH p AS (SELECT * FROM periods)
SELECT p.label, d.unit_code,
  SUM(CASE WHEN (d.finished_on BETWEEN p.p_start AND p.p_end)
            OR (d.finished_on IS NULL OR d.finished_on > p.p_end) THEN 1 ELSE 0 END) AS in_scope,
  SUM(CASE WHEN d.finished_on BETWEEN p.p_start AND p.p_end AND d.finish_outcome = 3 THEN 1
           WHEN (d.finished_on IS NULL OR d.finished_on > p.p_end) AND d.deadline_on < p.p_ref
           THEN 1 ELSE 0 END) AS late,
  SUM(CASE WHEN d.received_on >= p.p_start AND d.channel = 'online' THEN 1 ELSE 0 END) AS online
FROM read_parquet('{glob}') d JOIN p
  ON d.received_on <= p.p_end AND (d.finished_on IS NULL OR d.finished_on >= p.p_start)
GROUP BY 1, 2 ORDER BY 1, 2
"""


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(label: str, fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - start
    print(f"  {label:<58} {seconds:8.2f} s   peak RSS {_peak_mb():7.0f} MB")
    return seconds, result


def _months() -> list[tuple[str, dt.date, dt.date, dt.date]]:
    out = []
    for m in range(1, 13):
        end = dt.date(YEAR + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1)
        out.append((f"{YEAR}-{m:02d}", dt.date(YEAR, m, 1), end, end))
    return out


def _pandas(root: Path) -> dict[tuple[str, str], tuple[int, int, int]]:
    import pandas as pd

    cols = ["unit_code", "channel", "received_on", "finished_on", "deadline_on", "finish_outcome"]
    frame = pd.read_parquet(root / "dossiers", columns=cols)
    for c in ("received_on", "finished_on", "deadline_on"):
        frame[c] = pd.to_datetime(frame[c])
    out: dict[tuple[str, str], tuple[int, int, int]] = {}
    for label, start, end, ref in _months():
        s, e, r = pd.Timestamp(start), pd.Timestamp(end), pd.Timestamp(ref)
        f = frame[(frame.received_on <= e) & (frame.finished_on.isna() | (frame.finished_on >= s))]
        ended = (f.finished_on >= s) & (f.finished_on <= e)
        open_end = f.finished_on.isna() | (f.finished_on > e)
        late = (ended & (f.finish_outcome == 3)) | (open_end & (f.deadline_on < r))
        online = (f.received_on >= s) & (f.channel == "online")
        g = (
            pd.DataFrame(
                {"unit": f.unit_code, "scope": ended | open_end, "late": late, "online": online}
            )
            .groupby("unit")
            .sum()
        )
        for unit, row in g.iterrows():
            out[(label, str(unit))] = (int(row.scope), int(row.late), int(row.online))
    return out


def main() -> None:
    os.environ.setdefault("CCHC_DATA_DIR", tempfile.mkdtemp(prefix="cchc-bench-"))
    from cchc.cli import setup_django

    setup_django()
    import duckdb

    from cchc.indicators.catalogue import load_catalogue
    from cchc.indicators.engines import DuckDBEngine, Inputs
    from cchc.indicators.results import assemble
    from cchc.indicators.sql import indicator_query
    from cchc.indicators.synthetic import generate_store

    with tempfile.TemporaryDirectory(prefix="cchc-indicators-") as tmp:
        root = Path(tmp)
        print(f"indicators: {ROWS:,} dossiers, 40 units × 12 months of {YEAR}")
        _timed(f"generate {ROWS:,} rows of Parquet (setup)", lambda: generate_store(root, ROWS))
        catalogue = load_catalogue()
        sql, columns = indicator_query(catalogue.indicators, "unit", restrict_units=False)
        inputs = Inputs(root, _months())

        def engine() -> list[Any]:
            rows = DuckDBEngine().run(sql, inputs)
            return assemble(catalogue, catalogue.indicators, columns, rows, {})

        t_engine, scored = _timed("cchc engine: all 23 indicators + points (DuckDB)", engine)
        glob = str(root / "dossiers" / "*" / "*" / "*.parquet")

        def hand() -> list[Any]:
            con = duckdb.connect()
            con.register("periods", inputs.periods_table())
            rows = con.execute(HAND_SQL.format(glob=glob)).fetchall()
            con.close()
            return rows

        t_hand, hand_rows = _timed("hand-written DuckDB SQL: 3 core counts only", hand)
        t_pandas, pandas_counts = _timed("pandas: the same 3 core counts", lambda: _pandas(root))
        by_key = {(r.period, r.group_code): r for r in scored}
        for label, unit, scope, late, _online in hand_rows:
            m = by_key[(label, unit)].measures["766.2a"]
            assert (m.denominator, m.denominator - (m.numerator or 0)) == (scope, late)
            assert pandas_counts[(label, unit)][:2] == (scope, late)
        print(f"  results agree on {len(hand_rows)} unit × month rows")
        print(f"  ratio engine / hand-written SQL: {t_engine / t_hand:5.2f}")
        print(f"  ratio pandas / engine:           {t_pandas / t_engine:5.2f}")


if __name__ == "__main__":
    main()
