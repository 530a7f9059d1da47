"""Months of the analytics store written from an import's own rows, not read back from the database.

A month of receipt that held no dossier before an import holds, once it is committed, exactly the
rows the import wrote into it. When a store exists, the importer hands every part it writes to
`FreshMonths`, which keeps the store's columns of those rows; the refresh after the commit writes
such months from them, and reads back from the database only the months that held dossiers
before (docs/analytics.md). Reading a million rows back through the database driver costs far
more than the import's own write of the Parquet files.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import polars as pl
import pyarrow as pa

from cchc.analytics.store_schema import DOSSIER_COLUMNS, DOSSIER_SCHEMA, Month, working_days
from cchc.core.calendar import WorkingCalendar

_DATES = [n for n, t in DOSSIER_COLUMNS if pa.types.is_date32(t)]
_INTS = [n for n, t in DOSSIER_COLUMNS if pa.types.is_int32(t)]


def store_rows(part: pl.DataFrame) -> pl.DataFrame:
    """The store's dossier columns of a part the importer writes (database text → typed)."""
    return part.select(
        *(
            pl.col(n).str.slice(0, 10).str.to_date("%Y-%m-%d")
            if n in _DATES
            else pl.col(n).cast(pl.Int32)
            if n in _INTS
            else pl.col(n)
            for n, _ in DOSSIER_COLUMNS
        )
    )


class FreshMonths:
    """The store's rows of an import, for the months no dossier was received in before it."""

    def __init__(self, taken: set[Month]) -> None:
        self.taken = taken  # months that held dossiers before the import: read back instead
        self._parts: list[pl.DataFrame] = []
        self._rows: pl.DataFrame | None = None

    def collect(self, parts: Iterable[pl.DataFrame]) -> Iterator[pl.DataFrame]:
        """Pass `parts` through, keeping the store's columns of each."""
        for part in parts:
            self._parts.append(store_rows(part))
            yield part

    def table(self, month: Month, cal: WorkingCalendar) -> pa.Table | None:
        """The month's rows in the store's schema and order (receipt day, code); None for a
        month taken before the import or without a row of it."""
        if month in self.taken or not self._parts:
            return None
        if self._rows is None:  # the parts as they are (no copy into one block)
            number = pl.col("received_on").dt.year() * 12 + pl.col("received_on").dt.month() - 1
            self._rows = pl.concat(self._parts, rechunk=False).with_columns(number.alias("__month"))
        frame = self._rows.filter(pl.col("__month") == month[0] * 12 + month[1] - 1)
        if frame.height == 0:
            return None
        ordered = frame.sort("received_on", "code").drop("__month").to_arrow()
        table = pa.Table.from_arrays(
            [ordered.column(n).cast(t) for n, t in DOSSIER_COLUMNS],
            names=[n for n, _ in DOSSIER_COLUMNS],
        )
        days = working_days(table, cal)
        return table.append_column("working_days_to_finish", days).cast(DOSSIER_SCHEMA)
