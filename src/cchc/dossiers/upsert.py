"""Writing dossiers: one `INSERT … ON CONFLICT(code) DO UPDATE` statement, executed in batches.

The same SQL runs on SQLite (≥ 3.24) and PostgreSQL. Values are sent as text in the format Django
itself stores (UTC, `YYYY-MM-DD HH:MM:SS[.ffffff]`), so Django's lookups keep working on SQLite.
Rows whose `row_hash` equals the stored one are not sent at all.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import polars as pl
from django.db import connection

DOSSIER_TABLE = "dossiers_dossier"
STEP_TABLE = "dossiers_dossierstep"
WRITE_BATCH = 50_000
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


def db_datetime(expr: pl.Expr) -> pl.Expr:
    """A naive UTC datetime as Django stores it (microseconds only when not zero)."""
    base = expr.dt.strftime("%Y-%m-%d %H:%M:%S")
    text = (
        pl.when(expr.dt.microsecond() != 0)
        .then(pl.concat_str(base, expr.dt.strftime("%.6f")))
        .otherwise(base)
    )
    return text + "+00:00" if connection.vendor == "postgresql" else text


def with_row_hash(frame: pl.DataFrame) -> pl.DataFrame:
    """Add `row_hash`: MD5 of every stored value (so a changed rule or calendar also counts)."""
    joined = frame.select(
        pl.concat_str(
            [pl.col(c).cast(pl.String).fill_null("\x00") for c in DOSSIER_COLUMNS],
            separator="\x1f",
        )
    ).to_series()
    md5 = hashlib.md5
    hashes = [md5(text.encode(), usedforsecurity=False).hexdigest() for text in joined]
    return frame.with_columns(pl.Series("row_hash", hashes, dtype=pl.String))


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


def upsert_sql() -> str:
    columns = (*DOSSIER_COLUMNS, "row_hash", "batch_id")
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != "code")
    return (
        f"INSERT INTO {DOSSIER_TABLE} ({', '.join(columns)}) VALUES ({_placeholders(columns)}) "
        f"ON CONFLICT(code) DO UPDATE SET {updates}"
    )


def _chunks(frame: pl.DataFrame) -> Iterator[list[tuple[Any, ...]]]:
    for offset in range(0, frame.height, WRITE_BATCH):
        yield frame.slice(offset, WRITE_BATCH).rows()


def write_dossiers(frame: pl.DataFrame, batch_id: int, progress: Progress | None) -> None:
    """Upsert the rows of `frame` (DOSSIER_COLUMNS + row_hash, DB-ready values)."""
    frame = frame.select(*DOSSIER_COLUMNS, "row_hash", pl.lit(batch_id).alias("batch_id"))
    sql = upsert_sql()
    done = 0
    with connection.cursor() as cursor:
        for rows in _chunks(frame):
            cursor.executemany(sql, rows)
            done += len(rows)
            if progress:
                progress("write", done)


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
    """SQLite: a larger page cache and in-memory temp storage for this connection's import."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield  # PRAGMAs on temp storage cannot change inside a transaction
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (previous,) = cursor.fetchone()
        cursor.execute("PRAGMA cache_size = -262144")  # 256 MiB
        cursor.execute("PRAGMA temp_store = MEMORY")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(previous)}")
