"""The period summary (dossiers summary, dashboards, the official report's layout) and the flag
counts: each count is the rulebook's definition (rules.SUMMARY_COUNTS, rules.FLAG_COUNTS), one
SQL for the store and the database. On the store, several groupings come from one scan (GROUPING
SETS), so a dashboard costs one query per period. The database has no GROUPING SETS (SQLite):
there, groupings of few groups each (month, unit, sector, channel) come from one scan grouped by
all of them at once, added up here (every count is a count of rows, so the sums are exact); a
grouping by procedure runs a query of its own."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from typing import Any

from cchc.analytics.backend import Backend, Query, as_date
from cchc.core.calendar_db import get_calendar
from cchc.dossiers.periods import Period
from cchc.dossiers.rulebook import rules
from cchc.dossiers.rulebook.period import period_params
from cchc.dossiers.summary import (
    GROUPINGS,
    TOTAL_CODE,
    SummaryFilters,
    SummaryRow,
    complete_counts,
    group_names,
    summary_row,
)

COUNTS = list(rules.SUMMARY_COUNTS)
# Groupings whose product stays small enough to group by together (months × units × sectors ×
# channels present in the data: thousands of groups at a million dossiers, not hundreds of
# thousands).
ROLLED_UP = frozenset({"month", "unit", "sector", "channel"})


def _key(by: str, q: Query) -> str:
    """The grouping's key; `month` groups on the day a dossier counts on (its finish if it ended
    in the period, else the period's end), folded into months afterwards. COALESCE keeps SQLite
    on finished_on's index for the period rule rather than the unit index for the GROUP BY."""
    if by == "month":
        return f"CASE WHEN {q.rule(rules.ENDED)} THEN finished_on ELSE {q.param('end')} END"
    return f"COALESCE({GROUPINGS[by]}, '')"


def _where(q: Query, unit_codes: Collection[str] | None, f: SummaryFilters) -> str:
    where = [q.rule(rules.IN_PERIOD)]
    if unit_codes is not None:
        where.append(q.among("unit_code", sorted(set(unit_codes))))
    for column, value in (
        ("sector", f.sector),
        ("procedure_code", f.procedure_code),
        ("channel", f.channel),
    ):
        if value is not None:
            where.append(f"{column} = {q.value(value)}")
    return " AND ".join(where)


def _counts(q: Query) -> str:
    return ", ".join(
        f"count(*) FILTER (WHERE {q.rule(rules.SUMMARY_COUNTS[name])}) AS {name}" for name in COUNTS
    )


def _fold(by: str, key: Any) -> str:
    return f"{as_date(key):%Y-%m}" if by == "month" else str(key)


def summaries(
    backend: Backend,
    period: Period,
    groupings: Sequence[str | None],
    unit_codes: Collection[str] | None = None,
    today: dt.date | None = None,
    filters: SummaryFilters | None = None,
) -> dict[str | None, list[SummaryRow]]:
    """For each grouping (None = the total row), one row per group ordered by code.
    ValueError for an unknown grouping."""
    for by in groupings:
        if by is not None and by not in GROUPINGS:
            raise ValueError(
                f"Nhóm không hợp lệ {by!r}: dùng {', '.join(GROUPINGS)} "
                f"(invalid grouping; use {', '.join(GROUPINGS)})"
            )
    params = period_params(period.start, period.end, today or dt.date.today(), get_calendar())
    f = filters or SummaryFilters()
    keys = list(dict.fromkeys(b for b in groupings if b is not None))
    counts_by: dict[str | None, dict[str, dict[str, int]]] = {None: {}, **{k: {} for k in keys}}
    if backend.grouping_sets or not keys:
        _one_scan(backend, params, keys, unit_codes, f, counts_by)
    elif len(keys) > 1 or None in groupings:
        together = [k for k in keys if k in ROLLED_UP]
        if together:
            _rolled_up_scan(backend, params, together, unit_codes, f, counts_by)
        for by in [k for k in keys if k not in ROLLED_UP]:
            _one_scan(backend, params, [by], unit_codes, f, counts_by)
    else:
        for by in [None, *keys] if None in groupings else keys:
            _one_scan(backend, params, [] if by is None else [by], unit_codes, f, counts_by)
    out: dict[str | None, list[SummaryRow]] = {}
    for by in groupings:
        groups = counts_by[by]
        if by is None:
            zero = complete_counts({name: 0 for name in COUNTS})
            out[None] = [summary_row(TOTAL_CODE, "Tổng cộng", groups.get(TOTAL_CODE, zero))]
            continue
        names = group_names(by, groups)
        out[by] = [summary_row(code, names.get(code, ""), groups[code]) for code in sorted(groups)]
    return out


def _one_scan(
    backend: Backend,
    params: dict[str, dt.date],
    keys: list[str],
    unit_codes: Collection[str] | None,
    f: SummaryFilters,
    counts_by: dict[str | None, dict[str, dict[str, int]]],
) -> None:
    """Add the counts of `keys` (and of the total, on a one-scan back end) to `counts_by`."""

    def build(q: Query) -> str:
        where = _where(q, unit_codes, f)
        if not keys:
            return f"SELECT {_counts(q)} FROM {q.dossiers} WHERE {where}"
        inner = ", ".join(f"{_key(k, q)} AS g_{k}" for k in keys)
        if not backend.grouping_sets:
            return (
                f"SELECT {inner}, {_counts(q)} FROM {q.dossiers} WHERE {where} GROUP BY g_{keys[0]}"
            )
        grouping = "".join(f"grouping(g_{k}) AS s_{k}, g_{k}, " for k in keys)
        sets = ", ".join(["()"] + [f"(g_{k})" for k in keys])
        flags = ", ".join(f"({q.rule(rules.SUMMARY_COUNTS[name])}) AS c_{name}" for name in COUNTS)
        counts = ", ".join(f"count(*) FILTER (WHERE c_{name}) AS {name}" for name in COUNTS)
        return (
            f"SELECT {grouping}{counts} FROM (SELECT {inner}, {flags} FROM {q.dossiers} "
            f"WHERE {where}) GROUP BY GROUPING SETS ({sets})"
        )

    rows = backend.run(build, params)
    if not keys:
        counts_by[None][TOTAL_CODE] = complete_counts(dict(zip(COUNTS, rows[0], strict=True)))
        return
    if not backend.grouping_sets:
        by = keys[0]
        for key, *cells in rows:
            _add(counts_by[by], _fold(by, key), dict(zip(COUNTS, cells, strict=True)))
        return
    width = 2 * len(keys)
    for row in rows:
        values = dict(zip(COUNTS, row[width:], strict=True))
        grouped = [k for k, mark in zip(keys, row[:width:2], strict=True) if mark == 0]
        if not grouped:
            counts_by[None][TOTAL_CODE] = complete_counts(values)
            continue
        by = grouped[0]
        _add(counts_by[by], _fold(by, row[2 * keys.index(by) + 1]), values)


def _rolled_up_scan(
    backend: Backend,
    params: dict[str, dt.date],
    keys: list[str],
    unit_codes: Collection[str] | None,
    f: SummaryFilters,
    counts_by: dict[str | None, dict[str, dict[str, int]]],
) -> None:
    """The counts of the total and of each of `keys` from one scan grouped by all of them: each
    group's counts are added to its month's, unit's, ... and the total (a back end without
    GROUPING SETS)."""

    def key(by: str, q: Query) -> str:
        return backend.month_text.format(_key(by, q)) if by == "month" else _key(by, q)

    def build(q: Query) -> str:
        inner = ", ".join(f"{key(k, q)} AS g_{k}" for k in keys)
        group = ", ".join(f"g_{k}" for k in keys)
        where = _where(q, unit_codes, f)
        return f"SELECT {inner}, {_counts(q)} FROM {q.dossiers} WHERE {where} GROUP BY {group}"

    total: dict[str, int] = dict.fromkeys(COUNTS, 0)
    sums: dict[str, dict[str, dict[str, int]]] = {k: {} for k in keys}
    for row in backend.run(build, params):
        cells = [int(v or 0) for v in row[len(keys) :]]
        for name, value in zip(COUNTS, cells, strict=True):
            total[name] += value
        for k, code in zip(keys, row[: len(keys)], strict=True):
            group = sums[k].setdefault(str(code), dict.fromkeys(COUNTS, 0))
            for name, value in zip(COUNTS, cells, strict=True):
                group[name] += value
    counts_by[None][TOTAL_CODE] = complete_counts(total)
    for k in keys:
        for code, counts in sums[k].items():
            counts_by[k][code] = complete_counts(counts)


def _add(groups: dict[str, dict[str, int]], code: str, values: dict[str, Any]) -> None:
    counts = complete_counts(values)
    if code in groups:  # days of one month
        counts = {k: groups[code][k] + v for k, v in counts.items()}
    groups[code] = counts


def flag_counts(
    backend: Backend, period: Period, unit_codes: Collection[str] | None
) -> dict[str, int]:
    """Counted dossiers in the period with each hidden-lateness flag (rules.FLAG_COUNTS)."""

    def build(q: Query) -> str:
        where = q.rule(rules.IN_PERIOD)
        if unit_codes is not None:
            where += " AND " + q.among("unit_code", sorted(set(unit_codes)))
        counts = ", ".join(
            f"count(*) FILTER (WHERE {q.rule(pred)})" for pred in rules.FLAG_COUNTS.values()
        )
        return f"SELECT {counts} FROM {q.dossiers} WHERE {where}"

    [row] = backend.run(build, {"start": period.start, "end": period.end})
    return {k: int(v or 0) for k, v in zip(rules.FLAG_COUNTS, row, strict=True)}
