"""Dossier import of 1,000,000 canonical CSV rows against pandas read_csv + to_sql (no validation).

Each contender runs in its own subprocess so that its peak resident memory (ru_maxrss, native
memory included) is its own. Goal: ours no slower than the baseline, peak memory < 2 GB.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import polars as pl

ROWS = int(os.environ.get("CCHC_BENCH_ROWS", "1000000"))
OUT = Path(__file__).parent / "out"
UNITS = [f"UBX-{i:03d}" for i in range(1, 101)]
PROCEDURES = [f"1.{i:06d}" for i in range(1, 201)]


def generate(path: Path, rows: int, seed: int = 7) -> None:
    """Canonical rows: received 2024–2025 in office hours, finished 0–15 days later or open."""
    rng = np.random.default_rng(seed)
    start = np.datetime64("2024-01-01T00:00", "m")
    received = start + rng.integers(0, 730 * 24 * 60, rows).astype("timedelta64[m]")
    finished = received + rng.integers(60, 15 * 24 * 60, rows).astype("timedelta64[m]")
    received_ms = pl.Series(received.astype("datetime64[ms]"))
    finished_ms = pl.Series(finished.astype("datetime64[ms]"))
    is_open = rng.random(rows) < 0.1
    due = received.astype("datetime64[D]") + rng.integers(2, 12, rows).astype("timedelta64[D]")
    frame = pl.DataFrame(
        {
            "dossier_code": [f"H{i:09d}" for i in range(rows)],
            "procedure_code": rng.choice(PROCEDURES, rows),
            "unit_code": rng.choice(UNITS, rows),
            "channel": rng.choice(["online", "in_person", "postal"], rows, p=[0.6, 0.35, 0.05]),
            "received_at": received_ms.dt.strftime("%d/%m/%Y %H:%M"),
            "due_at": pl.Series(due).dt.strftime("%d/%m/%Y"),
            "finished_at": finished_ms.dt.strftime("%Y-%m-%dT%H:%M:%S+07:00"),
            "status": rng.choice(["4", "9", "10"], rows),
            "supplement_requests": rng.choice(["0", "0", "0", "1", "2"], rows),
            "paid_online": rng.choice(["0", "1"], rows),
            "applicant_id": [f"0{n:011d}" for n in rng.integers(0, rows // 2, rows)],
        }
    ).with_columns(
        pl.when(pl.Series(is_open)).then(None).otherwise(pl.col("finished_at")).alias("finished_at")
    )
    frame.write_csv(path)


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
    from cchc.core.models import Procedure, Unit
    from cchc.dossiers.importer import import_dossiers

    Unit.objects.bulk_create(Unit(code=c, name=c, kind="commune") for c in UNITS)
    Procedure.objects.bulk_create(
        Procedure(code=c, name=c, time_limit=1 + i % 15) for i, c in enumerate(PROCEDURES)
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
    csv_path = OUT / f"canonical-{ROWS}.csv"
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
