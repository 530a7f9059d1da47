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


def _when(filt: Filter, extra: str = "") -> str:
    return filt.sql() + (f" AND {extra}" if extra else "")


@dataclass(frozen=True)
class Aggregate:
    """One aggregate of the scan: a count (`count`), a sum of a value (`sum`), or a count of
    distinct values of a field (`distinct`), each over the dossiers a condition selects."""

    kind: str  # count | sum | distinct
    condition: str
    operand: str = ""  # the summed value or the distinct field


def aggregates(ind: Indicator) -> list[tuple[Column, Aggregate]]:
    """The aggregates one indicator needs (none for indicators without data)."""
    if not ind.has_data or ind.numerator is None:
        return []
    out: list[tuple[Column, Aggregate]] = []
    num, den = ind.numerator, ind.denominator
    if ind.aggregation == "average":
        assert ind.value is not None
        value = f"d.{ind.value}"
        out.append((Column(ind.code, "n"), Aggregate("count", _when(num, f"{value} IS NOT NULL"))))
        out.append((Column(ind.code, "s"), Aggregate("sum", _when(num), value)))
        return out
    for part, filt in (("n", num), ("d", den)):
        if filt is None:
            continue
        if ind.distinct:
            out.append((Column(ind.code, part), Aggregate("distinct", _when(filt), ind.distinct)))
        else:
            out.append((Column(ind.code, part), Aggregate("count", _when(filt))))
    if ind.requires and den is not None:
        known = " AND ".join(f"d.{f} IS NOT NULL" for f in ind.requires)
        out.append((Column(ind.code, "k"), Aggregate("count", _when(den, known))))
    return out


def _sql(agg: Aggregate) -> str:
    # CASE inside SUM: measured faster on DuckDB than FILTER (WHERE …), and portable to Spark.
    if agg.kind == "count":
        return f"SUM(CASE WHEN {agg.condition} THEN 1 ELSE 0 END)"
    if agg.kind == "sum":
        return f"SUM(CASE WHEN {agg.condition} THEN {agg.operand} ELSE 0 END)"
    return f"COUNT(DISTINCT CASE WHEN {agg.condition} THEN d.{agg.operand} END)"


def indicator_query(
    indicators: Sequence[Indicator], by: str, *, restrict_units: bool
) -> tuple[str, list[Column]]:
    """SELECT period_label, group_code, <aggregates> … GROUP BY period and group.

    One scan of the store for every indicator and period: conditional aggregates over one join
    with the periods table, each distinct aggregate computed once (2a's late count and op.late
    share one) and repeated in the output so that columns stay one per (indicator, part)."""
    if by not in GROUP_KEYS:
        raise ValueError(f"Nhóm theo không hợp lệ (invalid grouping) {by!r}")
    columns: list[Column] = []
    unique: dict[Aggregate, int] = {}
    refs: list[int] = []
    for ind in indicators:
        for col, agg in aggregates(ind):
            columns.append(col)
            refs.append(unique.setdefault(agg, len(unique)))
    computed = "".join(f", {_sql(agg)} AS a{k}" for agg, k in unique.items())
    outputs = "".join(f", a{k} AS c{n}" for n, k in enumerate(refs))
    unit_join = "JOIN" if restrict_units else "LEFT JOIN"
    level_join = "LEFT JOIN units u ON u.code = d.group_unit" if by == "level" else ""
    key = GROUP_KEYS[by]
    sql = f"""
SELECT period_label, group_code{outputs}
FROM (
  SELECT p.label AS period_label, {key} AS group_code{computed}
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
) g
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
