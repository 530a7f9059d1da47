"""From aggregate counts to measures, group points and totals. Pure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from cchc.indicators.catalogue import Catalogue, Group, Indicator
from cchc.indicators.scoring import Measure, ratio_measure
from cchc.indicators.sql import Column


@dataclass(frozen=True, slots=True)
class GroupScore:
    number: int
    name_vi: str
    max_points: float
    points: float | None  # None when no indicator of the group has data
    max_with_data: float  # the points at stake among indicators that have data

    @property
    def lost_points(self) -> float | None:
        return None if self.points is None else self.max_with_data - self.points


@dataclass(frozen=True, slots=True)
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


def members(catalogue: Catalogue, indicators: Sequence[Indicator]) -> list[tuple[Group, list[str]]]:
    """Each group of the catalogue with the codes of its indicators that carry points."""
    return [
        (g, [i.code for i in indicators if i.group == g.number and i.max_points > 0])
        for g in catalogue.groups
    ]


def score(
    catalogue: Catalogue,
    indicators: Sequence[Indicator],
    measures: Mapping[str, Measure],
    groups_of: Sequence[tuple[Group, list[str]]] | None = None,
) -> tuple[list[GroupScore], float | None, float]:
    """Group points and the total; `groups_of` is `members(catalogue, indicators)`, computed
    once by a caller that scores many rows."""
    groups: list[GroupScore] = []
    for g, codes in members(catalogue, indicators) if groups_of is None else groups_of:
        scored = [measures[c] for c in codes if c in measures]
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
    slots: dict[str, dict[str, int]] = {}  # indicator → part → column (the last one wins)
    for n, col in enumerate(columns):
        slots.setdefault(col.code, {})[col.part] = n
    # (indicator, its columns, its measure when it has no data: the same, immutable, in every row)
    layout = [
        (i, list(slots.get(i.code, {}).items()), None if i.has_data else measure(i, {}))
        for i in indicators
    ]
    groups_of = members(catalogue, indicators)
    out: list[ResultRow] = []
    for row in rows:
        if len(row) != len(columns) + 2:
            raise ValueError(f"{len(row) - 2} values for {len(columns)} columns")
        period, group = str(row[0]), str(row[1])
        measures = {}
        for ind, at, blank in layout:
            if blank is not None:
                measures[ind.code] = blank
                continue
            parts = {part: 0 if row[2 + n] is None else row[2 + n] for part, n in at}
            measures[ind.code] = measure(ind, parts)  # type: ignore[arg-type]
        groups, total, at_stake = score(catalogue, indicators, measures, groups_of)
        out.append(
            ResultRow(period, group, names.get(group, group), measures, groups, total, at_stake)
        )
    return out
