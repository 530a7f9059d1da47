"""SQLite: dossier rows as ready-to-run statements, prepared away from the writing thread.

Every bound value costs Python time, so columns empty in every row are left out (written NULL)
and columns with one value in every row are written as SQL literals. Rows go ROWS_PER_STATEMENT
to a statement (`VALUES (…), (…), …`): one statement step per group instead of per row. Rows known
to be new are plainly INSERTed; rows that may exist take `ON CONFLICT(code) DO UPDATE`, which
costs SQLite a second look at the unique index per row.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import polars as pl

from cchc.dossiers.columns import DOSSIER_COLUMNS, DOSSIER_TABLE

ROWS_PER_STATEMENT = 32  # 32 rows × ≤ 27 values stays far below SQLite's 32,766 variables


@dataclass(frozen=True)
class Statements:
    """One part of the rows: `sql` for groups of ROWS_PER_STATEMENT, `single` for the rest."""

    rows: int
    sql: str
    groups: Iterator[tuple[object, ...]]  # consumed once, by executemany
    single_sql: str
    singles: list[list[object]]


def sql_literal(value: object) -> str | None:
    """`value` as an SQLite literal (same stored type and text as if bound); None if unsafe."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str) and "\x00" not in value:
        return "'" + value.replace("'", "''") + "'"
    return None


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


def insert_sql(
    sent: list[str],
    batch_id: int,
    constants: dict[str, str] | None = None,
    *,
    rows: int = 1,
    upsert: bool = True,
) -> str:
    """INSERT of `rows` rows binding the `sent` columns that are not `constants` (column → SQL
    literal); the batch is a literal. With `upsert`, an existing code is updated: every column
    not sent is set NULL (the newer export has no value for it)."""
    constants = constants or {}
    bound = [c for c in sent if c not in constants]
    written = [*bound, *constants]
    one = "(" + ", ".join(["?"] * len(bound) + list(constants.values()) + [str(int(batch_id))])
    sql = (
        f"INSERT INTO {DOSSIER_TABLE} ({', '.join(written)}, batch_id) "
        f"VALUES {', '.join([one + ')'] * rows)}"
    )
    if not upsert:
        return sql
    absent = [c for c in (*DOSSIER_COLUMNS, "row_hash") if c not in sent]
    updates = [
        *(f"{c} = excluded.{c}" for c in written if c != "code"),
        *(f"{c} = NULL" for c in absent),
        "batch_id = excluded.batch_id",
    ]
    return f"{sql} ON CONFLICT(code) DO UPDATE SET {', '.join(updates)}"


def prepare(frame: pl.DataFrame, batch_id: int, *, upsert: bool) -> Statements:
    """The rows of `frame` (DOSSIER_COLUMNS + row_hash, DB-ready values) as statements."""
    sent = [c for c in frame.columns if c == "code" or frame[c].null_count() < frame.height]
    # booleans as ints: sqlite3 binds exact ints directly but looks up an adapter for bool
    frame = frame.select(sent).with_columns(pl.col(pl.Boolean).cast(pl.Int8))
    constants = constant_columns(frame)
    bound = [c for c in sent if c not in constants]
    # one flat list filled column by column (polars builds a column's list several times faster
    # than row tuples, and a strided slice assignment copies pointers); zip over one iterator
    # repeated cuts it into the statements' value tuples, all in C
    width = len(bound)
    flat: list[object] = [None] * (frame.height * width)
    for index, name in enumerate(bound):
        flat[index::width] = frame[name].to_list()
    full = (frame.height - frame.height % ROWS_PER_STATEMENT) * width
    values = iter(flat)
    return Statements(
        rows=frame.height,
        sql=insert_sql(sent, batch_id, constants, rows=ROWS_PER_STATEMENT, upsert=upsert),
        groups=zip(*([values] * (ROWS_PER_STATEMENT * width)), strict=False),
        single_sql=insert_sql(sent, batch_id, constants, upsert=upsert),
        singles=[flat[start : start + width] for start in range(full, len(flat), width)],
    )
