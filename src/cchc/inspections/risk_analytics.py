"""The risk model's dossier counts from the analytics store (DuckDB over Parquet).

Same counts as risk_inputs.dossier_counts (tests check equality), for large provinces: one
grouped DuckDB query over the store's dossier files, a fraction of a second for 10^6 dossiers.
The store is derived and may lag the database: callers show its "data as of".
"""

from __future__ import annotations

import datetime as dt

import duckdb

from cchc.dossiers.periods import Period
from cchc.indicators.store import dossier_glob, ensure_store
from cchc.inspections.config import RiskConfig

_SQL = """
SELECT unit_code, coalesce(sector, '') AS sector,
  count(*) AS in_scope,
  count(*) FILTER (WHERE finished_on <= $end) AS ended,
  count(*) FILTER (WHERE finished_on <= $end AND finish_outcome = 3) AS late,
  count(*) FILTER (WHERE finished_on <= $end AND flag_late_no_apology) AS late_no_apology,
  count(*) FILTER (WHERE (finished_on IS NULL OR finished_on > $end)
                   AND deadline_on < $reference) AS open_overdue,
  count(*) FILTER (WHERE received_on >= $start) AS received,
  count(*) FILTER (WHERE received_on >= $start AND flag_beyond_statutory) AS beyond_statutory,
  count(*) FILTER (WHERE received_on >= $start AND flag_repeated_supplements)
    AS repeated_supplements
FROM read_parquet($glob, hive_partitioning = false)
WHERE (finished_on >= $start AND (finished_on <= $end OR received_on <= $end))
   OR (finished_on IS NULL AND received_on <= $end)
GROUP BY ALL
"""

KEYS = (
    "in_scope",
    "ended",
    "late",
    "late_no_apology",
    "open_overdue",
    "received",
    "beyond_statutory",
    "repeated_supplements",
)


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
                "reference": reference,
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
