"""Which units hold a province's target back, and by how much (pure).

Source: Decision 766/QĐ-TTg measures a rate as numerator over denominator for each unit and for
the province as the sum of its units, so the province reaches a target rate when enough more
items (dossiers handled on time, …) are added in the units that fall short of it.

- A rate (higher is better): a unit with `n` of `d` items short of the target rate `t` needs
  ceil(t × d) − n more items; a unit at or above the rate needs none.
- A rate where lower is better: the unit has n − floor(t × d) items too many.
- The total points of Decision 766: a unit below the target weighs (target − its points) ×
  its dossiers / the province's dossiers, the points the province's dossier-weighted average
  would gain if that unit reached the target.

Each unit's share is its shortfall over the sum of all units' shortfalls (the shares add to
100 %); units above the target do not offset the others.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction


def rate_of(percent: float) -> Fraction:
    """A target in percent as an exact fraction (98 → 49/50), so that 98 % of 100 is 98."""
    return Fraction(str(percent)) / 100


def items_short(numerator: int, denominator: int, rate: Fraction, lower_is_better: bool) -> int:
    """How many items the unit would need to change to reach `rate` (0 when it does)."""
    if lower_is_better:
        return max(0, numerator - math.floor(rate * denominator))
    return max(0, math.ceil(rate * denominator) - numerator)


def points_short(points: float, target: float, dossiers: int, all_dossiers: int) -> float:
    """The unit's points below the target, weighted by its share of the province's dossiers."""
    if all_dossiers <= 0 or points >= target:
        return 0.0
    return (target - points) * dossiers / all_dossiers


@dataclass(frozen=True)
class Share:
    key: str
    shortfall: float
    share: float  # 0–1 of the sum of shortfalls


def shares(shortfalls: dict[str, float]) -> list[Share]:
    """Units with a shortfall, largest first (then by key), each with its share of the sum."""
    total = sum(v for v in shortfalls.values() if v > 0)
    out = [Share(k, v, v / total) for k, v in shortfalls.items() if v > 0]
    return sorted(out, key=lambda s: (-s.shortfall, s.key))
