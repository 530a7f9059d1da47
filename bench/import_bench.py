"""Import of 1,000,000 demo-generator rows against pandas read_csv + to_sql (no validation).

Each contender runs in its own subprocess so that its peak resident memory (ru_maxrss, native
memory included) is its own. Goal: ours no slower than the baseline, peak memory < 2 GB.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROWS = int(os.environ.get("CCHC_BENCH_ROWS", "1000000"))
OUT = Path(__file__).parent / "out"


def generate(path: Path, rows: int, seed: int = 2023) -> None:
    """Canonical rows from the demo generator over the demo-shaped world of bench/demo_bench.py."""
    from bench.demo_bench import world
    from cchc.demo.generator import generate_dossiers, write_canonical_csv
    from cchc.demo.patterns import PlantedProblems

    units, procedures = world()
    planted = PlantedProblems("L1", ("C005",), ("A3",), ("D2", "W07"))
    frame = generate_dossiers(rows, seed, units, procedures, dt.date(2026, 10, 31), planted)
    write_canonical_csv(frame, path)


def run_baseline(csv_path: str) -> float:
    import sqlite3

    import pandas as pd

    with tempfile.TemporaryDirectory() as tmp:
        began = time.perf_counter()
        frame = pd.read_csv(csv_path, dtype=str)
        with sqlite3.connect(Path(tmp) / "baseline.sqlite3") as con:
            frame.to_sql("dossiers", con, index=False)
        return time.perf_counter() - began


def run_ours(csv_path: str) -> float:
    tmp = tempfile.mkdtemp()
    os.environ["CCHC_DATA_DIR"] = tmp
    os.environ["CCHC_DEBUG"] = "false"
    os.environ.setdefault("CCHC_SECRET_KEY", "bench-only-secret-key")
    from cchc.cli import ensure_database, setup_django

    setup_django()
    ensure_database()
    from bench.demo_bench import world
    from cchc.core.models import Procedure, Unit
    from cchc.dossiers.importer import import_dossiers

    units, procedures = world()
    Unit.objects.bulk_create(Unit(code=u.code, name=u.code, kind="commune") for u in units)
    Procedure.objects.bulk_create(
        Procedure(code=p.code, name=p.code, time_limit=p.time_limit, time_unit=p.time_unit)
        for p in procedures
    )
    began = time.perf_counter()
    result = import_dossiers(csv_path)
    elapsed = time.perf_counter() - began
    assert result.inserted == ROWS, result
    return elapsed


def child(which: str, csv_path: str) -> None:
    seconds = run_baseline(csv_path) if which == "baseline" else run_ours(csv_path)
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "peak_mib": peak_kib / 1024}))


def measure(which: str, csv_path: Path) -> dict[str, float]:
    load = os.getloadavg()[0]
    done = subprocess.run(
        [sys.executable, "-m", "bench.import_bench", which, str(csv_path)],
        check=True,
        capture_output=True,
        text=True,
        cwd=Path(__file__).parent.parent,
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return {**result, "load": load}


def main() -> None:
    OUT.mkdir(exist_ok=True)
    csv_path = OUT / f"demo-canonical-{ROWS}.csv"
    if not csv_path.exists():
        generate(csv_path, ROWS)
    # the baseline runs before and after ours: a change in the machine's load shows as a gap
    runs = [("baseline", measure("baseline", csv_path))]
    runs.append(("ours", measure("ours", csv_path)))
    runs.append(("baseline", measure("baseline", csv_path)))
    for name, r in runs:
        print(
            f"{name:>8}: {r['seconds']:7.2f} s  {ROWS / r['seconds']:>10,.0f} rows/s"
            f"  peak {r['peak_mib']:,.0f} MiB  (load average {r['load']:.2f})"
        )
    baseline = (runs[0][1]["seconds"] + runs[2][1]["seconds"]) / 2
    ratio = runs[1][1]["seconds"] / baseline
    print(
        f"   ratio ours/baseline (mean of both baseline runs): {ratio:.2f}"
        f" (goal ≤ 1.00; peak goal < 2048 MiB)"
    )


if __name__ == "__main__":
    if len(sys.argv) == 3:
        child(sys.argv[1], sys.argv[2])
    else:
        main()
