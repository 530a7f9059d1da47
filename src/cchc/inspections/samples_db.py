"""The dossiers to pull at every planned visit, drawn for all visits at once (thin).

The rule is sampling.dossier_sample: per unit, its late dossiers (rules.LATE_AT_REF: ended late
in the period, or open and past the deadline on the reference day), the flagged ones that are
not late, and a random control from the rest, drawn with generator(seed, unit code). Same
inputs + seed → same sample, whichever engine reads the dossiers:

- "sql": ONE query over the system database for all planned units (unit_code IN …), then the
  pure rule per unit;
- "analytics": two DuckDB queries over the Parquet store — class sizes per unit, then only the
  chosen dossiers (row number in code order within unit × class) — so the codes of a large unit
  never travel to Python. `sample_positions` makes the draws from the class sizes alone, which is
  what makes the two paths agree (tests check it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import asdict

import duckdb
import pyarrow as pa
from django.db.models import Case, When

from cchc.dossiers import selection
from cchc.dossiers.models import Dossier
from cchc.dossiers.periods import Period
from cchc.dossiers.rulebook import rules
from cchc.dossiers.rulebook.expr import to_sql
from cchc.indicators.store import dossier_glob
from cchc.inspections.sampling import (
    SAMPLE_REASONS,
    SampledDossier,
    SampleRule,
    dossier_sample,
    generator,
    sample_positions,
)

Samples = dict[str, list[dict[str, str]]]
CHUNK_UNITS = 500  # units per IN (...) list: well under SQLite's bound-variable limit


def _params(period: Period, reference: dt.date) -> dict[str, dt.date]:
    return {"start": period.start, "end": period.end, "ref": reference}


def samples_sql(
    unit_codes: Collection[str], period: Period, reference: dt.date, rule: SampleRule, seed: int
) -> Samples:
    """unit code → its sample, read from the system database in one query per 500 units."""
    units = sorted(set(unit_codes))
    rows_of: dict[str, tuple[list[str], list[bool], list[bool]]] = {u: ([], [], []) for u in units}
    params = _params(period, reference)
    for i in range(0, len(units), CHUNK_UNITS):
        rows = (
            Dossier.objects.filter(
                selection.in_period(period.start, period.end),
                unit_code__in=units[i : i + CHUNK_UNITS],
            )
            .annotate(
                is_late=Case(
                    When(selection.condition(rules.LATE_AT_REF, params), then=True),
                    default=False,
                ),
                is_flagged=Case(
                    When(selection.condition(rules.FLAGGED, params), then=True), default=False
                ),
            )
            .values_list("unit_code", "code", "is_late", "is_flagged")
        )
        for unit, code, late, flagged in rows:
            codes, lates, flags = rows_of[unit]
            codes.append(code)
            lates.append(bool(late))
            flags.append(bool(flagged))
    return {
        u: [asdict(p) for p in dossier_sample(*rows_of[u], rule, generator(seed, u))] for u in units
    }


_SCOPED = f"""
CREATE TEMP TABLE scoped AS
SELECT unit_code, code,
  CASE WHEN {to_sql(rules.LATE_AT_REF)} THEN 0 WHEN {to_sql(rules.FLAGGED)} THEN 1 ELSE 2 END AS cls
FROM read_parquet($glob, hive_partitioning = false)
WHERE {to_sql(rules.COUNTED & rules.IN_PERIOD)}
  AND unit_code IN (SELECT unnest($units::VARCHAR[]))
"""
_SIZES = "SELECT unit_code, cls, count(*) FROM scoped GROUP BY ALL"
_CHOSEN = """
SELECT s.unit_code, s.cls, s.pos, s.code
FROM (SELECT unit_code, cls, code,
             row_number() OVER (PARTITION BY unit_code, cls ORDER BY code) - 1 AS pos
      FROM scoped) s
JOIN wanted w ON w.unit_code = s.unit_code AND w.cls = s.cls AND w.pos = s.pos
"""


def samples_store(
    unit_codes: Collection[str], period: Period, reference: dt.date, rule: SampleRule, seed: int
) -> Samples:
    """unit code → its sample, read from the analytics store (DuckDB, two queries)."""
    units = sorted(set(unit_codes))
    con = duckdb.connect()
    try:
        con.execute(
            _SCOPED,
            {**_params(period, reference), "glob": dossier_glob(), "units": units},
        )
        sizes: dict[str, list[int]] = {u: [0, 0, 0] for u in units}  # late, flagged, rest
        for unit, cls, n in con.execute(_SIZES).fetchall():
            sizes[str(unit)][int(cls)] = int(n)
        plan: dict[str, list[tuple[str, list[int]]]] = {}
        wanted: dict[str, list[object]] = {"unit_code": [], "cls": [], "pos": []}
        for unit in units:
            n_late, n_flagged, n_rest = sizes[unit]
            drawn = sample_positions(n_late, n_flagged, n_rest, rule, generator(seed, unit))
            plan[unit] = [(reason, [int(p) for p in positions]) for reason, positions in drawn]
            for reason, positions in plan[unit]:
                cls = SAMPLE_REASONS.index(reason)
                wanted["unit_code"] += [unit] * len(positions)
                wanted["cls"] += [cls] * len(positions)
                wanted["pos"] += positions
        table = pa.table(
            {
                "unit_code": pa.array(wanted["unit_code"], pa.string()),
                "cls": pa.array(wanted["cls"], pa.int32()),
                "pos": pa.array(wanted["pos"], pa.int64()),
            }
        )
        con.register("wanted", table)
        code_at = {
            (str(u), int(c), int(p)): str(code) for u, c, p, code in con.execute(_CHOSEN).fetchall()
        }
    finally:
        con.close()
    return {
        unit: [
            asdict(SampledDossier(code_at[(unit, SAMPLE_REASONS.index(reason), p)], reason))
            for reason, positions in plan[unit]
            for p in positions
        ]
        for unit in units
    }


def draw_samples(
    engine: str,
    unit_codes: Collection[str],
    period: Period,
    reference: dt.date,
    rule: SampleRule,
    seed: int,
) -> Samples:
    """The samples of all visits, from the engine that produced the plan's inputs; open dossiers
    are judged on `reference` (rulebook/period.reference_date), as in the plan's risk inputs."""
    if engine == "analytics":
        return samples_store(unit_codes, period, reference, rule, seed)
    return samples_sql(unit_codes, period, reference, rule, seed)
