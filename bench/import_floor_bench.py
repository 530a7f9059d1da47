"""The import's steps one by one, against the floor SQLite itself sets for the dossier table.

SQLite only (the embedded default; run without CCHC_DATABASE_URL).

Same file as import_bench (1,000,000 demo-generator rows). The pandas baseline (`read_csv` +
`to_sql`, no validation) runs first and last, in a process of its own as in import_bench; in
between, in this process, each step of `import_dossiers` runs alone and is timed alone, in the
order the import runs them:
- read and validate the file (`importer.read_rows`: parse, map, type, row checks);
- normalise: timing, pseudonyms and database text (`normalise.normalise`, in this process);
- write the rows through the sqlite3 module, as the import does, into the dossier table without
  its secondary indexes (Python builds and binds every value);
- "SQLite insert alone": the same rows copied by `INSERT … SELECT` into an empty twin of the
  table (its unique code index included): SQLite's own work to add the rows, no Python per value;
- rebuild the five secondary indexes (one CREATE INDEX each, in the import's transaction);
- commit.
"floor" = read + SQLite insert alone + index rebuild + commit: what an import of this table would
take if timing, pseudonyms and handing the values to SQLite cost nothing. docs/import.md explains
why that floor leaves the ratio goal of issue #2 out of reach on a two-core machine.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from bench.import_bench import ROWS, cpu_seconds, demo_csv, fresh_database, measure

T = TypeVar("T")
Step = tuple[str, float, float]  # name, wall seconds, CPU seconds (all threads)
HASH = "file hash (SHA-256)"
READ = "read + validate"
SORT = "sort by dossier code"
NORMALISE = "normalise (timing, pseudonyms, text)"
WRITE = "write through sqlite3 (no secondary index)"
INSERT = "SQLite insert alone (INSERT … SELECT)"
INDEXES = "index rebuild"
COMMIT = "commit"


def timed(steps: list[Step], name: str, work: Callable[[], T]) -> T:
    began, cpu = time.perf_counter(), cpu_seconds()
    result = work()
    steps.append((name, time.perf_counter() - began, cpu_seconds() - cpu))
    return result


def import_steps(csv_path: Path, tmp: str) -> list[Step]:
    fresh_database(tmp)
    import polars as pl
    from django.conf import settings
    from django.db import connection, transaction

    from cchc.core.calendar_db import get_calendar
    from cchc.core.importing import file_sha256
    from cchc.core.models import ImportBatch
    from cchc.core.sqlite_wal import wait_for_checkpoints
    from cchc.dossiers import indexes, upsert
    from cchc.dossiers.columns import DOSSIER_COLUMNS, DOSSIER_TABLE
    from cchc.dossiers.importer import procedures_frame, read_rows
    from cchc.dossiers.mapping import load_mapping
    from cchc.dossiers.normalise import normalise

    if connection.vendor != "sqlite":
        raise SystemExit("import_floor_bench đo SQLite (measures SQLite): unset CCHC_DATABASE_URL")
    steps: list[Step] = []
    timed(steps, HASH, lambda: file_sha256(csv_path))
    cal = get_calendar(fresh=True)
    parsed = timed(steps, READ, lambda: read_rows(csv_path, load_mapping("canonical"), cal, None))
    good = timed(steps, SORT, lambda: parsed.typed.sort("dossier_code"))
    rows = timed(
        steps,
        NORMALISE,
        lambda: normalise(good, procedures_frame(), cal, "sqlite", settings.PSEUDONYM_KEY),
    )
    parts = [
        rows.slice(offset, upsert.WRITE_BATCH).with_columns(pl.lit(False).alias(upsert.STORED))
        for offset in range(0, rows.height, upsert.WRITE_BATCH)
    ]
    with upsert.bulk_write_settings(), transaction.atomic():
        batch = ImportBatch.objects.create(file_name=csv_path.name, file_hash="-", rows_total=ROWS)
        found = indexes.secondary_indexes(DOSSIER_TABLE)
        indexes.drop(found)
        timed(
            steps,
            WRITE,
            lambda: upsert.write_dossiers(parts, batch.pk, None),
        )
        columns = ", ".join((*DOSSIER_COLUMNS, "row_hash", "batch_id"))
        with connection.cursor() as cursor:  # the same rows again, into an empty twin table
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = %s", [DOSSIER_TABLE])
            twin = cursor.fetchone()[0].replace(DOSSIER_TABLE, "dossier_twin", 1)
            cursor.execute(twin)  # its UNIQUE code index included, as in the import
            copy = f"INSERT INTO dossier_twin ({columns}) SELECT {columns} FROM {DOSSIER_TABLE}"
            timed(steps, INSERT, lambda: cursor.execute(copy))
            cursor.execute("DROP TABLE dossier_twin")
        timed(steps, INDEXES, lambda: indexes.create(found))
        committing = time.perf_counter(), cpu_seconds()
    steps.append((COMMIT, time.perf_counter() - committing[0], cpu_seconds() - committing[1]))
    wait_for_checkpoints()  # before the data dir goes
    return steps


def main() -> None:
    csv_path = demo_csv()
    before = measure("baseline", csv_path)["seconds"]
    with tempfile.TemporaryDirectory() as tmp:
        steps = import_steps(csv_path, tmp)
    after = measure("baseline", csv_path)["seconds"]
    baseline = (before + after) / 2
    print(f"import steps one by one, {ROWS:,} rows ({csv_path.name})")
    print(f"{'pandas baseline':>44}: {before:6.2f} s, then {after:.2f} s")
    for name, seconds, used in steps:
        print(f"{name:>44}: {seconds:6.2f} s  CPU {used:6.2f} s")
    wall = {name: seconds for name, seconds, _ in steps}
    cpu = {name: seconds for name, _, seconds in steps}
    floor = sum(wall[n] for n in (READ, INSERT, INDEXES, COMMIT))
    handing = cpu[NORMALISE] + cpu[WRITE] - cpu[INSERT]  # the write less SQLite's own insert
    # every step before the index rebuild could in principle share the cores perfectly; the
    # rebuild and the commit need all rows written and run on one connection, one after the other
    cores = os.cpu_count() or 1
    before_rebuild = sum(cpu[n] for n in (HASH, READ, SORT, NORMALISE, WRITE))
    bound = before_rebuild / cores + wall[INDEXES] + wall[COMMIT]
    print(
        f"   floor (read + SQLite insert + index rebuild + commit): {floor:.2f} s"
        f" = {floor / baseline:.2f} × the baseline's mean;\n"
        f"   left for normalising and handing the values to SQLite: {baseline - floor:.2f} s"
        f" (they take {handing:.2f} s CPU measured alone);\n"
        f"   lower bound of the whole import, steps before the rebuild perfectly shared by"
        f" {cores} cores: {bound:.2f} s = {bound / baseline:.2f} × the baseline's mean"
    )


if __name__ == "__main__":
    main()
