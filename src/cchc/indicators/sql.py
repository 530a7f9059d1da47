"""SQL, generated from the catalogue, that computes every indicator for every group and period
at once. Portable: the same text runs on DuckDB and on Spark SQL.

Tables the engine provides: `dossiers` (the Parquet store), `procedures`, `units`,
`periods(label, p_start, p_end, p_ref, p_key)` (p_key: the period's position),
`period_days(day, label, p_start, p_end, p_ref, p_key)` (a row per day of each period),
`unit_map(from_code, to_code)`.

Two plans give the same figures: `indicator_query` splits the scan by period branch
(sql_branches.py), the fast one; `single_scan_query` joins every dossier to every period it
overlaps and evaluates every aggregate on every joined row, the plain one, kept as the reference
the tests compare to.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cchc.dossiers.rulebook import rules
from cchc.dossiers.rulebook.expr import to_sql
from cchc.indicators.catalogue import Indicator
from cchc.indicators.filters import LATE_AT_END, PERIOD_RULES, condition_sql

GROUP_KEYS: dict[str, str] = {
    "total": "'*'",
    "unit": "d.group_unit",
    "sector": "COALESCE(d.sector, '')",
    "procedure": "d.procedure_code",
    "channel": "d.channel",
    "level": "COALESCE(d.unit_kind, '')",
    "month": "'*'",  # months come from the periods table
}
# Only counted dossiers are indicators' business (rulebook/status.py).
COUNTED = to_sql(rules.COUNTED, lambda n: f"x.{n}")
# A dossier overlaps a period: received by its end, not finished before its start.
OVERLAPS = "d.received_on <= p.p_end AND (d.finished_on IS NULL OR d.finished_on >= p.p_start)"


@dataclass(frozen=True)
class Column:
    """One aggregate in the result: which indicator, and which part (n, d, k, s)."""

    code: str
    part: str  # n numerator, d denominator, k rows with the required fields known, s sum


@dataclass(frozen=True)
class Aggregate:
    """One aggregate of the scan: a count (`count`), a sum of a value (`sum`), or a count of
    distinct values of a field (`distinct`), each over the dossiers of a period rule that meet the
    conditions (catalogue syntax) and `extra` (SQL over the dossier's own fields)."""

    kind: str  # count | sum | distinct
    period: str  # a period rule (filters.PERIOD_RULES)
    where: tuple[str, ...] = ()
    extra: str = ""
    operand: str = ""  # the summed value or the distinct field

    def condition(
        self, *, late: str = LATE_AT_END, with_period: bool = True, bare_bools: bool = False
    ) -> str:
        """The SQL condition; without the period rule where the plan already restricts to it."""
        parts = [PERIOD_RULES[self.period]] if with_period else []
        parts += [f"({condition_sql(c, late, bare_bools=bare_bools)})" for c in self.where]
        parts += [self.extra] if self.extra else []
        return " AND ".join(parts) or "TRUE"


def aggregates(ind: Indicator) -> list[tuple[Column, Aggregate]]:
    """The aggregates one indicator needs over the dossiers (none for indicators without data,
    nor for those of another source: sql_sources.py)."""
    if not ind.has_data or ind.numerator is None or ind.source != "dossiers":
        return []
    out: list[tuple[Column, Aggregate]] = []
    num, den = ind.numerator, ind.denominator
    if ind.aggregation == "average":
        assert ind.value is not None
        value = f"d.{ind.value}"
        known = f"{value} IS NOT NULL"
        out.append((Column(ind.code, "n"), Aggregate("count", num.period, num.where, known)))
        out.append((Column(ind.code, "s"), Aggregate("sum", num.period, num.where, "", value)))
        return out
    for part, filt in (("n", num), ("d", den)):
        if filt is None:
            continue
        if ind.distinct:
            agg = Aggregate("distinct", filt.period, filt.where, "", ind.distinct)
        else:
            agg = Aggregate("count", filt.period, filt.where)
        out.append((Column(ind.code, part), agg))
    if ind.requires and den is not None:
        known = " AND ".join(f"d.{f} IS NOT NULL" for f in ind.requires)
        out.append((Column(ind.code, "k"), Aggregate("count", den.period, den.where, known)))
    return out


def plan(indicators: Sequence[Indicator]) -> tuple[list[Column], dict[Aggregate, int], list[int]]:
    """The output columns, each distinct aggregate once (2a's late count and op.late share
    one), and for each column the aggregate it repeats."""
    columns: list[Column] = []
    unique: dict[Aggregate, int] = {}
    refs: list[int] = []
    for ind in indicators:
        for col, agg in aggregates(ind):
            columns.append(col)
            refs.append(unique.setdefault(agg, len(unique)))
    return columns, unique, refs


def base_relation(
    by: str, *, restrict_units: bool, mapped: bool = True, procedures: bool = True
) -> str:
    """Dossiers with their procedure's fields and the group unit (`d` in every condition).

    `mapped=False`: no unit mapping, the dossier's own unit is its group unit (a join of every
    dossier with an empty `unit_map` costs ~10% of the fast plan). `procedures=False`: without
    the procedure's fields, for a part of a plan whose conditions do not use them."""
    if restrict_units and not mapped:
        raise ValueError("restrict_units needs the unit mapping")
    unit_join = "JOIN" if restrict_units else "LEFT JOIN"
    group_unit = "COALESCE(m.to_code, x.unit_code)" if mapped else "x.unit_code"
    kind = ", u.kind AS unit_kind" if by == "level" else ""
    level_join = f"LEFT JOIN units u ON u.code = {group_unit}" if by == "level" else ""
    fields = "pr.online_level AS online_level, pr.has_fee AS has_fee, " if procedures else ""
    procedure_join = "LEFT JOIN procedures pr ON pr.code = x.procedure_code" if procedures else ""
    map_join = f"{unit_join} unit_map m ON m.from_code = x.unit_code" if mapped else ""
    return f"""
    SELECT x.*, {fields}{group_unit} AS group_unit{kind}
    FROM dossiers x
    {procedure_join}
    {map_join}
    {level_join}
    WHERE {COUNTED}"""


def check_grouping(by: str) -> str:
    if by not in GROUP_KEYS:
        raise ValueError(f"Nhóm theo không hợp lệ (invalid grouping) {by!r}")
    return GROUP_KEYS[by]


def _sql(agg: Aggregate) -> str:
    # CASE inside SUM: measured faster on DuckDB than FILTER (WHERE …), and portable to Spark.
    cond = agg.condition()
    if agg.kind == "count":
        return f"SUM(CASE WHEN {cond} THEN 1 ELSE 0 END)"
    if agg.kind == "sum":
        return f"SUM(CASE WHEN {cond} THEN {agg.operand} ELSE 0 END)"
    return f"COUNT(DISTINCT CASE WHEN {cond} THEN d.{agg.operand} END)"


def single_scan_query(
    indicators: Sequence[Indicator], by: str, *, restrict_units: bool, mapped: bool = True
) -> tuple[str, list[Column]]:
    """SELECT period_label, group_code, <aggregates> … GROUP BY period and group, over one join
    of every dossier with every period it overlaps. The reference plan."""
    key = check_grouping(by)
    columns, unique, refs = plan(indicators)
    computed = "".join(f", {_sql(agg)} AS a{k}" for agg, k in unique.items())
    outputs = "".join(f", a{k} AS c{n}" for n, k in enumerate(refs))
    sql = f"""
SELECT period_label, group_code{outputs}
FROM (
  SELECT p.label AS period_label, {key} AS group_code{computed}
  FROM ({base_relation(by, restrict_units=restrict_units, mapped=mapped)}
  ) d
  JOIN periods p ON {OVERLAPS}
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
FROM ({base_relation("total", restrict_units=True)}
) d
JOIN periods p ON {OVERLAPS}
WHERE ({den}) OR ({num})
ORDER BY in_numerator DESC, d.received_on, d.code
"""
