"""A cchc indicator's figure over one period, as the indicator pages compute it
(cchc.indicators.compute), kept in this process's memory until the data change
(cchc.core.change_stamp.remember): a plan's page and `cchc plans show` read the same periods
again and again."""

from __future__ import annotations

import datetime as dt

from cchc.core.change_stamp import remember
from cchc.core.units import tree_as_of
from cchc.dossiers.periods import Period
from cchc.indicators.compute import compute
from cchc.indicators.results import ResultRow

TOTAL = "766.total"  # the total points of Decision 766, not one indicator
GROUP_PREFIX = "766.g"  # "766.g2": the points of group 2 (plan_templates.toml)


def indicator_codes() -> list[str]:
    """Every code a target may measure: the total, each group's points, each indicator."""
    from cchc.indicators.weights import shipped_catalogue

    catalogue = shipped_catalogue()
    return [
        TOTAL,
        *(f"{GROUP_PREFIX}{g.number}" for g in catalogue.groups),
        *(i.code for i in catalogue.indicators),
    ]


def _key(*parts: object) -> tuple[object, ...]:
    return ("plans.measure", *parts)


def total_row(unit_code: str | None, period: Period, today: dt.date) -> ResultRow | None:
    """The row of `unit_code` (with the units under it), or of the whole province when None."""

    def run() -> ResultRow | None:
        rows = compute(period, unit_code=unit_code, today=today).rows
        return rows[0] if rows else None

    return remember(_key("total", unit_code, period.start, period.end, period.label, today), run)


def unit_rows(unit_code: str | None, period: Period, today: dt.date) -> list[ResultRow]:
    """One row per unit directly under `unit_code` (each with the units under it; the unit's own
    dossiers in its own row). For the province (None): under its root unit when it has one, each
    unit as itself otherwise."""
    root = unit_code or province_root(period.end)

    def run() -> list[ResultRow]:
        return list(compute(period, by="unit", unit_code=root, today=today).rows)

    return remember(_key("units", root, period.start, period.end, period.label, today), run)


def province_root(day: dt.date) -> str | None:
    """The code of the province unit: the single root of the unit tree on `day`."""
    roots = tree_as_of(day)
    return roots[0].unit.code if len(roots) == 1 else None


def figure(row: ResultRow | None, code: str) -> float | None:
    """The value a target reads: "766.total" the row's total points, "766.g2" group 2's; a ratio
    its rate in %; a
    count or an average its value. None when there is no data."""
    if row is None:
        return None
    if code == TOTAL:
        return row.total
    if code.startswith(GROUP_PREFIX):
        number = code.removeprefix(GROUP_PREFIX)
        return next((g.points for g in row.groups if str(g.number) == number), None)
    found = row.measures.get(code)
    if found is None or found.no_data or found.value is None:
        return None
    return found.value * 100 if found.kind == "ratio" else found.value
