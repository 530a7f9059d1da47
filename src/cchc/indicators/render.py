"""Indicator results as a text table, CSV or JSON: one row per group, one column per code."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from cchc.indicators.compute import Computation
from cchc.indicators.results import ResultRow
from cchc.indicators.scoring import Measure

NO_DATA = "—"  # không có dữ liệu (no data)


def _cell(m: Measure) -> str:
    if m.value is None:
        return NO_DATA
    if m.kind == "ratio":
        return f"{m.value:.4f}"
    if m.kind == "count":
        return str(int(m.value))
    return f"{m.value:.2f}"


def _points(value: float | None) -> str:
    return NO_DATA if value is None else f"{value:.2f}"


def header(comp: Computation) -> list[str]:
    cols = ["period", "group_code", "group_name", "units"]
    cols += [i.code for i in comp.indicators]
    cols += [f"G{g.number}" for g in comp.catalogue.groups] + ["total", "max_with_data"]
    if comp.previous:
        cols += ["total_prev_year", "total_change"]
    return cols


def _previous(comp: Computation) -> dict[str, ResultRow]:
    return {r.group_code: r for r in comp.previous}


def table_rows(comp: Computation) -> list[list[str]]:
    prev = _previous(comp)
    out: list[list[str]] = []
    for row in comp.rows:
        cells = [row.period, row.group_code, row.group_name, comp.view.slug]
        cells += [_cell(row.measures[i.code]) for i in comp.indicators]
        cells += [_points(g.points) for g in row.groups]
        cells += [_points(row.total), f"{row.max_with_data:.0f}"]
        if comp.previous:
            before = prev.get(row.group_code)
            old = before.total if before else None
            change = row.total - old if row.total is not None and old is not None else None
            cells += [_points(old), _points(change)]
        out.append(cells)
    return out


def as_table(comp: Computation) -> str:
    head = header(comp)
    rows = table_rows(comp)
    widths = [
        max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(head)
    ]
    lines = ["  ".join(h.ljust(w) for h, w in zip(head, widths, strict=True))]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    return "\n".join(lines)


def as_csv(comp: Computation) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header(comp))
    writer.writerows(table_rows(comp))
    return buf.getvalue()


def _measure_json(m: Measure) -> dict[str, Any]:
    return {
        "kind": m.kind,
        "value": m.value,
        "numerator": m.numerator,
        "denominator": m.denominator,
        "ci95": [m.low, m.high] if m.low is not None else None,
        "points": m.points,
        "max_points": m.max_points,
        "no_data": m.no_data,
    }


def as_json(comp: Computation) -> str:
    prev = _previous(comp)
    data = {
        "period": comp.period.label,
        "start": comp.period.start.isoformat(),
        "end": comp.period.end.isoformat(),
        "by": comp.by,
        "engine": comp.engine,
        "units": comp.view.slug,
        "units_day": comp.frame.day.isoformat(),
        "catalogue_version": comp.version,
        "data_as_of": comp.stamp.latest_import_at or comp.stamp.built_at if comp.stamp else None,
        "rows": [
            {
                "period": r.period,
                "group_code": r.group_code,
                "group_name": r.group_name,
                "indicators": {code: _measure_json(m) for code, m in r.measures.items()},
                "groups": [
                    {
                        "group": g.number,
                        "points": g.points,
                        "max_points": g.max_points,
                        "max_with_data": g.max_with_data,
                        "lost_points": g.lost_points,
                    }
                    for g in r.groups
                ],
                "total": r.total,
                "max_with_data": r.max_with_data,
                "total_prev_year": prev[r.group_code].total if r.group_code in prev else None,
            }
            for r in comp.rows
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def render(comp: Computation, fmt: str) -> str:
    if fmt == "csv":
        return as_csv(comp)
    if fmt == "json":
        return as_json(comp)
    return as_table(comp)
