"""One SQL query, generated from the catalogue, that computes every indicator for every group
and period at once. Portable: the same text runs on DuckDB and on Spark SQL.

Tables the engine provides: `dossiers` (the Parquet store), `procedures`, `units`,
`periods(label, p_start, p_end, p_ref)`, `unit_map(from_code, to_code)`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cchc.indicators.catalogue import Indicator
from cchc.indicators.filters import Filter

GROUP_KEYS: dict[str, str] = {
    "total": "'*'",
    "unit": "d.group_unit",
    "sector": "COALESCE(d.sector, '')",
    "procedure": "d.procedure_code",
    "channel": "d.channel",
    "level": "COALESCE(u.kind, '')",
    "month": "'*'",  # months come from the periods table
}


@dataclass(frozen=True)
class Column:
    """One aggregate in the result: which indicator, and which part (n, d, k, s)."""

    code: str
    part: str  # n numerator, d denominator, k rows with the required fields known, s sum


def _count(filt: Filter, extra: str = "") -> str:
    cond = filt.sql() + (f" AND {extra}" if extra else "")
    return f"SUM(CASE WHEN {cond} THEN 1 ELSE 0 END)"


def _distinct(filt: Filter, column: str) -> str:
    return f"COUNT(DISTINCT CASE WHEN {filt.sql()} THEN d.{column} END)"


def aggregates(ind: Indicator) -> list[tuple[Column, str]]:
    """The SQL aggregates one indicator needs (none for indicators without data)."""
    if not ind.has_data or ind.numerator is None:
        return []
    out: list[tuple[Column, str]] = []
    num, den = ind.numerator, ind.denominator
    if ind.aggregation == "average":
        assert ind.value is not None
        value = f"d.{ind.value}"
        out.append((Column(ind.code, "n"), _count(num, f"{value} IS NOT NULL")))
        out.append((Column(ind.code, "s"), f"SUM(CASE WHEN {num.sql()} THEN {value} ELSE 0 END)"))
        return out
    if ind.distinct:
        out.append((Column(ind.code, "n"), _distinct(num, ind.distinct)))
        if den is not None:
            out.append((Column(ind.code, "d"), _distinct(den, ind.distinct)))
    else:
        out.append((Column(ind.code, "n"), _count(num)))
        if den is not None:
            out.append((Column(ind.code, "d"), _count(den)))
    if ind.requires and den is not None:
        known = " AND ".join(f"d.{f} IS NOT NULL" for f in ind.requires)
        out.append((Column(ind.code, "k"), _count(den, known)))
    return out


def indicator_query(
    indicators: Sequence[Indicator], by: str, *, restrict_units: bool
) -> tuple[str, list[Column]]:
    """SELECT period_label, group_code, <aggregates> … GROUP BY period and group."""
    if by not in GROUP_KEYS:
        raise ValueError(f"Nhóm theo không hợp lệ (invalid grouping) {by!r}")
    columns: list[Column] = []
    selects: list[str] = []
    for ind in indicators:
        for col, expr in aggregates(ind):
            selects.append(f"{expr} AS a{len(columns)}")
            columns.append(col)
    unit_join = "JOIN" if restrict_units else "LEFT JOIN"
    level_join = "LEFT JOIN units u ON u.code = d.group_unit" if by == "level" else ""
    key = GROUP_KEYS[by]
    sql = f"""
SELECT p.label AS period_label, {key} AS group_code{"".join(", " + s for s in selects)}
FROM (
  SELECT x.*, pr.online_level AS online_level, pr.has_fee AS has_fee,
         COALESCE(m.to_code, x.unit_code) AS group_unit
  FROM dossiers x
  LEFT JOIN procedures pr ON pr.code = x.procedure_code
  {unit_join} unit_map m ON m.from_code = x.unit_code
) d
JOIN periods p
  ON d.received_on <= p.p_end AND (d.finished_on IS NULL OR d.finished_on >= p.p_start)
{level_join}
GROUP BY p.label, {key}
ORDER BY 1, 2
"""
    return sql, columns


def explain_query(ind: Indicator) -> str:
    """The dossiers in an indicator's denominator (or numerator), flagged by membership."""
    num = ind.numerator.sql() if ind.numerator else "FALSE"
    den = ind.denominator.sql() if ind.denominator else num
    return f"""
SELECT d.code, d.unit_code, d.procedure_code, d.channel, d.received_on, d.deadline_on,
       d.finished_on, CASE WHEN {num} THEN 1 ELSE 0 END AS in_numerator,
       CASE WHEN {den} THEN 1 ELSE 0 END AS in_denominator
FROM (
  SELECT x.*, pr.online_level AS online_level, pr.has_fee AS has_fee,
         COALESCE(m.to_code, x.unit_code) AS group_unit
  FROM dossiers x
  LEFT JOIN procedures pr ON pr.code = x.procedure_code
  JOIN unit_map m ON m.from_code = x.unit_code
) d
JOIN periods p
  ON d.received_on <= p.p_end AND (d.finished_on IS NULL OR d.finished_on >= p.p_start)
WHERE ({den}) OR ({num})
ORDER BY in_numerator DESC, d.received_on, d.code
"""
