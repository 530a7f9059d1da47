"""Every indicator of a catalogue, whatever its source: the dossiers' query (sql_branches.py) and
one query per citizens' source (sql_sources.py), run on the same engine with the same periods
and unit mapping, their rows joined on (period, group). A group a source has no item in gets no
count from it, which the results read as "no data" for that source's ratios, never 0 points."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from cchc.indicators.catalogue import Indicator
from cchc.indicators.engines import Engine, Inputs, Row
from cchc.indicators.sources import SOURCES
from cchc.indicators.sql import Column
from cchc.indicators.sql_branches import indicator_query
from cchc.indicators.sql_sources import source_query


def join_rows(parts: Sequence[tuple[list[Column], list[Row]]]) -> tuple[list[Column], list[Row]]:
    """Rows (period, group, c0, …) of several queries → one row per (period, group) with every
    query's columns in turn; a query without a row for that key gives None (read as 0)."""
    columns = [c for cols, _ in parts for c in cols]
    joined: dict[tuple[str, str], list[object]] = {}
    offset = 0
    for cols, rows in parts:
        for row in rows:
            key = (str(row[0]), str(row[1]))
            values = joined.setdefault(key, [None] * len(columns))
            values[offset : offset + len(cols)] = row[2:]
        offset += len(cols)
    return columns, [(p, g, *values) for (p, g), values in sorted(joined.items())]


def run_all(
    indicators: Sequence[Indicator],
    by: str,
    inputs: Inputs,
    engine: Engine,
    *,
    restrict_units: bool,
    mapped: bool,
) -> tuple[list[Column], list[Row]]:
    """(columns, rows) of every indicator, for `results.assemble`."""
    sql, columns = indicator_query(indicators, by, restrict_units=restrict_units, mapped=mapped)
    parts = [(columns, engine.run(sql, inputs))]
    for name, source in SOURCES.items():
        query = source_query(indicators, name, by, restrict_units=restrict_units, mapped=mapped)
        if query is not None:
            source_sql, source_columns = query
            parts.append(
                (source_columns, engine.run(source_sql, replace(inputs, table=source.table)))
            )
    if len(parts) == 1:
        return parts[0]
    return join_rows(parts)
