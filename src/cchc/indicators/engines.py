"""Indicator engines: run the generated SQL over the Parquet store.

DuckDB is embedded and the default; Spark (local mode here, a cluster in production) runs the
same SQL text over the same layout. Both return plain tuples, so results compare exactly.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import pyarrow as pa
import pyarrow.parquet as pq

from cchc.analytics.duck import duckdb_cursor
from cchc.analytics.store_extra import EXTRA_TABLES, extra_schema
from cchc.analytics.store_schema import REFERENCE_TABLES

Row = tuple[Any, ...]
PERIODS_SCHEMA = pa.schema(
    [
        ("label", pa.string()),
        ("p_start", pa.date32()),
        ("p_end", pa.date32()),
        ("p_ref", pa.date32()),
        ("p_key", pa.int32()),  # the period's position: a cheaper grouping key than its label
    ]
)
PERIOD_DAYS_SCHEMA = pa.schema([("day", pa.date32()), *PERIODS_SCHEMA])
DATE_CELLS_SCHEMA = pa.schema([("day", pa.date32()), ("cell", pa.date32())])
NESTED_LOOP_PERIODS = 64
UNIT_MAP_SCHEMA = pa.schema([("from_code", pa.string()), ("to_code", pa.string())])


@dataclass(frozen=True)
class Inputs:
    """The store to read and the small tables a query joins: periods and the unit mapping.
    `table`: the store table the query counts (dossiers, or a citizens' table: without any row
    of it the engines return no row without running the query)."""

    root: Path
    periods: list[tuple[str, dt.date, dt.date, dt.date]]
    unit_map: list[tuple[str, str]] = field(default_factory=list)
    table: str = "dossiers"

    def has_dossiers(self) -> bool:
        return any((self.root / "dossiers").glob("*/*/*.parquet"))

    def extra_path(self, name: str) -> Path | None:
        """A citizens' table's file (analytics/store_extra.py), if the store holds it."""
        path = self.root / name / "part.parquet"
        return path if path.exists() else None

    def has_rows(self) -> bool:
        if self.table == "dossiers":
            return self.has_dossiers()
        path = self.extra_path(self.table)
        return path is not None and pq.ParquetFile(path).metadata.num_rows > 0

    def period_rows(self) -> list[tuple[str, dt.date, dt.date, dt.date, int]]:
        """The periods, each with its position (`p_key`)."""
        return [(*period, k) for k, period in enumerate(self.periods)]

    def periods_table(self) -> pa.Table:
        return _table(self.period_rows(), PERIODS_SCHEMA)

    def period_days(self) -> list[tuple[dt.date, str, dt.date, dt.date, dt.date, int]]:
        """One row per day of each period (a day of two overlapping periods has two), so that
        "received in the period" and "ended in it" are equality joins on the day."""
        return [
            (start + dt.timedelta(days=k), label, start, end, ref, key)
            for label, start, end, ref, key in self.period_rows()
            for k in range((end - start).days + 1)
        ]

    def period_days_table(self) -> pa.Table:
        return _table(self.period_days(), PERIOD_DAYS_SCHEMA)

    def date_cells(self) -> list[tuple[dt.date, dt.date]]:
        """(day, cell) for the days from the least to the greatest period bound (sql_cells.py):
        a day's cell is the first bound on or after it."""
        one = dt.timedelta(days=1)
        bounds = sorted(
            {e for _, _, e, _ in self.periods}
            | {s - one for _, s, _, _ in self.periods}
            | {r - one for _, _, _, r in self.periods}
        )
        out: list[tuple[dt.date, dt.date]] = []
        day = bounds[0] if bounds else None
        for bound in bounds:
            while day is not None and day <= bound:
                out.append((day, bound))
                day += one
        return out

    def date_cells_table(self) -> pa.Table:
        rows = self.date_cells()
        return pa.Table.from_arrays(
            [
                pa.array([r[0] for r in rows], pa.date32()),
                pa.array([r[1] for r in rows], pa.date32()),
            ],
            schema=DATE_CELLS_SCHEMA,
        )

    def unit_map_table(self) -> pa.Table:
        cols: list[list[str]] = [[a for a, _ in self.unit_map], [b for _, b in self.unit_map]]
        return pa.Table.from_arrays(
            [pa.array(c, pa.string()) for c in cols], schema=UNIT_MAP_SCHEMA
        )


def _table(rows: list[tuple[Any, ...]], schema: pa.Schema) -> pa.Table:
    cols = list(zip(*rows, strict=True)) if rows else [() for _ in schema]
    return pa.Table.from_arrays(
        [pa.array(c, f.type) for c, f in zip(cols, schema, strict=True)], schema=schema
    )


def check_unit_map(sql: str, inputs: Inputs) -> None:
    """A query generated without the unit mapping (`mapped=False`) must not be run with one:
    it would group by the dossiers' own units and silently ignore the mapping."""
    if inputs.unit_map and not re.search(r"\bunit_map\b", sql):
        raise ValueError(
            "Truy vấn không dùng bảng ánh xạ đơn vị (the query ignores the unit mapping): "
            "generate it with mapped=True"
        )


def reference_schema(name: str) -> pa.Schema:
    return pa.schema(REFERENCE_TABLES[name][1])


class Engine(Protocol):
    name: str

    def run(self, sql: str, inputs: Inputs) -> list[Row]: ...


class DuckDBEngine:
    name = "duckdb"

    def __init__(self, threads: int | None = None) -> None:
        self.threads = threads

    def run(self, sql: str, inputs: Inputs) -> list[Row]:
        import duckdb

        check_unit_map(sql, inputs)
        if not inputs.has_rows():
            return []
        # A thread count is a database-wide setting: such a run gets a database of its own.
        con = duckdb.connect() if self.threads else duckdb_cursor()
        try:
            if self.threads:
                con.execute(f"SET threads = {int(self.threads)}")
            if len(inputs.periods) <= NESTED_LOOP_PERIODS:
                # Inequality joins with the small periods table (cells, "open at the end"):
                # a nested loop over it beats DuckDB's merge join (docs/analytics.md).
                con.execute(f"SET SESSION nested_loop_join_threshold = {len(inputs.periods) + 1}")
            if inputs.has_dossiers():
                glob = str(inputs.root / "dossiers" / "*" / "*" / "*.parquet").replace("'", "''")
                con.execute(
                    f"CREATE TEMP VIEW dossiers AS SELECT * FROM read_parquet('{glob}', "
                    "hive_partitioning = false)"
                )
            for name in EXTRA_TABLES:
                extra = inputs.extra_path(name)
                if extra is not None:
                    quoted = str(extra).replace("'", "''")
                    con.execute(
                        f"CREATE TEMP VIEW {name} AS SELECT * FROM read_parquet('{quoted}')"
                    )
                else:
                    con.register(name, extra_schema(name).empty_table())
            for name in ("procedures", "units"):
                path = inputs.root / name / "part.parquet"
                if path.exists():
                    quoted = str(path).replace("'", "''")
                    con.execute(
                        f"CREATE TEMP VIEW {name} AS SELECT * FROM read_parquet('{quoted}')"
                    )
                else:
                    con.register(name, reference_schema(name).empty_table())
            con.register("periods", inputs.periods_table())
            con.register("period_days", inputs.period_days_table())
            con.register("date_cells", inputs.date_cells_table())
            con.register("unit_map", inputs.unit_map_table())
            return [tuple(r) for r in con.execute(sql).fetchall()]
        finally:
            con.close()


_SPARK: Any = None


def spark_session() -> Any:
    """One local Spark session per process (start-up costs seconds)."""
    global _SPARK
    if _SPARK is None:
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        from pyspark.sql import SparkSession

        _SPARK = (
            SparkSession.builder.master(os.environ.get("CCHC_SPARK_MASTER", "local[2]"))
            .appName("cchc-indicators")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.shuffle.partitions", "4")
            .config("spark.driver.memory", "1g")
            .config("spark.ui.showConsoleProgress", "false")
            .getOrCreate()
        )
        _SPARK.sparkContext.setLogLevel("ERROR")
    return _SPARK


class SparkEngine:
    name = "spark"

    def run(self, sql: str, inputs: Inputs) -> list[Row]:
        check_unit_map(sql, inputs)
        if not inputs.has_rows():
            return []
        spark = spark_session()
        if inputs.has_dossiers():
            spark.read.parquet(str(inputs.root / "dossiers")).createOrReplaceTempView("dossiers")
        for name in EXTRA_TABLES:
            extra = inputs.extra_path(name)
            if extra is not None:
                spark.read.parquet(str(extra)).createOrReplaceTempView(name)
            else:
                empty = spark.createDataFrame([], _spark_schema(extra_schema(name)))
                empty.createOrReplaceTempView(name)
        for name in ("procedures", "units"):
            path = inputs.root / name / "part.parquet"
            if path.exists():
                spark.read.parquet(str(path)).createOrReplaceTempView(name)
            else:
                schema = _spark_schema(reference_schema(name))
                spark.createDataFrame([], schema).createOrReplaceTempView(name)
        spark.createDataFrame(
            inputs.period_rows(), _spark_schema(PERIODS_SCHEMA)
        ).createOrReplaceTempView("periods")
        spark.createDataFrame(
            inputs.period_days(), _spark_schema(PERIOD_DAYS_SCHEMA)
        ).createOrReplaceTempView("period_days")
        spark.createDataFrame(
            inputs.date_cells(), _spark_schema(DATE_CELLS_SCHEMA)
        ).createOrReplaceTempView("date_cells")
        spark.createDataFrame(
            inputs.unit_map, _spark_schema(UNIT_MAP_SCHEMA)
        ).createOrReplaceTempView("unit_map")
        return [tuple(r) for r in spark.sql(sql).collect()]


def _spark_schema(schema: pa.Schema) -> Any:
    from pyspark.sql import types as T

    mapping = {
        pa.string(): T.StringType(),
        pa.date32(): T.DateType(),
        pa.bool_(): T.BooleanType(),
        pa.float64(): T.DoubleType(),
        pa.int32(): T.IntegerType(),
    }
    return T.StructType([T.StructField(f.name, mapping[f.type], True) for f in schema])


def get_engine(name: str) -> Engine:
    if name == "duckdb":
        return DuckDBEngine()
    if name == "spark":
        return SparkEngine()
    raise ValueError(f"Bộ máy tính không hợp lệ (unknown engine) {name!r}: duckdb hoặc spark")
