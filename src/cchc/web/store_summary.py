"""The period summary computed from the analytics store (DuckDB over Parquet).

The same counts as `cchc.dossiers.summary.summarise`, from the same rules: each count is the
rulebook's definition (rules.SUMMARY_COUNTS) printed as DuckDB SQL.
Several groupings come from one scan (GROUPING SETS), so a dashboard costs one query per period.

Connections: one in-memory DuckDB database per process, one cursor per thread (DuckDB cursors are
not shared between threads). Results are plain tuples (`fetchall`), never a lazy Arrow reader,
so no connection stays busy after a call.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Collection, Sequence
from typing import Any

import duckdb

from cchc.core.calendar_db import get_calendar
from cchc.dossiers.periods import Period
from cchc.dossiers.rulebook import rules
from cchc.dossiers.rulebook.expr import to_sql
from cchc.dossiers.rulebook.period import period_params
from cchc.dossiers.summary import (
    GROUPINGS,
    TOTAL_CODE,
    SummaryFilters,
    SummaryRow,
    _complete,
    _names,
    _row,
)
from cchc.indicators.store import dossier_glob

# grouping → its key as a DuckDB expression (the same folding as summary.py: month of finish,
# the period's end for dossiers still open then; empty text for a missing code)
_KEYS: dict[str, str] = {
    "unit": "coalesce(unit_code, '')",
    "sector": "coalesce(sector, '')",
    "procedure": "coalesce(procedure_code, '')",
    "channel": "coalesce(channel, '')",
    "month": f"strftime(CASE WHEN {to_sql(rules.ENDED)} THEN finished_on ELSE $end END, '%Y-%m')",
}
_COUNTS: list[tuple[str, str]] = [
    (name, to_sql(pred)) for name, pred in rules.SUMMARY_COUNTS.items()
]
_SCOPE = to_sql(rules.IN_PERIOD)

_base_lock = threading.Lock()
_base: duckdb.DuckDBPyConnection | None = None
_local = threading.local()


def cursor() -> duckdb.DuckDBPyConnection:
    """This thread's cursor on the process's one in-memory DuckDB database."""
    global _base
    cur: duckdb.DuckDBPyConnection | None = getattr(_local, "cursor", None)
    if cur is None:
        with _base_lock:
            if _base is None:
                _base = duckdb.connect()
            cur = _base.cursor()
        _local.cursor = cur
    return cur


def _sql(keys: Sequence[str], where: list[str]) -> str:
    inner = ", ".join(f"{_KEYS[k]} AS g_{k}" for k in keys)
    flags = ", ".join(f"({cond}) AS c_{name}" for name, cond in _COUNTS)
    sets = ", ".join(["()"] + [f"(g_{k})" for k in keys])
    grouping = "".join(f"grouping(g_{k}) AS s_{k}, g_{k}, " for k in keys)
    counts = ", ".join(f"count(*) FILTER (WHERE c_{name}) AS {name}" for name, _ in _COUNTS)
    select_keys = f"{inner}, " if inner else ""
    return (
        f"SELECT {grouping}{counts} FROM ("
        f"SELECT {select_keys}{flags} FROM read_parquet($glob, hive_partitioning = false) "
        f"WHERE {' AND '.join(where)}) GROUP BY GROUPING SETS ({sets})"
    )


def summarise_store(
    period: Period,
    groupings: Sequence[str | None],
    unit_codes: Collection[str] | None = None,
    as_of: dt.date | None = None,
    filters: SummaryFilters | None = None,
    glob: str | None = None,
) -> dict[str | None, list[SummaryRow]]:
    """For each grouping (None = the total row), what `summarise(period, by=…)` returns.

    Raises ValueError for an unknown grouping, like summarise.
    """
    for by in groupings:
        if by is not None and by not in GROUPINGS:
            raise ValueError(
                f"Nhóm không hợp lệ {by!r}: dùng {', '.join(GROUPINGS)} "
                f"(invalid grouping; use {', '.join(GROUPINGS)})"
            )
    keys = list(dict.fromkeys(b for b in groupings if b is not None))
    params: dict[str, Any] = {
        **period_params(period.start, period.end, as_of or dt.date.today(), get_calendar()),
        "glob": glob or dossier_glob(),
    }
    where = [_SCOPE]
    if unit_codes is not None:
        where.append("list_contains($units, unit_code)")
        params["units"] = sorted(set(unit_codes))
    f = filters or SummaryFilters()
    for column, value in (
        ("sector", f.sector),
        ("procedure_code", f.procedure_code),
        ("channel", f.channel),
    ):
        if value is not None:
            where.append(f"{column} = ${column}")
            params[column] = value
    rows = cursor().execute(_sql(keys, where), params).fetchall()
    return _rows_by_grouping(rows, keys, groupings)


def _rows_by_grouping(
    rows: list[tuple[Any, ...]], keys: list[str], groupings: Sequence[str | None]
) -> dict[str | None, list[SummaryRow]]:
    width = 2 * len(keys)
    counts_by: dict[str | None, dict[str, dict[str, int]]] = {None: {}, **{k: {} for k in keys}}
    for row in rows:
        marks = row[:width:2]
        values = dict(zip((name for name, _ in _COUNTS), row[width:], strict=True))
        grouped = [k for k, mark in zip(keys, marks, strict=True) if mark == 0]
        if not grouped:
            counts_by[None][TOTAL_CODE] = _complete(values)
            continue
        key = grouped[0]
        counts_by[key][str(row[2 * keys.index(key) + 1])] = _complete(values)
    out: dict[str | None, list[SummaryRow]] = {}
    for by in groupings:
        groups = counts_by[by]
        if by is None:
            zero = _complete({name: 0 for name, _ in _COUNTS})
            out[None] = [_row(TOTAL_CODE, "Tổng cộng", groups.get(TOTAL_CODE, zero))]
            continue
        names = _names(by, groups)
        out[by] = [_row(code, names.get(code, ""), groups[code]) for code in sorted(groups)]
    return out


def flag_counts_store(
    period: Period, unit_codes: Collection[str] | None, glob: str | None = None
) -> dict[str, int]:
    """Counted dossiers in the period with each hidden-lateness flag (rules.FLAG_COUNTS)."""
    params: dict[str, Any] = {
        "start": period.start,
        "end": period.end,
        "glob": glob or dossier_glob(),
    }
    where = _SCOPE
    if unit_codes is not None:
        where += " AND list_contains($units, unit_code)"
        params["units"] = sorted(set(unit_codes))
    counts = ", ".join(
        f"count(*) FILTER (WHERE {to_sql(pred)})" for pred in rules.FLAG_COUNTS.values()
    )
    sql = f"SELECT {counts} FROM read_parquet($glob, hive_partitioning = false) WHERE {where}"
    row = cursor().execute(sql, params).fetchone() or (0, 0, 0)
    return {k: int(v or 0) for k, v in zip(rules.FLAG_COUNTS, row, strict=True)}
