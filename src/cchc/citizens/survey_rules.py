"""Survey figures: the share satisfied with its confidence interval, sample sizes and their
allocation across procedures. Pure: no Django, no I/O."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from cchc.indicators.scoring import wilson_interval

Z_95 = 1.96  # the 95% normal quantile as the survey reports state it
SATISFIED_FROM = 4  # "hài lòng" (4) and "rất hài lòng" (5) on the 5-point scale


@dataclass(frozen=True)
class Satisfaction:
    """One element's answers in one group: how many answered, how many were satisfied."""

    answered: int
    satisfied: int
    share: float | None  # satisfied / answered; None when nobody answered
    low: float | None  # 95% Wilson score interval
    high: float | None


def satisfaction(answered: int, satisfied: int, z: float = Z_95) -> Satisfaction:
    """The share satisfied among those who answered, with its Wilson score interval."""
    # SIPAS (Bộ Nội vụ): satisfaction = share of "hài lòng" + "rất hài lòng" among answers;
    # interval: Wilson (1927), J. Am. Stat. Assoc. 22(158).
    interval = wilson_interval(satisfied, answered, z)
    if interval is None:
        return Satisfaction(answered, satisfied, None, None, None)
    return Satisfaction(answered, satisfied, satisfied / answered, interval[0], interval[1])


def count_satisfied(
    ratings: Iterable[int | None], satisfied_from: int = SATISFIED_FROM
) -> tuple[int, int]:
    """(answered, satisfied) of a list of ratings; None (not answered) is left out."""
    answered = [r for r in ratings if r is not None]
    return len(answered), sum(1 for r in answered if r >= satisfied_from)


def sample_size(population: int, margin: float) -> int:
    """Responses needed for a margin of error `margin` (0.05 = ±5 points) at 95% confidence."""
    # Yamane (1967), Statistics: An Introductory Analysis: n = N / (1 + N·e²), rounded up.
    if population <= 0:
        return 0
    if not 0 < margin < 1:
        raise ValueError(f"margin {margin} outside (0, 1)")
    return min(population, math.ceil(population / (1 + population * margin * margin)))


def allocate(strata: Mapping[str, int], n: int) -> dict[str, int]:
    """Proportional allocation of `n` draws across strata of the given sizes, by largest
    remainders (Hamilton): each stratum gets the whole part of n·N_h/N, the rest go one each to
    the largest fractional parts (ties: the larger stratum, then the key). Never more than N_h."""
    total = sum(strata.values())
    n = min(n, total)
    if n <= 0 or total <= 0:
        return {key: 0 for key in strata}
    quotas = {key: n * size / total for key, size in strata.items()}
    shares = {key: math.floor(q) for key, q in quotas.items()}
    left = n - sum(shares.values())
    order = sorted(strata, key=lambda k: (-(quotas[k] - shares[k]), -strata[k], k))
    for key in order[:left]:
        shares[key] += 1
    return shares
