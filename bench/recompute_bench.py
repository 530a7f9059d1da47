"""`cchc dossiers recompute` over 1,000,000 demo-generator dossiers (CCHC_BENCH_ROWS), SQLite.

Two runs on the same imported database: one where nothing changed (every dossier read, computed
and compared), and one after every procedure's limit became 1 working day (most statutory due
dates move and are written). Timed: `recompute()` from call to return, i.e. the reads, the rules,
the writes, the commit and the analytics refresh hook (no store: it returns at once). The import
before them is timed too, for scale on a shared machine. Peak memory of the whole process.
"""

from __future__ import annotations

import resource
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.import_bench import ROWS, fresh_database, generate


def _timed(label: str, run: Callable[[], str]) -> None:
    began = time.perf_counter()
    result = run()
    print(f"{label}: {time.perf_counter() - began:.1f} s — {result}")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "dossiers.csv"
        generate(path, ROWS)
        fresh_database(tmp)
        from cchc.core.models import Procedure
        from cchc.dossiers.importer import import_dossiers
        from cchc.dossiers.recompute import recompute

        _timed("import", lambda: f"{import_dossiers(path).inserted:,} dossiers")

        def changed() -> str:
            r = recompute()
            return (
                f"{r.dossiers:,} dossiers, {r.changed:,} changed (due dates {r.due_dates:,}, "
                f"outcomes {r.outcomes:,}, flags {r.flags:,})"
            )

        _timed("recompute, nothing changed", changed)
        Procedure.objects.update(time_limit=1)
        _timed("recompute, every limit 1 working day", changed)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (import included): {peak:,.0f} MiB")


if __name__ == "__main__":
    main()
