"""The analytics store: Parquet files derived from the system database (docs/analytics.md).

    ANALYTICS_DIR/
      dossiers/year=YYYY/month=MM/part.parquet   one file per month of receipt (hive layout)
      procedures/part.parquet  units/part.parquet  unit_lineage/part.parquet
      data_as_of.json                             when and from what the store was built

Export streams the database in chunks (server-side cursor on PostgreSQL), so memory stays flat
whatever the row count. The store is derived: `rebuild` recreates it, `refresh` rewrites months.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from django.db import connection
from django.utils import timezone

from cchc.analytics.store_extra import write_extra_tables
from cchc.analytics.store_schema import (
    DOSSIER_COLUMNS,
    DOSSIER_SCHEMA,
    REFERENCE_TABLES,
    SCHEMA_VERSION,
    STAMP,
    Month,
    analytics_dir,
    month_dir,
    working_days,
)
from cchc.core.calendar import WorkingCalendar
from cchc.core.calendar_db import get_calendar
from cchc.core.months import month_end
from cchc.core.vn_format import vn_datetime

if TYPE_CHECKING:
    from cchc.analytics.store_frames import FreshMonths

CHUNK_ROWS = 100_000
logger = logging.getLogger(__name__)


def _column(values: Sequence[Any], typ: pa.DataType) -> pa.Array:
    """Database values → Arrow; SQLite gives dates as text and booleans as 0/1."""
    arr = pa.array(values)
    if arr.type == typ:
        return arr
    if pa.types.is_null(arr.type):
        return pa.nulls(len(values), typ)
    if pa.types.is_date32(typ) and pa.types.is_string(arr.type):
        return pc.cast(pc.utf8_slice_codeunits(arr, 0, 10), typ)
    return arr.cast(typ)


def _chunks(sql: str, params: Sequence[Any]) -> Iterator[list[tuple[Any, ...]]]:
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(CHUNK_ROWS):
            yield rows


def _dossier_sql(where: str) -> str:
    """SQLite: dates as `+column` (the same text, but no declared type), so that Django's
    per-value date converters do not run: `_column` converts the whole column at once."""
    dates = {n for n, t in DOSSIER_COLUMNS if pa.types.is_date32(t)}
    prefix = "+" if connection.vendor == "sqlite" else ""
    cols = ", ".join(f"{prefix}{n}" if n in dates else n for n, _ in DOSSIER_COLUMNS)
    return f"SELECT {cols} FROM dossiers_dossier {where} ORDER BY received_on, code"


def _count(where: str, params: Sequence[Any]) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM dossiers_dossier {where}", params)
        return int(cursor.fetchone()[0])


def _to_table(rows: list[tuple[Any, ...]], cal: WorkingCalendar) -> pa.Table:
    columns = list(zip(*rows, strict=True))
    arrays = [_column(columns[i], t) for i, (_, t) in enumerate(DOSSIER_COLUMNS)]
    table = pa.Table.from_arrays(arrays, names=[n for n, _ in DOSSIER_COLUMNS])
    return table.append_column("working_days_to_finish", working_days(table, cal))


def _write_months(
    root: Path, sql: str, params: Sequence[Any], cal: WorkingCalendar
) -> dict[Month, int]:
    """Stream the query (ordered by receipt) into one Parquet file per month of receipt."""
    written: dict[Month, int] = {}
    writer: pq.ParquetWriter | None = None
    current: Month | None = None
    try:
        for rows in _chunks(sql, params):
            table = _to_table(rows, cal)
            days = table.column("received_on").to_numpy(zero_copy_only=False)
            months = days.astype("datetime64[M]").astype(np.int64)  # months since 1970-01
            for key in np.unique(months):
                part = table.filter(pa.array(months == key))
                month = (int(key) // 12 + 1970, int(key) % 12 + 1)
                if month != current:
                    if writer is not None:
                        writer.close()
                    target = month_dir(root, month)
                    target.mkdir(parents=True, exist_ok=True)
                    writer = pq.ParquetWriter(target / "part.parquet", DOSSIER_SCHEMA)
                    current = month
                assert writer is not None
                writer.write_table(part)
                written[month] = written.get(month, 0) + part.num_rows
    finally:
        if writer is not None:
            writer.close()
    return written


def _write_reference(root: Path) -> None:
    for name, (sql, columns) in REFERENCE_TABLES.items():
        rows = [r for chunk in _chunks(sql, ()) for r in chunk]
        data = list(zip(*rows, strict=True)) if rows else [() for _ in columns]
        table = pa.Table.from_arrays(
            [_column(data[i], t) for i, (_, t) in enumerate(columns)],
            names=[n for n, _ in columns],
        )
        target = root / name
        target.mkdir(parents=True, exist_ok=True)
        tmp = target / "part.parquet.tmp"
        pq.write_table(table, tmp)
        os.replace(tmp, target / "part.parquet")
    write_extra_tables(root)  # citizens' tables, from the providers apps register


@dataclass(frozen=True)
class StoreStamp:
    built_at: str
    dossiers: int
    months: int
    latest_batch_id: int | None
    latest_import_at: str | None
    schema: int = 0
    rules_version: str = ""  # of the stored timing (dossiers/data_as_of.py); "" in older stamps

    @property
    def as_of_display(self) -> str:
        moment = dt.datetime.fromisoformat(self.latest_import_at or self.built_at)
        return vn_datetime(timezone.localtime(moment))

    @property
    def as_of_with_rules(self) -> str:
        """ "data as of", with the rules version of the stored timing when known."""
        rules = f", quy tắc (rules) v{self.rules_version}" if self.rules_version else ""
        return f"{self.as_of_display}{rules}"


def write_stamp(root: Path) -> StoreStamp:
    from cchc.dossiers.data_as_of import data_as_of

    files = sorted((root / "dossiers").glob("*/*/*.parquet"))
    total = sum(pq.ParquetFile(f).metadata.num_rows for f in files)
    latest = data_as_of()
    finished = latest.finished_at
    stamp = StoreStamp(
        built_at=timezone.now().isoformat(),
        dossiers=total,
        months=len(files),
        latest_batch_id=latest.batch_id,
        latest_import_at=finished.isoformat() if finished else None,
        schema=SCHEMA_VERSION,
        rules_version=latest.rules_version,
    )
    tmp = root / (STAMP + ".tmp")
    tmp.write_text(json.dumps(stamp.__dict__, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, root / STAMP)
    return stamp


def outdated(root: Path | None = None) -> bool:
    """A store exists but was written by a version of another schema: it is rebuilt by the next
    import's refresh, by `cchc serve` at start, or on first use."""
    path = (root or analytics_dir()) / STAMP
    return path.exists() and read_stamp(root) is None


def read_stamp(root: Path | None = None) -> StoreStamp | None:
    """The store's stamp; None when there is no store, or one of another schema version (it is
    then rebuilt on first use, like a missing one)."""
    path = (root or analytics_dir()) / STAMP
    if not path.exists():
        return None
    stamp = StoreStamp(**json.loads(path.read_text(encoding="utf-8")))
    return stamp if stamp.schema == SCHEMA_VERSION else None


def rebuild(root: Path | None = None) -> StoreStamp:
    """Recreate the whole store from the database; readers see the old one until the swap."""
    root = root or analytics_dir()
    root.mkdir(parents=True, exist_ok=True)
    fresh = root / f".rebuild-{os.getpid()}"
    shutil.rmtree(fresh, ignore_errors=True)
    # working days are stored: the calendar of this moment
    _write_months(fresh, _dossier_sql(""), (), get_calendar(fresh=True))
    (fresh / "dossiers").mkdir(parents=True, exist_ok=True)
    old = root / f".old-{os.getpid()}"
    if (root / "dossiers").exists():
        os.replace(root / "dossiers", old)
    os.replace(fresh / "dossiers", root / "dossiers")
    shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(fresh, ignore_errors=True)
    _write_reference(root)
    return write_stamp(root)


def _month_bounds(month: Month) -> tuple[dt.date, dt.date]:
    first = dt.date(month[0], month[1], 1)
    return first, month_end(first)


def refresh(
    months: Iterable[Month], root: Path | None = None, fresh: FreshMonths | None = None
) -> StoreStamp:
    """Rewrite only the given months of receipt (and the small reference tables). The months
    `fresh` holds (an import's months that were empty before it) are written from its rows."""
    root = root or analytics_dir()
    if read_stamp(root) is None:
        return rebuild(root)
    cal = get_calendar(fresh=True)  # working days are stored: the calendar of this moment
    for month in sorted(set(months)):
        staging = root / f".refresh-{os.getpid()}"
        shutil.rmtree(staging, ignore_errors=True)
        first, last = _month_bounds(month)
        where = "WHERE received_on >= %s AND received_on <= %s"
        table = fresh.table(month, cal) if fresh else None
        if table is not None and _count(where, (first, last)) == table.num_rows:
            month_dir(staging, month).mkdir(parents=True)
            pq.write_table(table, month_dir(staging, month) / "part.parquet")
        else:  # read back; also when another import wrote into the month meanwhile
            _write_months(staging, _dossier_sql(where), (first, last), cal)
        target = month_dir(root, month)
        built = month_dir(staging, month) / "part.parquet"
        if built.exists():
            target.mkdir(parents=True, exist_ok=True)
            os.replace(built, target / "part.parquet")
        elif target.exists():
            shutil.rmtree(target)
        shutil.rmtree(staging, ignore_errors=True)
    _write_reference(root)
    return write_stamp(root)


def months_of_batch(batch_id: int) -> set[Month]:
    from cchc.dossiers.models import Dossier

    days = Dossier.objects.filter(batch_id=batch_id).values_list("received_on", flat=True)
    return {(d.year, d.month) for d in days.distinct()}


def refresh_after_import(
    batch_id: int, before: Iterable[Month] = (), fresh: FreshMonths | None = None
) -> StoreStamp | None:
    """The importer's hook, run once the batch is committed: rewrite the months it touched, i.e.
    the months its dossiers were received in and `before`, those its updated dossiers were
    received in until now (a newer export that changes a receipt date moves a dossier).
    `fresh`: the import's rows of the months that were empty before it (store_frames.py).

    Never raises: the import is already safe in the database, so a failed refresh is logged and
    the store keeps its older "data as of" (pages show it) until `cchc analytics refresh` or
    `rebuild`. With no store yet there is nothing to refresh: it is built on first use.
    """
    try:
        if read_stamp() is None:  # none yet (built on first use), or outdated: rebuilt whole
            return rebuild() if outdated() else None
        return refresh(months_of_batch(batch_id) | set(before), fresh=fresh)
    except Exception:
        logger.exception(
            "Làm mới kho phân tích thất bại (analytics refresh failed), lô %s", batch_id
        )
        return None


def refresh_reference(root: Path | None = None) -> StoreStamp | None:
    """After an import of units or procedures: rewrite the small reference tables (indicators
    read them) and the stamp, whose new build time retires the web cache's figures and unit
    names; the dossier months are untouched. Never raises, like `refresh_after_import`."""
    root = root or analytics_dir()
    try:
        if read_stamp(root) is None:  # no store yet: built on first use with today's tables
            return None
        _write_reference(root)
        return write_stamp(root)
    except Exception:
        logger.exception("Làm mới bảng tham chiếu của kho thất bại (reference refresh failed)")
        return None


def ensure_store() -> StoreStamp:
    """The store, built on first use."""
    return read_stamp() or rebuild()
