"""Writing dossiers, part by part in dossier-code order: new codes inserted, stored ones upserted.

SQLite (≥ 3.24): statements of many rows on the sqlite3 cursor (sqlite_rows.py). PostgreSQL: the
rows are COPied into a temporary table and upserted from it in one statement. Values are sent as
text in the format Django itself stores (UTC, `YYYY-MM-DD HH:MM:SS[.ffffff]`), so Django's lookups
keep working on SQLite.
Rows whose `row_hash` equals the stored one are not sent at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import polars as pl
from django.db import connection

from cchc.core.sqlite_wal import checkpoint_later
from cchc.dossiers import sqlite_rows
from cchc.dossiers.columns import DATE_COLUMNS, DATETIME_COLUMNS, DOSSIER_COLUMNS, DOSSIER_TABLE

STEP_TABLE = "dossiers_dossierstep"
LOAD_TABLE = "dossier_load"  # PostgreSQL: temporary table the COPY fills
WRITE_BATCH = 50_000  # rows per part: normalised, prepared and written as one unit
STORED = "__stored"  # optional boolean column of a part: the code is in the table already
STEP_COLUMNS = (
    "dossier_id", "seq", "name", "department", "officer", "started_at", "ended_at", "deadline_at"
)  # fmt: skip
Progress = Callable[[str, int], None]


def existing_hashes() -> pl.DataFrame:
    """Every stored dossier's code, row hash and month of receipt ("YYYY-MM")."""
    month = "substr(received_on, 1, 7)"
    if connection.vendor == "postgresql":
        month = "to_char(received_on, 'YYYY-MM')"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT code, row_hash, {month} FROM {DOSSIER_TABLE}")
        rows = cursor.fetchall()
    schema = {"code": pl.String, "stored_hash": pl.String, "stored_month": pl.String}
    return pl.DataFrame(rows, schema=schema, orient="row")


def _placeholders(columns: tuple[str, ...]) -> str:
    if connection.vendor != "postgresql":
        return ", ".join(["%s"] * len(columns))
    casts = {c: "timestamptz" for c in (*DATETIME_COLUMNS, "started_at", "ended_at", "deadline_at")}
    casts.update({c: "date" for c in DATE_COLUMNS})
    return ", ".join(f"%s::{casts[c]}" if c in casts else "%s" for c in columns)


def _on_conflict(columns: tuple[str, ...]) -> str:
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != "code")
    return f"ON CONFLICT(code) DO UPDATE SET {updates}"


def _chunks(frame: pl.DataFrame) -> Iterator[list[tuple[Any, ...]]]:
    for offset in range(0, frame.height, WRITE_BATCH):
        yield frame.slice(offset, WRITE_BATCH).rows()


def write_dossiers(parts: Iterable[pl.DataFrame], batch_id: int, progress: Progress | None) -> None:
    """Upsert normalised rows (DOSSIER_COLUMNS + row_hash, DB-ready values; optional STORED).

    `parts` may be a lazy iterator (the importer's normalises them in a second process, so the
    next part is ready while this one is written). SQLite: statements of many rows on the
    sqlite3 cursor; PostgreSQL: COPY into a temporary table, then one INSERT … ON CONFLICT.
    """
    if connection.vendor == "postgresql":
        copy_upsert(parts, batch_id, progress)
        return
    connection.ensure_connection()
    # the sqlite3 cursor itself: Django's wrapper adds a Python layer (and a log when DEBUG)
    cursor = connection.connection.cursor()
    done = 0
    try:
        for rows, upsert in _sqlite_parts(parts):
            statements = sqlite_rows.prepare(rows, batch_id, upsert=upsert)
            with connection.wrap_database_errors:  # sqlite3 errors as Django's
                cursor.executemany(statements.sql, statements.groups)
                cursor.executemany(statements.single_sql, statements.singles)
            done += statements.rows
            if progress:
                progress("write", done)
    finally:
        cursor.close()


def _sqlite_parts(parts: Iterable[pl.DataFrame]) -> Iterator[tuple[pl.DataFrame, bool]]:
    """(rows, upsert?): rows known to be new are plainly inserted; the others (or all, without
    STORED) upserted."""
    for part in parts:
        frame = part.select(*DOSSIER_COLUMNS, "row_hash")
        if STORED not in part.columns:
            yield frame, True
            continue
        stored = part[STORED]
        for rows, upsert in ((frame.filter(~stored), False), (frame.filter(stored), True)):
            if rows.height:
                yield rows, upsert


def copy_upsert(parts: Iterable[pl.DataFrame], batch_id: int, progress: Progress | None) -> None:
    """PostgreSQL: COPY the rows (CSV) into a temporary table, then one INSERT … ON CONFLICT."""
    columns = (*DOSSIER_COLUMNS, "row_hash", "batch_id")
    names = ", ".join(columns)

    def csv_parts() -> Iterator[tuple[int, str]]:
        for part in parts:
            rows = part.select(*DOSSIER_COLUMNS, "row_hash").with_columns(
                pl.lit(batch_id).alias("batch_id")
            )
            # polars writes null as an empty field and "" as a quoted empty string
            yield rows.height, rows.write_csv(include_header=False)

    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE {LOAD_TABLE} ON COMMIT DROP AS "
            f"SELECT {names} FROM {DOSSIER_TABLE} WITH NO DATA"
        )
        done = 0
        # One COPY per part: progress is reported between them, never during a COPY, because a
        # callback that queries the database (the web import job does) would wait for ever on
        # the connection the COPY holds.
        for count, text in csv_parts():
            with cursor.copy(f"COPY {LOAD_TABLE} ({names}) FROM STDIN (FORMAT csv)") as copy:
                copy.write(text)
            done += count
            if progress:
                progress("write", done)
        cursor.execute(
            f"INSERT INTO {DOSSIER_TABLE} ({names}) SELECT {names} FROM {LOAD_TABLE} "
            f"{_on_conflict(columns)}"
        )
        cursor.execute(f"DROP TABLE {LOAD_TABLE}")


def replace_steps(steps: pl.DataFrame, batch_id: int) -> int:
    """Replace the steps of the dossiers written in this batch that carry steps (code + columns)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, code FROM {DOSSIER_TABLE} WHERE batch_id = %s", [batch_id])
        ids = pl.DataFrame(
            cursor.fetchall(), schema={"dossier_id": pl.Int64, "code": pl.String}, orient="row"
        )
        rows = steps.join(ids, on="code", how="inner")
        touched = rows["dossier_id"].unique().to_list()
        for offset in range(0, len(touched), 500):
            part = touched[offset : offset + 500]
            cursor.execute(
                f"DELETE FROM {STEP_TABLE} WHERE dossier_id IN ({', '.join(['%s'] * len(part))})",
                part,
            )
        sql = (
            f"INSERT INTO {STEP_TABLE} ({', '.join(STEP_COLUMNS)}) "
            f"VALUES ({_placeholders(STEP_COLUMNS)})"
        )
        ordered = rows.select(*STEP_COLUMNS)
        for chunk in _chunks(ordered):
            cursor.executemany(sql, chunk)
    return rows.height


@contextmanager
def bulk_write_settings() -> Iterator[None]:
    """SQLite: a larger page cache, in-memory temp storage and sorter threads (index rebuilds)
    for this connection's import, and its WAL checkpoint in the background after the commit
    (core/sqlite_wal.py); the previous values come back afterwards."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield  # PRAGMAs on temp storage cannot change inside a transaction
        return
    wanted = {"cache_size": -262144, "temp_store": 2, "threads": 2, "wal_autocheckpoint": 0}
    previous: dict[str, int] = {}
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        in_wal = str(cursor.fetchone()[0]).lower() == "wal"
        for name, value in wanted.items():
            cursor.execute(f"PRAGMA {name}")
            previous[name] = int(cursor.fetchone()[0])
            cursor.execute(f"PRAGMA {name} = {value}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for name, value in previous.items():
                cursor.execute(f"PRAGMA {name} = {value}")
    if in_wal:
        checkpoint_later(str(connection.settings_dict["NAME"]))
