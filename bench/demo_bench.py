"""The demo generator: 1,000,000 canonical dossier rows and their CSV (goal: well under a minute).

A synthetic world shaped like the demo province (84 units until 30/06/2025, 30 after, agencies,
land branches, 700 procedures), so no database is needed. Baseline: writing the same frame as CSV.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import time
from pathlib import Path

from cchc.demo.generator import generate_dossiers, write_canonical_csv
from cchc.demo.patterns import PlantedProblems
from cchc.demo.spec import DemoProcedure, DemoUnit

ROWS = int(os.environ.get("CCHC_BENCH_ROWS", "1000000"))
GOAL_SECONDS = 30.0
LAST_OLD_DAY = dt.date(2025, 6, 30)
MERGER_DAY = dt.date(2025, 7, 1)


def world() -> tuple[list[DemoUnit], list[DemoProcedure]]:
    units = [DemoUnit(f"C{i:03d}", "commune", ("commune",), None, LAST_OLD_DAY) for i in range(77)]
    units += [DemoUnit(f"D{i}", "district", ("commune",), None, LAST_OLD_DAY) for i in range(7)]
    units += [DemoUnit(f"L{i}", "land", ("land",), None, LAST_OLD_DAY) for i in range(7)]
    units += [DemoUnit(f"W{i:02d}", "commune", ("commune",), MERGER_DAY) for i in range(30)]
    units += [DemoUnit(f"N{i}", "land", ("land",), MERGER_DAY) for i in range(7)]
    units += [DemoUnit(f"A{i}", "agency", (f"pool{i}",)) for i in range(8)]
    kinds = ("working_days", "working_days", "calendar_days", "working_hours")
    procedures = [
        DemoProcedure(
            code=f"1.{i:06d}",
            pools=("commune",) if i % 3 == 0 else ("land",) if i % 7 == 0 else (f"pool{i % 8}",),
            time_limit=float(1 + i % 30),
            time_unit=kinds[i % 4],
            weight=1.0 + i % 5,
            has_fee=i % 4 == 0,
            land=i % 7 == 0,
        )
        for i in range(700)
    ]
    return units, procedures


def main() -> None:
    units, procedures = world()
    planted = PlantedProblems("L1", ("C005",), ("A3",), ("D2", "W07"))
    started = time.perf_counter()
    frame = generate_dossiers(ROWS, 2023, units, procedures, dt.date(2026, 10, 31), planted)
    generated = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        path = write_canonical_csv(frame, Path(folder) / "demo.csv")
        written = time.perf_counter() - started
        size = path.stat().st_size
    total = generated + written
    verdict = "OK" if total < GOAL_SECONDS else "CHẬM (slow)"
    print(
        f"{ROWS:,} hồ sơ mẫu (demo dossiers): sinh (generate) {generated:.2f} s,"
        f" ghi CSV (write CSV, baseline) {written:.2f} s, {size / 1e6:.0f} MB;"
        f" tổng (total) {total:.2f} s, mục tiêu (goal) < {GOAL_SECONDS:.0f} s: {verdict}"
    )


if __name__ == "__main__":
    main()
