"""Import of 1,000,000 demo-generator rows against pandas read_csv + to_sql (no validation).

Each contender runs in its own subprocess so that its peak resident memory (ru_maxrss, native
memory included) is its own; for ours, the peak of its normalising worker process is added.
Goal: ours no slower than the baseline, peak memory < 2 GB.

Timed, for ours: `import_dossiers` from start to return, i.e. reading, validation, timing,
pseudonyms, the write, the index rebuild, the commit and the post-import hook (refresh of the
analytics store). Module imports happen before the clock starts, for both contenders (pandas for
the baseline; Django, polars and the analytics store module for ours), as in a running server.
"ours" is a first import into an empty database whose analytics store is not built yet: the hook
finds no store and returns (the store is built on first use). "ours+store" (CCHC_BENCH_STORE=1,
the default) imports the same file into an empty database whose store exists, so the hook
rewrites every month the file touches: the user waits for that too.
The WAL checkpoint that copies the import's pages into the database file runs in a background
thread after the commit (core/sqlite_wal.py); how long it ran on after the import returned is
printed beside the import's time, and is not in it.
CPU seconds (all threads) are printed beside the wall time: on a shared machine they move less.
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


# wall seconds, CPU seconds of the process (all threads), seconds the background WAL checkpoint
# ran on after the import returned (ours only)
Timing = tuple[float, float, float]


def cpu_seconds() -> float:
    """CPU seconds of this process and its ended children (ours: the normalising worker)."""
    return sum(
        usage.ru_utime + usage.ru_stime
        for usage in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    )


def run_baseline(csv_path: str) -> Timing:
    import sqlite3

    import pandas as pd

    with tempfile.TemporaryDirectory() as tmp:
        began, cpu = time.perf_counter(), cpu_seconds()
        frame = pd.read_csv(csv_path, dtype=str)
        with sqlite3.connect(Path(tmp) / "baseline.sqlite3") as con:
            frame.to_sql("dossiers", con, index=False)
        return time.perf_counter() - began, cpu_seconds() - cpu, 0.0


def run_ours(csv_path: str, with_store: bool) -> Timing:
    with tempfile.TemporaryDirectory() as tmp:
        return _run_ours(csv_path, with_store, tmp)


def fresh_database(tmp: str) -> None:
    """Django set up on an empty database in `tmp`, holding the units and procedures of the
    bench's world (bench/demo_bench.py): what the generated rows refer to."""
    os.environ["CCHC_DATA_DIR"] = tmp
    os.environ["CCHC_DEBUG"] = "false"
    os.environ.setdefault("CCHC_SECRET_KEY", "bench-only-secret-key")
    from cchc.cli import ensure_database, setup_django

    setup_django()
    ensure_database()
    from bench.demo_bench import world
    from cchc.core.models import Procedure, Unit

    units, procedures = world()
    Unit.objects.bulk_create(Unit(code=u.code, name=u.code, kind="commune") for u in units)
    Procedure.objects.bulk_create(
        Procedure(code=p.code, name=p.code, time_limit=p.time_limit, time_unit=p.time_unit)
        for p in procedures
    )


def _run_ours(csv_path: str, with_store: bool, tmp: str) -> Timing:
    fresh_database(tmp)
    from cchc.analytics import store  # imported by the import's hook: loaded in a server
    from cchc.core.sqlite_wal import wait_for_checkpoints
    from cchc.dossiers.importer import import_dossiers

    if with_store:
        store.rebuild()  # an empty store: the import's hook then refreshes what it touches
    began, cpu = time.perf_counter(), cpu_seconds()
    result = import_dossiers(csv_path)
    returned, cpu = time.perf_counter(), cpu_seconds() - cpu
    wait_for_checkpoints()  # started at the commit; reported beside the import, not in it
    elapsed = returned - began, cpu, time.perf_counter() - returned
    assert result.inserted == ROWS, result
    if with_store:
        stamp = store.read_stamp()
        assert stamp is not None and stamp.latest_batch_id == result.batch_id, stamp
    return elapsed


def child(which: str, csv_path: str) -> None:
    if which == "baseline":
        seconds, cpu, checkpoint = run_baseline(csv_path)
    else:
        seconds, cpu, checkpoint = run_ours(csv_path, with_store=which == "ours+store")
    # ours may run a worker process (normalise_pool.py): its peak is added (as if simultaneous)
    peak_kib = sum(
        resource.getrusage(who).ru_maxrss
        for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    print(
        json.dumps(
            {
                "seconds": seconds,
                "cpu": cpu,
                "peak_mib": peak_kib / 1024,
                "checkpoint": checkpoint,
            }
        )
    )


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


def demo_csv() -> Path:
    """bench/out/demo-canonical-ROWS.csv, generated on first use."""
    OUT.mkdir(exist_ok=True)
    csv_path = OUT / f"demo-canonical-{ROWS}.csv"
    if not csv_path.exists():
        generate(csv_path, ROWS)
    return csv_path


def main() -> None:
    csv_path = demo_csv()
    # the baseline runs before and after ours: a change in the machine's load shows as a gap
    runs = [("baseline", measure("baseline", csv_path))]
    runs.append(("ours", measure("ours", csv_path)))
    runs.append(("baseline", measure("baseline", csv_path)))
    if os.environ.get("CCHC_BENCH_STORE", "1") != "0":
        runs.append(("ours+store", measure("ours+store", csv_path)))
    print(f"import of {ROWS:,} canonical rows ({csv_path.name})")
    for name, r in runs:
        print(
            f"{name:>10}: {r['seconds']:7.2f} s  {ROWS / r['seconds']:>10,.0f} rows/s"
            f"  CPU {r['cpu']:6.2f} s  peak {r['peak_mib']:,.0f} MiB"
            f"  (load average {r['load']:.2f})"
            + (
                f"\n{'':>12}then {r['checkpoint']:.2f} s more until the background WAL checkpoint"
                " of the import ended (the import had returned and committed)"
                if r.get("checkpoint")
                else ""
            )
        )
    base = [r for name, r in runs if name == "baseline"]
    ours = dict(runs)["ours"]
    wall = ours["seconds"] / (sum(r["seconds"] for r in base) / len(base))
    cpu = ours["cpu"] / (sum(r["cpu"] for r in base) / len(base))
    print(
        f"   ratio ours/baseline (mean of both baseline runs): {wall:.2f} wall, {cpu:.2f} CPU"
        f" (goal ≤ 1.00; peak goal < 2048 MiB)"
    )


if __name__ == "__main__":
    if len(sys.argv) == 3:
        child(sys.argv[1], sys.argv[2])
    else:
        main()
