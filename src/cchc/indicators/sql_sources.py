"""SQL for the indicators of a citizens' source (sources.py: survey answers, feedback items):
counts of the items of each period rule that meet the conditions, per period and group. Portable:
the same text runs on DuckDB and Spark. The store's tables are small next to the dossiers' (one
row per answer or item), so one scan joined to the periods it falls in is enough.

The engine provides the source's table (`survey_answers`, `feedback`), `periods`, `units` and
`unit_map`, as for the dossiers' query (sql.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from cchc.indicators.catalogue import Indicator
from cchc.indicators.sources import Source, source_of
from cchc.indicators.sql import Column

# Groupings a source's items carry (the others leave its indicators without data).
GROUP_KEYS: dict[str, str] = {
    "total": "'*'",
    "unit": "d.group_unit",
    "level": "COALESCE(d.unit_kind, '')",
    "month": "'*'",  # months come from the periods table
    "procedure": "d.procedure_code",  # sources with a procedure_code only
}
# The drill-down's row: what each source's `explain` select list gives, in order.
EXPLAIN_FIELDS = (
    "code",
    "unit_code",
    "received_on",
    "due_on",
    "answered_on",
    "closed_on",
    "state",
    "element",
    "score",
)


def groups_by(source: Source, by: str) -> bool:
    """Whether the source's items can be grouped `by` (surveys by procedure; feedback not)."""
    return by in GROUP_KEYS and (by != "procedure" or "procedure_code" in source.fields)


def source_relation(source: Source, by: str, *, restrict_units: bool, mapped: bool = True) -> str:
    """The source's items with the group unit (`d` in every condition), as for dossiers."""
    if restrict_units and not mapped:
        raise ValueError("restrict_units needs the unit mapping")
    group_unit = "COALESCE(m.to_code, x.unit_code)" if mapped else "x.unit_code"
    unit_join = "JOIN" if restrict_units else "LEFT JOIN"
    map_join = f"{unit_join} unit_map m ON m.from_code = x.unit_code" if mapped else ""
    kind = ", u.kind AS unit_kind" if by == "level" else ""
    level_join = f"LEFT JOIN units u ON u.code = {group_unit}" if by == "level" else ""
    return f"""
    SELECT {source.columns}, {group_unit} AS group_unit{kind}
    FROM {source.table} x
    {map_join}
    {level_join}"""


def source_columns(indicators: Sequence[Indicator], source: str) -> list[tuple[Column, str]]:
    """(column, its SQL condition) of each count the source's indicators need."""
    out: list[tuple[Column, str]] = []
    for ind in indicators:
        if ind.source != source or not ind.has_data:
            continue
        for part, filt in (("n", ind.numerator), ("d", ind.denominator)):
            if filt is not None:
                out.append((Column(ind.code, part), filt.sql()))
    return out


def _periods_join(indicators: Sequence[Indicator], source: Source) -> str:
    rules = sorted(
        {
            f.period
            for i in indicators
            if i.source == source.name
            for f in (i.numerator, i.denominator)
            if f is not None
        }
    )
    return " OR ".join(source.period_rules[r] for r in rules) or "FALSE"


def source_query(
    indicators: Sequence[Indicator],
    source_name: str,
    by: str,
    *,
    restrict_units: bool,
    mapped: bool = True,
) -> tuple[str, list[Column]] | None:
    """SELECT period_label, group_code, c0, c1, … for the source's indicators; None when none of
    them has data or the source cannot be grouped `by`."""
    source = source_of(source_name)
    counts = source_columns(indicators, source_name)
    if not counts or not groups_by(source, by):
        return None
    key = GROUP_KEYS[by]
    # Counts come back as BIGINT on both engines (DuckDB's SUM would give a 128-bit integer).
    sums = "".join(
        f", CAST(SUM(CASE WHEN {cond} THEN 1 ELSE 0 END) AS BIGINT) AS c{n}"
        for n, (_, cond) in enumerate(counts)
    )
    relation = source_relation(source, by, restrict_units=restrict_units, mapped=mapped)
    sql = f"""
SELECT p.label AS period_label, {key} AS group_code{sums}
FROM ({relation}
) d
JOIN periods p ON {_periods_join(indicators, source)}
GROUP BY p.label, {key}
ORDER BY 1, 2
"""
    return sql, [col for col, _ in counts]


def source_explain_query(ind: Indicator) -> str:
    """The items in an indicator's denominator (or numerator), flagged by membership."""
    source = source_of(ind.source)
    num = ind.numerator.sql() if ind.numerator else "FALSE"
    den = ind.denominator.sql() if ind.denominator else num
    return f"""
SELECT {source.explain}, CASE WHEN {num} THEN 1 ELSE 0 END AS in_numerator,
       CASE WHEN {den} THEN 1 ELSE 0 END AS in_denominator
FROM ({source_relation(source, "total", restrict_units=True)}
) d
JOIN periods p ON ({den}) OR ({num})
ORDER BY in_numerator DESC, 1, 8
"""
