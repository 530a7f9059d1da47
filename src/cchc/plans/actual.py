"""One target, plan against actual: the straight path from the baseline to the target, each
reading with the value the path expected then, whether the target is met and the gap now, the
units holding it back, and the plan's tasks behind it.

Units holding back (holdback_rules): for a rate measured by cchc, each unit under the measured
one (the province's units for a province target) with the items it lacks to reach the target
rate, over the latest measured half-year; for the total points of Decision 766, the units below
the target weighted by their dossiers; none for a count, an average or an external index (its
published results have no units)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from cchc.dossiers.periods import Period
from cchc.indicators.results import ResultRow
from cchc.plans.holdback_rules import items_short, points_short, rate_of, shares
from cchc.plans.measure import MEASURED, Point, measured_period, series, start_of
from cchc.plans.measure_indicator import TOTAL, figure, total_row, unit_rows
from cchc.plans.models_plans import Direction, Target, TargetKind
from cchc.plans.progress import TaskLine, plan_progress
from cchc.plans.trajectory import Path

SIZE = "766.2a"  # its denominator: the unit's dossiers in the period (as the rankings)

# Why a target has no units holding it back (shown on the page)
NO_UNITS_EXTERNAL = "external"
NO_UNITS_KIND = "kind"  # a count or an average
NO_UNITS_DATA = "no_data"
NO_UNITS_BELOW = "leaf"  # the measured unit has no unit under it


@dataclass(frozen=True)
class Reading:
    point: Point
    expected: float | None
    on_track: bool | None


@dataclass(frozen=True)
class Holdback:
    unit_code: str
    unit_name: str
    value: float | None  # the unit's own figure (rate in %, points)
    numerator: int | None
    denominator: int | None  # items of the rate; dossiers for the total points
    shortfall: float  # items (a rate) or weighted points (the total)
    share: float  # 0–1


@dataclass(frozen=True)
class TargetActual:
    target: Target
    path: Path | None
    readings: list[Reading]
    latest: Reading | None
    met: bool | None
    gap: float | None  # positive when short of the target
    holdbacks: list[Holdback]
    holdback_kind: str  # "items" | "points" | NO_UNITS_*
    holdback_period: Period | None
    province_shortfall: int | None  # items the measured unit as a whole lacks (a rate)
    tasks: list[TaskLine]

    @property
    def lower_is_better(self) -> bool:
        return self.target.direction == Direction.DOWN


def straight_path(target: Target, points: list[Point]) -> Path | None:
    """From the baseline (or, without one, the first reading) to the target value and date."""
    lower = target.direction == Direction.DOWN
    if target.baseline_value is not None:
        return Path(
            start_of(target), target.baseline_value, target.target_date, target.target_value, lower
        )
    if points:
        first = points[0]
        return Path(first.day, first.value, target.target_date, target.target_value, lower)
    return None


def _reading(path: Path | None, point: Point) -> Reading:
    if path is None:
        return Reading(point, None, None)
    return Reading(point, path.expected(point.day), path.on_track(point.day, point.value))


def tasks_behind(target: Target, today: dt.date) -> list[TaskLine]:
    """The plan's tasks on this target, each with its sub-tasks (in the plan's order)."""
    included: set[int] = set()
    lines = []
    for line in plan_progress(target.plan, today).lines:
        task = line.task
        if task.target_id == target.pk or task.parent_id in included:
            included.add(task.pk)
            lines.append(line)
    return lines


def target_actual(
    target: Target, today: dt.date, visible: Callable[[str], bool] | None = None
) -> TargetActual:
    """`visible`: which units' rows the reader may see among those holding back (None: all);
    shares stay shares of the whole."""
    points = series(target, today)
    path = straight_path(target, points)
    readings = [_reading(path, p) for p in points]
    last = readings[-1] if readings else None
    met = gap = None
    if last is not None and path is not None:
        met, gap = path.met(last.point.value), path.gap(last.point.value)
    kind, period, rows, whole = _holding_back(target, points, today)
    if visible is not None:
        rows = [r for r in rows if visible(r.unit_code)]
    return TargetActual(
        target, path, readings, last, met, gap, rows, kind, period, whole,
        tasks_behind(target, today),
    )  # fmt: skip


def _holding_back(
    target: Target, points: list[Point], today: dt.date
) -> tuple[str, Period | None, list[Holdback], int | None]:
    if target.kind != TargetKind.INDICATOR:
        return NO_UNITS_EXTERNAL, None, [], None
    measured = [p for p in points if p.origin == MEASURED]
    if not measured:
        return NO_UNITS_DATA, None, [], None
    period = measured_period(measured[-1].day)
    unit_code = target.unit.code if target.unit_id is not None and target.unit else None
    rows = [r for r in unit_rows(unit_code, period, today) if r.group_code != unit_code]
    if not rows:
        return NO_UNITS_BELOW, period, [], None
    code = target.indicator_code
    if code == TOTAL:
        return "points", period, _by_points(target, rows), None
    whole = total_row(unit_code, period, today)
    found = whole.measures.get(code) if whole else None
    if found is None or found.kind != "ratio":
        return NO_UNITS_KIND, period, [], None
    rate, lower = rate_of(target.target_value), target.direction == Direction.DOWN
    counts = {
        r.group_code: (m.numerator or 0, m.denominator or 0)
        for r in rows
        if (m := r.measures.get(code)) is not None and not m.no_data
    }
    short = {k: float(items_short(n, d, rate, lower)) for k, (n, d) in counts.items()}
    names = {r.group_code: r.group_name for r in rows}
    values = {r.group_code: figure(r, code) for r in rows}
    out = [
        Holdback(s.key, names[s.key], values[s.key], *counts[s.key], s.shortfall, s.share)
        for s in shares(short)
    ]
    province = items_short(found.numerator or 0, found.denominator or 0, rate, lower)
    return "items", period, out, province


def _by_points(target: Target, rows: list[ResultRow]) -> list[Holdback]:
    dossiers = {r.group_code: _dossiers(r) for r in rows}
    all_dossiers = sum(dossiers.values())
    short = {
        r.group_code: points_short(
            r.total, target.target_value, dossiers[r.group_code], all_dossiers
        )
        for r in rows
        if r.total is not None
    }
    by_code = {r.group_code: r for r in rows}
    return [
        Holdback(
            s.key, by_code[s.key].group_name, by_code[s.key].total, None, dossiers[s.key],
            s.shortfall, s.share,
        )
        for s in shares(short)
    ]  # fmt: skip


def _dossiers(row: ResultRow) -> int:
    found = row.measures.get(SIZE)
    return int(found.denominator or 0) if found is not None else 0
