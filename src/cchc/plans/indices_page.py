"""What the external indices page shows, as plain data: the served province's PAPI position by
dimension in a year with all provinces' results, its trend by year, and its other indices."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from cchc.plans.indices_names import DIMENSIONS, PAPI, TOTAL
from cchc.plans.indices_queries import (
    Province,
    cohort,
    comparison_years,
    province_names,
    results_of,
)
from cchc.plans.indices_rules import Position, position, trend
from cchc.plans.models_indices import IndexResult

CODES = [TOTAL, *DIMENSIONS]


@dataclass(frozen=True)
class PositionRow:
    result: IndexResult
    position: Position | None
    published_rank: bool  # the rank shown is the one stored with the figure (TOTAL)
    leader_names: str


@dataclass(frozen=True)
class TrendRow:
    year: int
    cells: list[IndexResult | None]  # one per CODES
    change: Decimal | None  # of the total against the year before in the series


@dataclass
class IndicesPage:
    province: Province | None
    year: int | None = None
    years: list[int] = field(default_factory=list)
    positions: list[PositionRow] = field(default_factory=list)
    subdimensions: list[PositionRow] = field(default_factory=list)
    trend: list[TrendRow] = field(default_factory=list)
    trend_codes: list[str] = field(default_factory=lambda: list(CODES))
    others: list[IndexResult] = field(default_factory=list)
    chart: list[tuple[int, Decimal]] = field(default_factory=list)


def _row(result: IndexResult, names: dict[str, str]) -> PositionRow:
    values = cohort(result.index, result.year, result.code)
    where = position(result.province_key, values)
    leaders = ", ".join(names.get(k, k) for k in where.leaders) if where else ""
    return PositionRow(result, where, result.rank is not None, leaders)


def build_page(province: Province | None, year: int | None = None) -> IndicesPage:
    page = IndicesPage(province)
    if province is None:
        return page
    rows = results_of(province.key, PAPI)
    page.others = [r for r in results_of(province.key) if r.index != PAPI]
    own_years = {r.year for r in rows if r.code == TOTAL}
    page.years = [y for y in comparison_years() if y in own_years]
    page.year = year if year in page.years else (page.years[-1] if page.years else None)
    names = province_names()
    if page.year is not None:
        of_year = {r.code: r for r in rows if r.year == page.year and r.value is not None}
        page.positions = [_row(of_year[c], names) for c in CODES if c in of_year]
        page.subdimensions = [_row(r, names) for c, r in sorted(of_year.items()) if c[:2] == "SC"]
    by_year: dict[int, dict[str, IndexResult]] = {}
    for r in rows:
        if r.code in CODES:
            by_year.setdefault(r.year, {})[r.code] = r
    totals = {y: c[TOTAL].value for y, c in by_year.items() if TOTAL in c and c[TOTAL].value}
    changes = {p.year: p.change for p in trend({y: v for y, v in totals.items() if v is not None})}
    page.trend = [
        TrendRow(y, [by_year[y].get(c) for c in CODES], changes.get(y)) for y in sorted(by_year)
    ]
    page.chart = sorted((y, v) for y, v in totals.items() if v is not None)
    return page
