"""A province's position among all provinces on an external index: rank, gap to the leader and
to the median, trend over the years. Pure functions over plain numbers (no Django).

Every PAPI dimension, sub-dimension and total is "higher is better", and so are PAR INDEX and
SIPAS; the functions assume it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from statistics import median


# PAPI report (CECODES, RTA, UNDP), "Provincial rankings": provinces ordered by score as published
# (4 decimals); equal scores share a rank and the next rank is skipped ("1, 2, 2, 4").
def competition_ranks(values: Mapping[str, Decimal]) -> dict[str, int]:
    """Rank 1 is the highest value; ties share the best rank of their group."""
    ordered = sorted(values.values(), reverse=True)
    first_place: dict[Decimal, int] = {}
    for place, value in enumerate(ordered, start=1):
        first_place.setdefault(value, place)
    return {key: first_place[value] for key, value in values.items()}


def median_value(values: Mapping[str, Decimal]) -> Decimal:
    """The middle value (the mean of the two middle ones for an even count)."""
    return Decimal(median(values.values()))


@dataclass(frozen=True)
class Position:
    """One province among the provinces with a figure for one code in one year."""

    value: Decimal
    rank: int
    of: int
    leader_value: Decimal
    leaders: tuple[str, ...]  # the keys sharing rank 1
    median: Decimal
    gap_to_leader: Decimal  # leader − value: how far behind (0 for a leader)
    gap_to_median: Decimal  # value − median: above (> 0) or below (< 0) the middle province


def position(key: str, values: Mapping[str, Decimal]) -> Position | None:
    """`key`'s position among `values` (province key → value); None if it has no value."""
    if key not in values:
        return None
    ranks = competition_ranks(values)
    leader_value = max(values.values())
    middle = median_value(values)
    value = values[key]
    return Position(
        value=value,
        rank=ranks[key],
        of=len(values),
        leader_value=leader_value,
        leaders=tuple(sorted(k for k, v in values.items() if v == leader_value)),
        median=middle,
        gap_to_leader=leader_value - value,
        gap_to_median=value - middle,
    )


@dataclass(frozen=True)
class TrendPoint:
    year: int
    value: Decimal
    change: Decimal | None  # against the previous year with a value (None for the first)
    since_first: Decimal  # against the first year of the series


def trend(series: Mapping[int, Decimal]) -> list[TrendPoint]:
    """Year by year, each value's change from the year before it in the series (a year without
    a figure is skipped, so a change may span two years) and from the first year."""
    points: list[TrendPoint] = []
    years = sorted(series)
    for i, year in enumerate(years):
        value = series[year]
        previous = series[years[i - 1]] if i else None
        points.append(
            TrendPoint(
                year=year,
                value=value,
                change=None if previous is None else value - previous,
                since_first=value - series[years[0]],
            )
        )
    return points
