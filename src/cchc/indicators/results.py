"""From aggregate counts to measures, group points and totals. Pure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from cchc.indicators.catalogue import Catalogue, Indicator
from cchc.indicators.scoring import Measure, ratio_measure
from cchc.indicators.sql import Column


@dataclass(frozen=True)
class GroupScore:
    number: int
    name_vi: str
    max_points: float
    points: float | None  # None when no indicator of the group has data
    max_with_data: float  # the points at stake among indicators that have data

    @property
    def lost_points(self) -> float | None:
        return None if self.points is None else self.max_with_data - self.points


@dataclass(frozen=True)
class ResultRow:
    period: str
    group_code: str
    group_name: str
    measures: dict[str, Measure]
    groups: list[GroupScore] = field(default_factory=list)
    total: float | None = None
    max_with_data: float = 0.0


def measure(ind: Indicator, parts: Mapping[str, int | float]) -> Measure:
    """One indicator's measure from its aggregates (n, d, k, s)."""
    if not ind.has_data:
        return Measure(ind.code, ind.aggregation, max_points=ind.max_points, no_data=True)
    n = int(parts.get("n", 0) or 0)
    if ind.aggregation == "count":
        return Measure(ind.code, "count", n, None, float(n) * ind.factor)
    if ind.aggregation == "average":
        total = float(parts.get("s", 0) or 0)
        if n == 0:
            return Measure(ind.code, "average", 0, None, no_data=True)
        return Measure(ind.code, "average", n, None, total / n * ind.factor)
    known = int(parts["k"] or 0) if "k" in parts else None
    return ratio_measure(
        ind.code,
        n,
        int(parts.get("d", 0) or 0),
        known=known,
        max_points=ind.max_points,
        threshold=ind.threshold,
        complement=ind.complement,
    )


def score(
    catalogue: Catalogue, indicators: Sequence[Indicator], measures: Mapping[str, Measure]
) -> tuple[list[GroupScore], float | None, float]:
    groups: list[GroupScore] = []
    for g in catalogue.groups:
        scored = [
            measures[i.code]
            for i in indicators
            if i.group == g.number and i.max_points > 0 and i.code in measures
        ]
        with_data = [m for m in scored if m.points is not None]
        points = sum(m.points for m in with_data if m.points is not None) if with_data else None
        groups.append(
            GroupScore(
                g.number, g.name_vi, g.max_points, points, sum(m.max_points for m in with_data)
            )
        )
    known = [g.points for g in groups if g.points is not None]
    total = sum(known) if known else None
    return groups, total, sum(g.max_with_data for g in groups)


def assemble(
    catalogue: Catalogue,
    indicators: Sequence[Indicator],
    columns: Sequence[Column],
    rows: Sequence[tuple[object, ...]],
    names: Mapping[str, str],
) -> list[ResultRow]:
    """Engine rows (period, group, a0, a1, …) → scored rows, one per period and group."""
    out: list[ResultRow] = []
    for row in rows:
        period, group = str(row[0]), str(row[1])
        parts: dict[str, dict[str, int | float]] = {}
        for col, value in zip(columns, row[2:], strict=True):
            parts.setdefault(col.code, {})[col.part] = value if value is not None else 0  # type: ignore[assignment]
        measures = {i.code: measure(i, parts.get(i.code, {})) for i in indicators}
        groups, total, at_stake = score(catalogue, indicators, measures)
        out.append(
            ResultRow(period, group, names.get(group, group), measures, groups, total, at_stake)
        )
    return out
