"""`cchc dossiers recompute`: stored due dates, deadlines, outcomes and flags derived again.

After a change of the rules (rulebook/version.py), of a procedure's time limit, unit or cut-off,
or of the calendar, the stored timing of every dossier (or of those received in a period) may be
out of date. The dossiers are read back in chunks of ids, their timing computed by the import's
own path (stored_timing.py) with the catalogue and calendar in force, and only the rows whose
values changed are written back, with their new `row_hash` (a later import of the same export
then finds them unchanged). All in one transaction: a failure midway leaves every row as it was.
The run is recorded as an ImportBatch of kind "recompute" with the rules version it applied, and
the analytics store's months of the changed dossiers are refreshed after the commit, as after an
import. Each dossier keeps the batch that imported it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import polars as pl
from django.db import connection, transaction
from django.utils import timezone

from cchc.core.calendar import WorkingCalendar
from cchc.core.calendar_db import get_calendar
from cchc.core.models import ImportBatch
from cchc.dossiers import hooks
from cchc.dossiers.columns import DATE_COLUMNS, DATETIME_COLUMNS, DOSSIER_COLUMNS, DOSSIER_TABLE
from cchc.dossiers.importer import Progress, procedures_frame
from cchc.dossiers.normalise import with_row_hash
from cchc.dossiers.periods import Period
from cchc.dossiers.rulebook.version import RULES_VERSION
from cchc.dossiers.stored_timing import (
    DUE_DATE_COLUMNS,
    FLAG_COLUMNS,
    PROCEDURE_INPUTS,
    TIMING_SCHEMA,
    stored_timing,
)

RECOMPUTE_KIND = "recompute"  # ImportBatch.kind of a recompute
CHUNK_ROWS = 50_000  # dossiers read, computed and written as one unit
BOOLEAN_COLUMNS = ("apology_issued", "paid_online", "digitised", "e_result", *FLAG_COLUMNS)
INTEGER_COLUMNS = ("finish_outcome", "status", "supplement_requests", "paused_days")
READ_COLUMNS = ("id", *DOSSIER_COLUMNS)


@dataclass
class RecomputeResult:
    """What a recompute examined and changed; a dossier counts once in `changed` and once in
    each kind of change it had."""

    batch_id: int = 0
    dossiers: int = 0
    changed: int = 0
    due_dates: int = 0  # statutory due date or deadline (hạn)
    outcomes: int = 0  # finish outcome (kết quả)
    flags: int = 0  # any hidden-lateness flag (dấu hiệu)
    months: set[tuple[int, int]] = field(default_factory=set)  # (year, month) of receipt changed


def recompute(
    period: Period | None = None,
    *,
    user: Any = None,
    progress: Progress | None = None,
    chunk_rows: int = CHUNK_ROWS,
) -> RecomputeResult:
    """Recompute the dossiers received in `period` (all without one); see the module's doc."""
    cal = get_calendar(fresh=True)  # due dates are stored: the calendar of this moment
    procedures = procedures_frame().select("procedure_code", *PROCEDURE_INPUTS)
    result = RecomputeResult()
    with transaction.atomic():
        _keep_writers_out()
        batch = ImportBatch.objects.create(
            kind=RECOMPUTE_KIND, file_name=batch_label(period), file_hash="", user=user,
            rules_version=RULES_VERSION,
        )  # fmt: skip
        for stored in stored_chunks(period, chunk_rows):
            changed = _changed(stored, procedures, cal, result)
            _write(changed)
            if progress:
                progress("recompute", result.dossiers)
        batch.rows_total, batch.updated = result.dossiers, result.changed
        batch.unchanged = result.dossiers - result.changed
        batch.status = ImportBatch.Status.DONE
        batch.finished_at = timezone.now()
        batch.message = (
            f"hạn (due dates) {result.due_dates}; kết quả (outcomes) {result.outcomes}; "
            f"dấu hiệu (flags) {result.flags}"
        )
        batch.save()
        hooks.Write().committed(batch.pk, result.months)
    result.batch_id = batch.pk
    return result


def batch_label(period: Period | None) -> str:
    """What the batch list shows in place of a file name."""
    return f"tính lại (recompute) {period.label if period else 'tất cả (all)'}"


def _keep_writers_out() -> None:
    """PostgreSQL: no import may change a dossier between its read and its write here (SQLite:
    the transaction holds the database's write lock from its start already)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {DOSSIER_TABLE} IN SHARE ROW EXCLUSIVE MODE")


def stored_chunks(period: Period | None, chunk_rows: int) -> Iterator[pl.DataFrame]:
    """The stored dossiers (received in `period`), `chunk_rows` at a time in id order, with the
    types the import gives them before it stores them (normalise.py)."""
    sqlite = connection.vendor == "sqlite"
    # SQLite: `+column` keeps the text but drops the declared type, so that Django's per-value
    # converters do not run; the whole column is converted at once below
    raw = {*DATE_COLUMNS, *DATETIME_COLUMNS, *BOOLEAN_COLUMNS} if sqlite else set()
    names = ", ".join(f"+{c}" if c in raw else c for c in READ_COLUMNS)
    where, params = "id > %s", []
    if period is not None:
        where += " AND received_on >= %s AND received_on <= %s"
        params = [period.start, period.end]
    sql = f"SELECT {names} FROM {DOSSIER_TABLE} WHERE {where} ORDER BY id LIMIT %s"
    last = 0
    while True:
        with connection.cursor() as cursor:
            cursor.execute(sql, [last, *params, chunk_rows])
            rows = cursor.fetchall()
        if not rows:
            return
        last = int(rows[-1][0])
        yield _typed(rows, sqlite)


def _typed(rows: list[tuple[Any, ...]], sqlite: bool) -> pl.DataFrame:
    schema: dict[str, Any] = {c: pl.String for c in READ_COLUMNS}
    schema.update({c: pl.Int64 for c in ("id", *INTEGER_COLUMNS)})
    if not sqlite:  # PostgreSQL's driver gives dates, aware datetimes and booleans
        schema.update({c: pl.Date for c in DATE_COLUMNS})
        schema.update({c: pl.Datetime("us", "UTC") for c in DATETIME_COLUMNS})
        schema.update({c: pl.Boolean for c in BOOLEAN_COLUMNS})
    else:  # text and 0/1
        schema.update({c: pl.Int64 for c in BOOLEAN_COLUMNS})
    frame = pl.DataFrame(rows, schema=schema, orient="row")
    if sqlite:
        when = pl.col(*DATETIME_COLUMNS).str.to_datetime("%Y-%m-%d %H:%M:%S%.f", time_unit="us")
        frame = frame.with_columns(
            when, pl.col(*DATE_COLUMNS).str.slice(0, 10).str.to_date("%Y-%m-%d")
        )
    else:
        frame = frame.with_columns(pl.col(*DATETIME_COLUMNS).dt.replace_time_zone(None))
    return frame.with_columns(
        pl.col(*BOOLEAN_COLUMNS).cast(pl.Boolean), pl.col("finish_outcome").cast(pl.Int16)
    )


def _changed(
    stored: pl.DataFrame, procedures: pl.DataFrame, cal: WorkingCalendar, result: RecomputeResult
) -> pl.DataFrame:
    """The rows of `stored` whose timing differs now, with the new values and row hash."""
    joined = stored.join(procedures, on="procedure_code", how="left", maintain_order="left")
    fresh = stored_timing(joined, cal)
    differs = {c: ~stored[c].eq_missing(fresh[c]) for c in TIMING_SCHEMA}
    due = differs[DUE_DATE_COLUMNS[0]] | differs[DUE_DATE_COLUMNS[1]]
    flags = differs[FLAG_COLUMNS[0]] | differs[FLAG_COLUMNS[1]] | differs[FLAG_COLUMNS[2]]
    any_change = due | differs["finish_outcome"] | flags
    result.dossiers += stored.height
    result.changed += int(any_change.sum())
    result.due_dates += int(due.sum())
    result.outcomes += int(differs["finish_outcome"].sum())
    result.flags += int(flags.sum())
    changed = stored.with_columns(fresh.get_columns()).filter(any_change)
    received = changed["received_on"]
    result.months.update(zip(received.dt.year(), received.dt.month(), strict=True))
    return with_row_hash(changed.select(*DOSSIER_COLUMNS)).with_columns(changed["id"])


def _write(changed: pl.DataFrame) -> None:
    if changed.height == 0:
        return
    columns = (*TIMING_SCHEMA, "row_hash")
    sets = ", ".join(f"{c} = %s" for c in columns)
    sql = f"UPDATE {DOSSIER_TABLE} SET {sets} WHERE id = %s"
    with connection.cursor() as cursor:
        cursor.executemany(sql, changed.select(*columns, "id").rows())
