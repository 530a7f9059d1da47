"""A target's straight path and whether a measured value is on it (pure).

The path runs straight from the baseline (value and date) to the target (value and date); at
any day between, the expected value is the linear interpolation. A value is on track when it is
at least the expected value (at most, for a target where lower is better: a rank, a late rate).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Path:
    start: dt.date
    start_value: float
    end: dt.date
    end_value: float
    lower_is_better: bool = False

    def expected(self, day: dt.date) -> float:
        """The value the straight path expects on `day` (the end value after the end)."""
        if day >= self.end or self.end <= self.start:
            return self.end_value
        if day <= self.start:
            return self.start_value
        share = (day - self.start).days / (self.end - self.start).days
        return self.start_value + share * (self.end_value - self.start_value)

    def on_track(self, day: dt.date, value: float) -> bool:
        expected = self.expected(day)
        return value <= expected if self.lower_is_better else value >= expected

    def met(self, value: float) -> bool:
        return value <= self.end_value if self.lower_is_better else value >= self.end_value

    def gap(self, value: float) -> float:
        """How far `value` is from the target, positive when short of it."""
        return value - self.end_value if self.lower_is_better else self.end_value - value
