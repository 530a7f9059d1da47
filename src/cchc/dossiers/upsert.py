"""Writing dossiers: `INSERT … ON CONFLICT(code) DO UPDATE`, rows in dossier-code order.

SQLite (≥ 3.24): the statement is executed in batches on the sqlite3 cursor. PostgreSQL: the rows
are COPied into a temporary table and upserted from it in one statement. Values are sent as text in
the format Django itself stores (UTC, `YYYY-MM-DD HH:MM:SS[.ffffff]`), so Django's lookups keep
working on SQLite.
Rows whose `row_hash` equals the stored one are not sent at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import polars as pl
from django.db import connection

DOSSIER_TABLE = "dossiers_dossier"
STEP_TABLE = "dossiers_dossierstep"
LOAD_TABLE = "dossier_load"  # PostgreSQL: temporary table the COPY fills
WRITE_BATCH = 50_000
ROW_HASH_SEED = 20_250_701
DATETIME_COLUMNS = ("submitted_at", "received_at", "due_at", "finished_at", "returned_at")
DATE_COLUMNS = ("received_on", "statutory_due_on", "deadline_on", "finished_on")
DOSSIER_COLUMNS = (
    "code", "procedure_code", "unit_code", "sector", "channel",
    "submitted_at", "received_at", "received_on", "due_at", "statutory_due_on", "deadline_on",
    "finished_at", "finished_on", "returned_at", "finish_outcome", "status",
    "supplement_requests", "paused_days", "apology_issued", "paid_online", "digitised",
    "e_result", "applicant_pseudonym", "flag_beyond_statutory", "flag_late_no_apology",
    "flag_repeated_supplements",
)  # fmt: skip
STEP_COLUMNS = (
    "dossier_id", "seq", "name", "department", "officer", "started_at", "ended_at", "deadline_at"
)  # fmt: skip
Progress = Callable[[str, int], None]


def db_datetime(values: pl.Series) -> pl.Series:
    """Naive UTC datetimes as Django stores them (microseconds only when not zero)."""
    text = values.dt.strftime("%Y-%m-%d %H:%M:%S")
    fraction = values.dt.microsecond() != 0
    if fraction.any():  # most exports have whole seconds: skip the second format
        text = pl.select(
            pl.when(fraction).then(text + values.dt.strftime("%.6f")).otherwise(text)
        ).to_series()
    if connection.vendor == "postgresql":
        text = text + "+00:00"
    return text.alias(values.name)


def with_row_hash(frame: pl.DataFrame) -> pl.DataFrame:
    """Add `row_hash`: a 64-bit hash of every stored value (a changed rule or calendar counts too).

    Computed by polars over the row's values (no text, no Python per row). It only has to tell the
    stored version of a dossier from a new one, so 64 bits are plenty. Polars keeps it stable
    within a version only: after a polars upgrade every dossier may count as "updated" once.
    """
    digest = pl.struct(DOSSIER_COLUMNS).hash(seed=ROW_HASH_SEED)
    return frame.with_columns(digest.cast(pl.String).str.zfill(20).alias("row_hash"))


def existing_hashes() -> pl.DataFrame:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT code, row_hash FROM {DOSSIER_TABLE}")
        rows = cursor.fetchall()
    return pl.DataFrame(rows, schema={"code": pl.String, "stored_hash": pl.String}, orient="row")


def _placeholders(columns: tuple[str, ...]) -> str:
    if connection.vendor != "postgresql":
        return ", ".join(["%s"] * len(columns))
    casts = {c: "timestamptz" for c in (*DATETIME_COLUMNS, "started_at", "ended_at", "deadline_at")}
    casts.update({c: "date" for c in DATE_COLUMNS})
    return ", ".join(f"%s::{casts[c]}" if c in casts else "%s" for c in columns)


def _on_conflict(columns: tuple[str, ...]) -> str:
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != "code")
    return f"ON CONFLICT(code) DO UPDATE SET {updates}"


def upsert_sql() -> str:
    columns = (*DOSSIER_COLUMNS, "row_hash", "batch_id")
    return (
        f"INSERT INTO {DOSSIER_TABLE} ({', '.join(columns)}) VALUES ({_placeholders(columns)}) "
        f"{_on_conflict(columns)}"
    )


def _chunks(frame: pl.DataFrame) -> Iterator[list[tuple[Any, ...]]]:
    for offset in range(0, frame.height, WRITE_BATCH):
        yield frame.slice(offset, WRITE_BATCH).rows()


def sql_literal(value: object) -> str | None:
    """`value` as an SQLite literal (same stored type and text as if bound); None if unsafe."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str) and "\x00" not in value:
        return "'" + value.replace("'", "''") + "'"
    return None


def sqlite_upsert_sql(
    sent: list[str], batch_id: int, constants: dict[str, str] | None = None
) -> str:
    """SQLite upsert binding only `sent`; the other columns are written as NULL, the batch and the
    `constants` (column → SQL literal: one value in every row) as literals. Every bound value
    costs: all-empty and all-equal columns are common in exports."""
    constants = constants or {}
    bound = [c for c in sent if c not in constants]
    written = [*bound, *constants]
    absent = [c for c in (*DOSSIER_COLUMNS, "row_hash") if c not in sent]
    values = ", ".join(["?"] * len(bound) + list(constants.values()) + [str(int(batch_id))])
    updates = [
        *(f"{c} = excluded.{c}" for c in written if c != "code"),
        *(f"{c} = NULL" for c in absent),
        "batch_id = excluded.batch_id",
    ]
    return (
        f"INSERT INTO {DOSSIER_TABLE} ({', '.join(written)}, batch_id) VALUES ({values}) "
        f"ON CONFLICT(code) DO UPDATE SET {', '.join(updates)}"
    )


def constant_columns(frame: pl.DataFrame) -> dict[str, str]:
    """Columns (not the code) holding one and the same non-null value in every row, as literals."""
    found: dict[str, str] = {}
    if frame.height == 0:
        return found
    for name in frame.columns:
        column = frame[name]
        if name == "code" or column.null_count() or not (column == column[0]).all():
            continue
        literal = sql_literal(column[0])
        if literal is not None:
            found[name] = literal
    return found


def _row_chunks(frame: pl.DataFrame) -> Iterator[tuple[int, Iterator[tuple[Any, ...]]]]:
    """(row count, rows) per WRITE_BATCH rows, zipped from the columns' lists (polars builds a
    column's list several times faster than the same values as row tuples)."""
    for offset in range(0, frame.height, WRITE_BATCH):
        part = frame.slice(offset, WRITE_BATCH)
        yield part.height, zip(*(column.to_list() for column in part.iter_columns()), strict=True)


def write_dossiers(frame: pl.DataFrame, batch_id: int, progress: Progress | None) -> None:
    """Upsert the rows of `frame` (DOSSIER_COLUMNS + row_hash, DB-ready values), in code order.

    Code order keeps the unique index's inserts at its end (B-tree locality).
    """
    frame = frame.select(*DOSSIER_COLUMNS, "row_hash").sort("code")
    if connection.vendor == "postgresql":
        copy_upsert(frame.with_columns(pl.lit(batch_id).alias("batch_id")), progress)
        return
    if connection.vendor == "sqlite":
        # the sqlite3 cursor itself: Django's wrapper adds a Python layer (and a log when DEBUG);
        # booleans as ints: sqlite3 binds exact ints directly but looks up an adapter for bool
        sent = [c for c in frame.columns if c == "code" or frame[c].null_count() < frame.height]
        frame = frame.select(sent).with_columns(pl.col(pl.Boolean).cast(pl.Int8))
        constants = constant_columns(frame)
        sql = sqlite_upsert_sql(sent, batch_id, constants)
        frame = frame.select(c for c in sent if c not in constants)
        connection.ensure_connection()
        cursor = connection.connection.cursor()
    else:
        frame = frame.with_columns(pl.lit(batch_id).alias("batch_id"))
        sql = upsert_sql()
        cursor = connection.cursor()
    done = 0
    try:
        for count, rows in _row_chunks(frame):
            with connection.wrap_database_errors:  # sqlite3 errors as Django's, as before
                cursor.executemany(sql, rows)
            done += count
            if progress:
                progress("write", done)
    finally:
        cursor.close()


def copy_upsert(frame: pl.DataFrame, progress: Progress | None) -> None:
    """PostgreSQL: COPY the rows (CSV) into a temporary table, then one INSERT … ON CONFLICT."""
    columns = frame.columns
    names = ", ".join(columns)
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE {LOAD_TABLE} ON COMMIT DROP AS "
            f"SELECT {names} FROM {DOSSIER_TABLE} WITH NO DATA"
        )
        done = 0
        # One COPY per batch: progress is reported between them, never during a COPY, because a
        # callback that queries the database (the web import job does) would wait for ever on
        # the connection the COPY holds.
        for offset in range(0, frame.height, WRITE_BATCH):
            part = frame.slice(offset, WRITE_BATCH)
            with cursor.copy(f"COPY {LOAD_TABLE} ({names}) FROM STDIN (FORMAT csv)") as copy:
                # polars writes null as an empty field and "" as a quoted empty string
                copy.write(part.write_csv(include_header=False))
            done += part.height
            if progress:
                progress("write", done)
        cursor.execute(
            f"INSERT INTO {DOSSIER_TABLE} ({names}) SELECT {names} FROM {LOAD_TABLE} "
            f"{_on_conflict(tuple(columns))}"
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
    for this connection's import; the previous values come back afterwards."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield  # PRAGMAs on temp storage cannot change inside a transaction
        return
    wanted = {"cache_size": -262144, "temp_store": 2, "threads": 2}  # 256 MiB, MEMORY
    previous: dict[str, int] = {}
    with connection.cursor() as cursor:
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
