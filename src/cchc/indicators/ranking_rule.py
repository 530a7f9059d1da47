"""The ranking rule. Pure: no Django, no I/O.

Units are judged on different maxima: an indicator with no data is left out of a unit's maximum
(docs/indicators.md, "Scoring"). Raw points would therefore favour the unit judged on more
indicators (50 of 58 would beat 45 of 50). A ranking orders units by the share of the points
that could be judged, points / max with data, and names every unit judged on another set of
indicators than the most common one, so that no such comparison goes unsaid.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass


def share(points: float | None, max_with_data: float) -> float | None:
    """Points / the points that could be judged (0–1); None when nothing could be judged."""
    if points is None or max_with_data <= 0:
        return None
    return points / max_with_data


@dataclass(frozen=True)
class Judged:
    """What a ranking needs of one unit: its points, its maximum and the indicators judged."""

    code: str
    points: float | None
    max_with_data: float
    indicators: frozenset[str]  # the codes that carried points (had data)

    @property
    def share(self) -> float | None:
        return share(self.points, self.max_with_data)


def common_set(units: Sequence[Judged]) -> frozenset[str]:
    """The set of judged indicators most units share; on a tie the larger set, then the set
    whose sorted codes come first (so the answer never depends on the order of the units)."""
    if not units:
        return frozenset()
    counts = Counter(u.indicators for u in units)
    return min(counts, key=lambda s: (-counts[s], -len(s), sorted(s)))


def rank_order(units: Sequence[Judged]) -> list[Judged]:
    """Best first: higher share; on equal shares more points; then the unit code. A unit with
    nothing judged comes last."""

    def key(u: Judged) -> tuple[bool, float, float, str]:
        s = u.share
        return (s is None, -(s or 0.0), -(u.points or 0.0), u.code)

    return sorted(units, key=key)


@dataclass(frozen=True)
class SetDifference:
    """How a unit's judged indicators differ from the common set."""

    missing: tuple[str, ...]  # in the common set, not judged for this unit
    extra: tuple[str, ...]  # judged for this unit, not in the common set

    @property
    def differs(self) -> bool:
        return bool(self.missing or self.extra)


def difference(unit: Judged, common: frozenset[str]) -> SetDifference:
    return SetDifference(
        tuple(sorted(common - unit.indicators)), tuple(sorted(unit.indicators - common))
    )


def describe(diff: SetDifference) -> str:
    """'thiếu (without) 766.3a; thêm (with) 766.4d' — the same words on the page, API and CSV."""
    parts = []
    if diff.missing:
        parts.append(f"thiếu (without) {', '.join(diff.missing)}")
    if diff.extra:
        parts.append(f"thêm (with) {', '.join(diff.extra)}")
    return "; ".join(parts)
