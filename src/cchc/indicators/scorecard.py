"""What the web pages call: a unit's scorecard for a period (groups, points, lost points)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import get_language

from cchc.dossiers.periods import Period
from cchc.indicators.catalogue import name_in
from cchc.indicators.compute import compute
from cchc.indicators.scoring import Measure


@dataclass(frozen=True)
class ScorecardGroup:
    number: int
    name: str  # in the active language
    max_points: float
    points: float | None
    lost_points: float | None
    indicators: list[tuple[str, str, Measure]]  # code, name in the active language, measure


@dataclass(frozen=True)
class Scorecard:
    unit_code: str
    period: Period
    version: str
    data_as_of: str | None
    total: float | None
    max_with_data: float
    groups: list[ScorecardGroup]
    operational: list[tuple[str, str, Measure]]
    rules_version: str = ""  # of the store's dossier timing, shown beside "data as of"


def scorecard(
    unit_code: str, period: Period, *, as_is: bool = False, today: dt.date | None = None
) -> Scorecard:
    """The unit (with the units below it) scored on every Decision 766 group for the period."""
    comp = compute(period, unit_code=unit_code, as_is=as_is, today=today)
    language = get_language()
    names = {i.code: name_in(i, language) for i in comp.indicators}
    row = comp.rows[0] if comp.rows else None
    groups: list[ScorecardGroup] = []
    for g in comp.catalogue.groups:
        score = next((s for s in row.groups if s.number == g.number), None) if row else None
        inds = [
            (i.code, names[i.code], row.measures[i.code])
            for i in comp.indicators
            if row and i.group == g.number
        ]
        groups.append(
            ScorecardGroup(
                g.number,
                name_in(g, language),
                g.max_points,
                score.points if score else None,
                score.lost_points if score else None,
                inds,
            )
        )
    ops = [
        (i.code, names[i.code], row.measures[i.code])
        for i in comp.indicators
        if row and i.group == 0
    ]
    stamp = comp.stamp
    return Scorecard(
        unit_code,
        period,
        comp.version,
        (stamp.latest_import_at or stamp.built_at) if stamp else None,
        row.total if row else None,
        row.max_with_data if row else 0.0,
        groups,
        ops,
        stamp.rules_version if stamp else "",
    )
