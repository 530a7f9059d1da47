"""Period summary and late list over 1,000,000 dossiers in SQLite, against polars reading the rows.

The baseline is what the summary would cost done in Python: read the period's rows from the
database into polars and group there. Goal: the SQL aggregate is faster than the baseline and
interactive (< 2 s) for a year by unit; a late-list page < 0.5 s at 100k listed dossiers.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable
from typing import Any

import numpy as np

ROWS = int(os.environ.get("CCHC_BENCH_ROWS", "1000000"))


def _timed(label: str, fn: Callable[[], Any]) -> Any:
    t0 = time.perf_counter()
    result = fn()
    print(f"  {label:<44} {time.perf_counter() - t0:7.3f} s")
    return result


def _fill(db_path: str, rows: int, seed: int = 11) -> None:
    rng = np.random.default_rng(seed)
    received = np.datetime64("2023-01-01") + rng.integers(0, 3 * 365, rows).astype("timedelta64[D]")
    deadline = received + rng.integers(2, 15, rows).astype("timedelta64[D]")
    finished = received + rng.integers(0, 25, rows).astype("timedelta64[D]")
    is_open = rng.random(rows) < 0.08
    outcome = np.where(finished < deadline, 1, np.where(finished == deadline, 2, 3))
    units = rng.integers(0, 120, rows)
    procs = rng.integers(0, 400, rows)
    channels = rng.choice(np.array(["online", "in_person", "postal"]), rows, p=[0.6, 0.35, 0.05])
    flags = rng.random(rows) < 0.05

    def records() -> Any:
        for i in range(rows):
            op = bool(is_open[i])
            yield (
                f"H{i:09d}",
                f"P{procs[i]:04d}",
                f"U{units[i]:03d}",
                f"Lĩnh vực {procs[i] % 30}",
                str(channels[i]),
                f"{received[i]}T02:00:00",
                str(received[i]),
                str(deadline[i]),
                str(deadline[i]),
                None if op else str(finished[i]),
                None if op else int(outcome[i]),
                0,
                0,
                bool(flags[i]),
                False,
                False,
                "",
                "h",
            )

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
    data_dir = tempfile.mkdtemp(prefix="cchc-bench-summary-")
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
    import polars as pl
    from django.db import connection

    from cchc.analytics.gateway import Analytics
    from cchc.dossiers.periods import parse_period
    from cchc.dossiers.summary import LateFilter, late_dossiers

    db_path = str(connection.settings_dict["NAME"])
    _timed(f"insert {ROWS:,} dossiers (setup)", lambda: _fill(db_path, ROWS))
    year, half, month = parse_period("2024"), parse_period("2024-H1"), parse_period("2024-06")
    today = dt.date(2026, 1, 1)
    summarise = Analytics.current("database").summarise  # the system database's figures
    summarise(month, today=today)  # warm the calendar cache
    rows = _timed("summarise 2024 (one total row)", lambda: summarise(year, today=today))
    print(f"    dossiers in the period: {rows[0].dossiers:,}")
    _timed("summarise 2024 by unit", lambda: summarise(year, by="unit", today=today))
    _timed("summarise 2024 by month", lambda: summarise(year, by="month", today=today))
    _timed("summarise 2024-H1 by procedure", lambda: summarise(half, by="procedure", today=today))
    recent = parse_period("2025-H2")
    _timed("summarise 2025-H2 (recent) by unit", lambda: summarise(recent, by="unit", today=today))
    units = [f"U{i:03d}" for i in range(10)]
    _timed("summarise 2024 for 10 units", lambda: summarise(year, unit_codes=units, today=today))

    def baseline() -> Any:
        end = year.end.isoformat()
        frame = pl.DataFrame(
            sqlite3.connect(db_path)
            .execute(
                "SELECT unit_code, received_on, finished_on, deadline_on, finish_outcome, channel "
                f"FROM dossiers_dossier WHERE (finished_on >= '{year.start}' AND (finished_on <= "
                f"'{end}' OR received_on <= '{end}')) OR (finished_on IS NULL AND received_on <= "
                f"'{end}')"
            )
            .fetchall(),
            schema=["unit_code", "received_on", "finished_on", "deadline_on", "outcome", "channel"],
            orient="row",
        )
        return frame.group_by("unit_code").agg(
            pl.len(), (pl.col("outcome") == 3).sum(), (pl.col("channel") == "online").sum()
        )

    _timed("baseline: read rows + polars group by unit", baseline)
    listed = _timed("late list 2024, first page", lambda: late_dossiers(year, as_of=today))
    print(f"    late dossiers listed: {listed[1]:,}")
    last = max(listed[1] - 100, 0)
    _timed("late list 2024, last page", lambda: late_dossiers(year, offset=last, as_of=today))
    _timed(
        "late list 2024 by received_on, last page",
        lambda: late_dossiers(year, order="received_on", offset=last, as_of=today),
    )
    december = parse_period("2025-12")
    listed = _timed("late list 2025-12, first page", lambda: late_dossiers(december, as_of=today))
    print(f"    late dossiers listed: {listed[1]:,}")
    _timed(
        "late list 2024, 10 units, first page",
        lambda: late_dossiers(year, LateFilter(unit_codes=units), as_of=today),
    )


if __name__ == "__main__":
    main()
