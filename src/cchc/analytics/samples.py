"""What inspection samples are drawn from: each unit's counted dossiers in the period in three
classes (0 late on the reference day: rules.LATE_AT_REF; 1 flagged and not late; 2 the rest),
numbered in code order within unit and class. The planner draws positions from the class sizes
alone (inspections/sampling.py), then fetches only the chosen codes, so the codes of a large
unit never travel. One SQL for the store and the database.

`shown` (old unit code → the unit it counts for, core/unit_views.py) draws a unit's sample from
its predecessors' dossiers too, numbered in code order across them all."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence

from cchc.analytics.backend import Backend, Query
from cchc.dossiers.periods import Period
from cchc.dossiers.rulebook import rules

LATE, FLAGGED, REST = 0, 1, 2


def _classed(q: Query, units: Sequence[str], shown: Mapping[str, str] | None = None) -> str:
    targets = shown or {}
    wanted = set(units)
    olds = sorted(old for old, new in targets.items() if new in wanted)
    unit = "unit_code"
    if olds:
        cases = " ".join(f"WHEN {q.value(old)} THEN {q.value(targets[old])}" for old in olds)
        unit = f"CASE unit_code {cases} ELSE unit_code END"
    classed = (
        f"SELECT {unit} AS shown_unit, code, CASE WHEN {q.rule(rules.LATE_AT_REF)} THEN {LATE} "
        f"WHEN {q.rule(rules.FLAGGED)} THEN {FLAGGED} ELSE {REST} END AS cls "
        f"FROM {q.dossiers} WHERE {q.rule(rules.COUNTED & rules.IN_PERIOD)} "
        f"AND {q.among('unit_code', sorted(wanted | set(olds)))}"
    )
    return f"SELECT shown_unit AS unit_code, code, cls FROM ({classed}) u"


def _params(period: Period, reference: dt.date) -> dict[str, dt.date]:
    return {"start": period.start, "end": period.end, "ref": reference}


def class_sizes(
    backend: Backend,
    units: Collection[str],
    period: Period,
    reference: dt.date,
    shown: Mapping[str, str] | None = None,
) -> dict[str, list[int]]:
    """unit code → [late, flagged, rest] counts (zeros for a unit without dossiers)."""
    codes = sorted(set(units))
    sizes = {u: [0, 0, 0] for u in codes}
    if not codes:
        return sizes

    def build(q: Query) -> str:
        return (
            f"SELECT unit_code, cls, count(*) FROM ({_classed(q, codes, shown)}) c "
            "GROUP BY unit_code, cls"
        )

    for unit, cls, n in backend.run(build, _params(period, reference)):
        sizes[str(unit)][int(cls)] = int(n)
    return sizes


def codes_at(
    backend: Backend,
    wanted: Sequence[tuple[str, int, int]],
    period: Period,
    reference: dt.date,
    shown: Mapping[str, str] | None = None,
) -> dict[tuple[str, int, int], str]:
    """(unit, class, position) → dossier code, for the positions `wanted`."""
    if not wanted:
        return {}
    units = sorted({u for u, _, _ in wanted})

    def build(q: Query) -> str:
        rows = ", ".join(f"({q.value(u)}, {q.value(c)}, {q.value(p)})" for u, c, p in wanted)
        return (
            f"WITH w(unit_code, cls, pos) AS (VALUES {rows}) "
            "SELECT s.unit_code, s.cls, s.pos, s.code FROM ("
            "SELECT unit_code, cls, code, "
            "row_number() OVER (PARTITION BY unit_code, cls ORDER BY code) - 1 AS pos "
            f"FROM ({_classed(q, units, shown)}) c) s "
            "JOIN w ON w.unit_code = s.unit_code AND w.cls = s.cls AND w.pos = s.pos"
        )

    return {
        (str(u), int(c), int(p)): str(code)
        for u, c, p, code in backend.run(build, _params(period, reference))
    }
