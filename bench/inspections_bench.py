"""Risk scores and a full inspection plan for a province with 1,000,000 dossiers a year (SQLite).

Goal (issue 5): every unit scored and the plan built in < 1 s. One grouped query (unit × sector)
and vectorised scoring; SQLite needs seconds for that scan (its planner walks the unit index with
a row lookup each), the analytics engine (DuckDB over the Parquet store) does not.
A full plan run (risk + draw + dossier samples for every visit + storing) is timed on the SQL
engine (for comparison) and on the default "auto" engine with a current store.
Run: .venv/bin/python -m bench.inspections_bench   (CCHC_BENCH_ROWS=200000 to shrink;
CCHC_BENCH_PROFILE=1 to print a cProfile of the auto plan).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

ROWS = int(os.environ.get("CCHC_BENCH_ROWS", "1000000"))
UNITS = 300
SECTORS = ["Đất đai", "Hộ tịch", "Đầu tư tại Việt nam", "Hoạt động xây dựng", "Chứng thực"] + [
    f"Lĩnh vực {i}" for i in range(35)
]


def _timed(label: str, fn: Callable[[], Any]) -> Any:
    t0 = time.perf_counter()
    result = fn()
    print(f"  {label:<52} {time.perf_counter() - t0:7.3f} s")
    return result


def _seconds(fn: Callable[[], Any]) -> tuple[float, Any]:
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def _fill(db_path: str, rows: int, seed: int = 7) -> None:
    rng = np.random.default_rng(seed)
    received = np.datetime64("2024-01-01") + rng.integers(0, 366, rows).astype("timedelta64[D]")
    deadline = received + rng.integers(2, 15, rows).astype("timedelta64[D]")
    finished = received + rng.integers(0, 25, rows).astype("timedelta64[D]")
    is_open = rng.random(rows) < 0.05
    outcome = np.where(finished < deadline, 1, np.where(finished == deadline, 2, 3))
    units = rng.zipf(1.3, rows) % UNITS
    sectors = rng.integers(0, len(SECTORS), rows)
    flags = rng.random((rows, 3)) < np.array([0.03, 0.02, 0.04])

    def records() -> Iterator[tuple[Any, ...]]:
        for i in range(rows):
            op = bool(is_open[i])
            yield (
                f"H{i:09d}", "P1", f"U{units[i]:03d}", SECTORS[sectors[i]], "online",
                f"{received[i]}T02:00:00", str(received[i]), str(deadline[i]), str(deadline[i]),
                None if op else str(finished[i]), None if op else int(outcome[i]), 0, 0,
                bool(flags[i, 0]), bool(flags[i, 1]), bool(flags[i, 2]), "", "h",
            )  # fmt: skip

    con = sqlite3.connect(db_path)
    con.executemany(
        "INSERT INTO dossiers_dossier (code, procedure_code, unit_code, sector, channel, "
        "received_at, received_on, statutory_due_on, deadline_on, finished_on, finish_outcome, "
        "supplement_requests, paused_days, flag_beyond_statutory, flag_late_no_apology, "
        "flag_repeated_supplements, applicant_pseudonym, row_hash) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        records(),
    )
    con.commit()
    con.execute("ANALYZE")
    con.close()


def main() -> None:
    data_dir = tempfile.mkdtemp(prefix="cchc-bench-inspections-")
    try:
        _run(data_dir)
    finally:
        from django.db import connections

        connections.close_all()
        shutil.rmtree(data_dir, ignore_errors=True)


def _run(data_dir: str) -> None:
    os.environ["CCHC_DATA_DIR"] = data_dir
    os.environ.pop("CCHC_DATABASE_URL", None)
    from cchc.cli import ensure_database, setup_django

    setup_django()
    ensure_database()
    from django.db import connection

    from cchc.dossiers.periods import parse_period
    from cchc.inspections.config import load_risk_config
    from cchc.inspections.plans import run_plan
    from cchc.inspections.risk import score_units
    from cchc.inspections.risk_inputs import gather_risk_inputs

    db_path = str(connection.settings_dict["NAME"])
    _timed(f"insert {ROWS:,} dossiers (setup)", lambda: _fill(db_path, ROWS))
    year = parse_period("2024")
    today = dt.date(2025, 3, 1)
    config = load_risk_config()
    inputs = _timed(
        "gather inputs (one grouped query)", lambda: gather_risk_inputs(year, config, as_of=today)
    )
    print(
        f"    units: {len(inputs.unit_codes)}, "
        f"dossiers in the period: {int(inputs.in_period.sum()):,}"
    )
    table = _timed("score all units (vectorised)", lambda: score_units(inputs, config))
    _timed("rank and explain all units", table.ranked)

    def both() -> Any:
        return score_units(gather_risk_inputs(year, config, as_of=today), config)

    _timed("total (database): gather + score", both)
    from cchc.analytics.store import rebuild

    _timed("build the analytics store (setup)", rebuild)

    def analytics() -> Any:
        inputs = gather_risk_inputs(year, config, as_of=today, source="store")
        return score_units(inputs, config).ranked()

    analytics()  # warm DuckDB
    _timed("total (store): gather + score + rank", analytics)

    def plan(source: str) -> Callable[[], Any]:
        return lambda: run_plan(
            year,
            user=None,
            periodic=[f"U{i:03d}" for i in range(5)],
            surprise_k=10,
            rotation_k=20,
            seed=1,
            as_of=today,
            source_name=source,
        )

    label = "plan: 5 periodic, 10 surprise, 20 rotation + samples"
    run_sql, _ = _timed(f"{label} (database)", plan("database"))
    plan("auto")()  # warm DuckDB and the store's file cache, as on a running server
    seconds, (run_auto, _) = _seconds(plan("auto"))
    print(f"  {label + ' (auto)':<52} {seconds:7.3f} s")
    from cchc.inspections.plans import input_source_of

    source = input_source_of(run_auto)["source"]
    same = [(p.unit_code, p.sample) for p in run_auto.picks.all()] == [
        (p.unit_code, p.sample) for p in run_sql.picks.all()
    ]
    print(f"    auto source used: {source}; same picks and samples as the database: {same}")
    verdict = "OK" if seconds < 1.0 and source == "store" else "CHƯA ĐẠT"
    print(f"  plan < 1 s: {verdict} ({seconds:.3f} s at {ROWS:,} dossiers, auto source)")
    if os.environ.get("CCHC_BENCH_PROFILE"):
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.runcall(plan("auto"))
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
