"""The inspection risk model's dossier counts per unit and sector (rules.RISK_COUNTS), one SQL
for the store and the database; the planner (inspections/risk_inputs.py) weighs them."""

from __future__ import annotations

import datetime as dt

from cchc.analytics.backend import Backend, Query
from cchc.dossiers.periods import Period
from cchc.dossiers.rulebook import rules

KEYS = tuple(rules.RISK_COUNTS)


def risk_counts(
    backend: Backend, period: Period, reference: dt.date
) -> list[tuple[str, str, dict[str, int]]]:
    """(unit code, sector, counts) for every unit and sector with dossiers in the period."""

    def build(q: Query) -> str:
        counts = ", ".join(
            f"count(*) FILTER (WHERE {q.rule(pred)}) AS {name}"
            for name, pred in rules.RISK_COUNTS.items()
        )
        return (
            f"SELECT unit_code, COALESCE(sector, '') AS sector_key, {counts} "
            f"FROM {q.dossiers} WHERE {q.rule(rules.IN_PERIOD)} "
            "GROUP BY unit_code, COALESCE(sector, '')"
        )

    params = {"start": period.start, "end": period.end, "ref": reference}
    return [
        (str(unit), str(sector), {k: int(v) for k, v in zip(KEYS, values, strict=True)})
        for unit, sector, *values in backend.run(build, params)
    ]
