"""What the indicator pages and the API show, assembled from `compute` (no request, no HTML).

The HTML page and the JSON answer come from the same functions. Scoping is the caller's: these
take the unit codes a Scope allows (None = every unit), never a user.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils.translation import get_language

from cchc.core.unit_views import UnitView
from cchc.dossiers.periods import Period
from cchc.indicators.catalogue import name_in
from cchc.indicators.compute import Computation, compute
from cchc.indicators.ranking_rule import Judged, common_set, describe, difference, rank_order
from cchc.indicators.results import ResultRow

DEFAULT_MIN_RANKED = 20  # same floor as the web app's rankings (a rate over 3 dossiers says little)
SIZE_INDICATOR = "766.2a"  # its denominator = dossiers in the period, the size a ranking requires


def min_ranked(asked: str | int | None = None) -> int:
    """The minimum dossiers in the period for a unit to be ranked: settings, raised (never lowered)
    by `?min=` (CCHC_INDICATORS_MIN_RANKED, docs/indicators.md)."""
    floor = int(getattr(settings, "INDICATORS_MIN_RANKED", DEFAULT_MIN_RANKED))
    try:
        wanted = int(asked) if asked not in (None, "") else floor
    except (TypeError, ValueError):
        wanted = floor
    return max(floor, wanted)


def dossiers_in_period(row: ResultRow) -> int:
    m = row.measures.get(SIZE_INDICATOR)
    return int(m.denominator or 0) if m else 0


def judged(row: ResultRow) -> Judged:
    """A unit's points, maximum and the indicators that carried points (had data)."""
    codes = frozenset(code for code, m in row.measures.items() if m.points is not None)
    return Judged(row.group_code, row.total, row.max_with_data, codes)


@dataclass(frozen=True)
class RankedUnit:
    rank: int
    unit_code: str
    unit_name: str
    dossiers: int
    total: float | None
    max_with_data: float
    share: float | None  # total / max_with_data: what the ranking orders by (ranking_rule.py)
    group_points: list[float | None]
    on_time_rate: float | None
    other_set: bool = False  # judged on another set of indicators than the common one
    missing: list[str] = field(default_factory=list)  # of the common set, not judged here
    extra: list[str] = field(default_factory=list)  # judged here, not in the common set
    set_difference: str = ""  # the two lists in words (ranking_rule.describe)


@dataclass(frozen=True)
class Ranking:
    period: Period
    version: str
    data_as_of: str | None
    min_dossiers: int
    units: list[RankedUnit]
    hidden: int  # units below the minimum (counted in no ranking, shown on their own pages)
    rules_version: str = ""  # of the store's dossier timing, shown beside "data as of"
    common_indicators: list[str] = field(default_factory=list)  # judged for most ranked units
    other_set_note: str = ""  # "Đơn vị được chấm trên bộ chỉ tiêu khác: …" or ""
    units_view: str = UnitView.AS_WAS.slug  # as-was | as-is (core/unit_views.py)
    units_day: dt.date | None = None  # the day of the unit structure ranked

    @property
    def other_set_units(self) -> list[RankedUnit]:
        return [u for u in self.units if u.other_set]


def ranking(
    period: Period,
    allowed: Collection[str] | None,
    minimum: int,
    *,
    today: dt.date | None = None,
    view: UnitView = UnitView.AS_WAS,
) -> Ranking:
    """Every unit scored for the period, best first by the share of the points that could be
    judged (ranking_rule.py); only those above `minimum`. Units judged on another set of
    indicators than most are marked and named in `other_set_note`. As was, each dossier counts
    for the unit that handled it; as is, for today's unit that carries on its work."""
    comp = compute(period, by="unit", today=today, view=view)
    rows = [r for r in comp.rows if allowed is None or r.group_code in allowed]
    shown = {r.group_code: r for r in rows if dossiers_in_period(r) >= minimum}
    scored = [judged(r) for r in shown.values()]
    common = common_set(scored)
    units = []
    for n, unit in enumerate(rank_order(scored), 1):
        r = shown[unit.code]
        diff = difference(unit, common)
        units.append(
            RankedUnit(
                n,
                r.group_code,
                r.group_name,
                dossiers_in_period(r),
                r.total,
                r.max_with_data,
                unit.share,
                [g.points for g in r.groups],
                r.measures[SIZE_INDICATOR].value if SIZE_INDICATOR in r.measures else None,
                diff.differs,
                list(diff.missing),
                list(diff.extra),
                describe(diff),
            )
        )
    hidden = len(rows) - len(shown)
    rules = comp.stamp.rules_version if comp.stamp else ""
    note = other_set_note(units)
    return Ranking(
        period, comp.version, as_of(comp), minimum, units, hidden, rules, sorted(common), note,
        comp.view.slug, comp.frame.day,
    )  # fmt: skip


OTHER_SET = "Đơn vị được chấm trên bộ chỉ tiêu khác (units judged on another set of indicators)"


def other_set_note(units: list[RankedUnit]) -> str:
    """The sentence the page, the API and the CSV carry when sets differ; "" when none does."""
    others = [f"{u.unit_name} ({u.set_difference})" for u in units if u.other_set]
    return f"{OTHER_SET}: {'; '.join(others)}" if others else ""


def as_of(comp: Computation) -> str | None:
    return comp.stamp.as_of_display if comp.stamp else None


def trend(
    unit_code: str,
    period: Period,
    *,
    today: dt.date | None = None,
    view: UnitView = UnitView.AS_WAS,
) -> dict[str, Any]:
    """Month by month: total points, each group's points and the on-time rate (2a), for charts."""
    comp = compute(period, by="month", unit_code=unit_code, today=today, view=view)
    months = comp.rows
    return {
        "labels": [r.period for r in months],
        "total": [round(r.total, 2) if r.total is not None else None for r in months],
        "groups": [
            {
                "name": f"{g.number}. {name_in(g, get_language())}",
                "points": [_group_points(r, g.number) for r in months],
            }
            for g in comp.catalogue.groups
        ],
        "on_time": [
            round(100 * v, 2) if (v := r.measures[SIZE_INDICATOR].value) is not None else None
            for r in months
            if SIZE_INDICATOR in r.measures
        ],
        "max_with_data": [r.max_with_data for r in months],
    }


def _group_points(row: ResultRow, number: int) -> float | None:
    g = next((g for g in row.groups if g.number == number), None)
    return round(g.points, 2) if g and g.points is not None else None


@dataclass(frozen=True)
class PublicScore:
    unit_name: str
    dossiers: int
    total: float | None
    max_with_data: float
    share: float | None
    on_time_rate: float | None
    group_points: list[float | None]
    other_set: bool = False
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)


def public_scores(
    period: Period, *, today: dt.date | None = None, view: UnitView = UnitView.AS_WAS
) -> list[PublicScore]:
    """Decision 766 scores per unit for the public page: unit names and aggregates only, in the
    ranking's order (share of the points judged) with its marks of another indicator set."""
    ranked = ranking(period, None, min_ranked(), today=today, view=view)
    return [
        PublicScore(
            u.unit_name,
            u.dossiers,
            u.total,
            u.max_with_data,
            u.share,
            u.on_time_rate,
            u.group_points,
            u.other_set,
            u.missing,
            u.extra,
        )
        for u in ranked.units
    ]
