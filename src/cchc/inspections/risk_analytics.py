"""The risk model's dossier counts from the analytics store (DuckDB over Parquet).

Same counts as risk_inputs.dossier_counts (tests check equality), for large provinces: one
grouped DuckDB query over the store's dossier files, a fraction of a second for 10^6 dossiers.
The store is derived and may lag the database: callers show its "data as of".
"""

from __future__ import annotations

import datetime as dt

import duckdb

from cchc.dossiers.periods import Period
from cchc.dossiers.rulebook import rules
from cchc.dossiers.rulebook.expr import to_sql
from cchc.indicators.store import dossier_glob, ensure_store
from cchc.inspections.config import RiskConfig

_COUNTS = ",\n  ".join(
    f"count(*) FILTER (WHERE {to_sql(pred)}) AS {name}" for name, pred in rules.RISK_COUNTS.items()
)
_SQL = f"""
SELECT unit_code, coalesce(sector, '') AS sector,
  {_COUNTS}
FROM read_parquet($glob, hive_partitioning = false)
WHERE {to_sql(rules.IN_PERIOD)}
GROUP BY ALL
"""

KEYS = tuple(rules.RISK_COUNTS)


def dossier_counts_analytics(
    period: Period, reference: dt.date, config: RiskConfig
) -> dict[str, dict[str, int]]:
    ensure_store()
    con = duckdb.connect()
    try:
        rows = con.execute(
            _SQL,
            {
                "start": period.start,
                "end": period.end,
                "ref": reference,
                "glob": dossier_glob(),
            },
        ).fetchall()
    finally:
        con.close()
    out: dict[str, dict[str, int]] = {}
    sensitive: dict[str, bool] = {}
    for unit_code, sector, *values in rows:
        unit = out.setdefault(str(unit_code), {})
        for key, value in zip(KEYS, values, strict=True):
            unit[key] = unit.get(key, 0) + int(value)
        if sector not in sensitive:
            sensitive[sector] = config.is_sensitive(sector)
        if sensitive[sector]:
            unit["sensitive"] = unit.get("sensitive", 0) + int(values[KEYS.index("received")])
    return out
