"""Scoring rules and rate statistics. Pure: no Django, no I/O."""

from __future__ import annotations

import math
from dataclasses import dataclass

Z_95 = 1.959963984540054  # two-sided 95% normal quantile


def points(max_points: float, rate: float | None, threshold: float) -> float | None:
    """Points earned by a rate; None when there is no data (never zero for missing data)."""
    # Portal scoring (docs/indicators.md, "Scoring"): full points at or above the threshold,
    # proportional below it: points = max × min(1, rate / threshold).
    if rate is None:
        return None
    if threshold <= 0:
        return float(max_points)
    return float(max_points) * min(1.0, max(0.0, rate) / threshold)


def wilson_interval(successes: int, total: int, z: float = Z_95) -> tuple[float, float] | None:
    """Wilson score interval for a binomial proportion (Wilson 1927); None when total is 0."""
    if total <= 0:
        return None
    if not 0 <= successes <= total:
        raise ValueError(f"successes {successes} outside 0..{total}")
    p = successes / total
    z2 = z * z
    centre = (p + z2 / (2 * total)) / (1 + z2 / total)
    half = (z / (1 + z2 / total)) * math.sqrt(p * (1 - p) / total + z2 / (4 * total * total))
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == total else min(1.0, centre + half)
    return low, high


@dataclass(frozen=True, slots=True)  # slots: built ~10^4 times per computation
class Measure:
    """One indicator's value for one group: the counts it comes from and what they give."""

    code: str
    kind: str  # ratio | count | average
    numerator: int | None = None
    denominator: int | None = None
    value: float | None = None  # rate (0–1) for ratios, count or mean otherwise
    low: float | None = None  # 95% Wilson interval, ratios only
    high: float | None = None
    points: float | None = None
    max_points: float = 0.0
    no_data: bool = False

    @property
    def lost_points(self) -> float | None:
        return None if self.points is None else self.max_points - self.points


def ratio_measure(
    code: str,
    numerator: int,
    denominator: int,
    *,
    known: int | None = None,
    max_points: float = 0.0,
    threshold: float = 1.0,
    complement: bool = False,
) -> Measure:
    """A rate with its counts and interval; `complement` gives 1 − numerator/denominator
    (e.g. 2a = 1 − late rate). `known` = 0 means the source never states the field: no data."""
    if denominator <= 0 or known == 0:
        return Measure(code, "ratio", numerator, denominator, max_points=max_points, no_data=True)
    hits = denominator - numerator if complement else numerator
    value = hits / denominator
    interval = wilson_interval(hits, denominator)
    assert interval is not None
    return Measure(
        code,
        "ratio",
        hits,
        denominator,
        value,
        interval[0],
        interval[1],
        points(max_points, value, threshold) if max_points else None,
        max_points,
    )
