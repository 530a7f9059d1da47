"""Bulk loads: drop a table's secondary indexes and rebuild them after the rows are written.

Maintaining five secondary B-trees row by row costs more than building them once from sorted data,
when the rows to insert are many compared with the table. The definitions are read from the
database catalogue (SQLite `sqlite_master.sql`, PostgreSQL `pg_get_indexdef`) and executed again
verbatim, so names and definitions stay exactly those of the migrations. Drop and rebuild happen
inside the caller's transaction (DDL is transactional in SQLite and PostgreSQL): a failure rolls
back to the old indexes and the old rows. Indexes that back a constraint (the unique dossier code,
the primary key) are never dropped: the upsert needs them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

REBUILD_MIN_ROWS = 10_000  # below this, maintaining the indexes row by row is cheaper
REBUILD_SHARE = 0.5  # rebuild when the new rows are at least half the rows already stored


def should_rebuild(new_rows: int, stored_rows: int) -> bool:
    return new_rows >= REBUILD_MIN_ROWS and new_rows >= REBUILD_SHARE * stored_rows


def secondary_indexes(table: str) -> list[tuple[str, str]]:
    """(name, CREATE INDEX statement) of every index on `table` that backs no constraint."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # autoindexes (UNIQUE, PRIMARY KEY) have no SQL text
            cursor.execute(
                "SELECT name, sql FROM sqlite_master "
                "WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL ORDER BY name",
                [table],
            )
        elif connection.vendor == "postgresql":
            cursor.execute(
                "SELECT i.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x "
                "JOIN pg_class i ON i.oid = x.indexrelid "
                "WHERE x.indrelid = %s::regclass "
                "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid) "
                "ORDER BY i.relname",
                [connection.ops.quote_name(table)],
            )
        else:
            return []
        return [(str(name), str(sql)) for name, sql in cursor.fetchall()]


@contextmanager
def indexes_rebuilt(table: str, enabled: bool) -> Iterator[None]:
    """Drop the secondary indexes of `table` for the block, recreate them after it succeeds.

    Must run inside a transaction, so that an exception restores the indexes with the rows.
    """
    if not enabled:
        yield
        return
    if not connection.in_atomic_block:
        raise RuntimeError("indexes_rebuilt needs a transaction")
    found = secondary_indexes(table)
    drop(found)
    yield
    create(found)


def drop(found: list[tuple[str, str]]) -> None:
    """DROP the indexes `found` by secondary_indexes()."""
    with connection.cursor() as cursor:
        for name, _ in found:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")


def create(found: list[tuple[str, str]]) -> None:
    """CREATE again the indexes `found` by secondary_indexes(), in one transaction's course."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # CREATE INDEX refuses a table with pending deferred FK checks: run them now
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for _, sql in found:
            cursor.execute(sql)
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # Django's foreign keys' default
