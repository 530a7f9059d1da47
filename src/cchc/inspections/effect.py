"""Did the inspection work? Difference-in-differences of the late rate (pure).

The inspected unit's late rate in the N months after the visit minus the N months before,
against the same change in similar units not inspected in that window (same kind, volume within
a ratio). Interval: normal approximation with independent binomial variances
(Var = Σ p(1−p)/n over the four rates), 95% by default. Source of the method: Angrist & Pischke,
"Mostly Harmless Econometrics" (2009), ch. 5.2; the late rate is the national portal's
(ended late / ended).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Counts:
    late: int
    ended: int

    @property
    def rate(self) -> float | None:
        return self.late / self.ended if self.ended else None

    def variance(self) -> float | None:
        p = self.rate
        return None if p is None else p * (1 - p) / self.ended


@dataclass(frozen=True)
class Effect:
    treated_before: Counts
    treated_after: Counts
    control_before: Counts
    control_after: Counts
    change_treated: float | None  # late rate after − before (inspected unit)
    change_control: float | None  # same for the pooled similar units
    did: float | None  # change_treated − change_control (negative = fewer late dossiers)
    low: float | None
    high: float | None

    @property
    def on_time_did(self) -> float | None:
        """On-time rate = 1 − late rate, so its difference-in-differences is −did."""
        return None if self.did is None else -self.did


def _change(before: Counts, after: Counts) -> float | None:
    if before.rate is None or after.rate is None:
        return None
    return after.rate - before.rate


def difference_in_differences(
    treated_before: Counts,
    treated_after: Counts,
    control_before: Counts,
    control_after: Counts,
    z: float = 1.96,
) -> Effect:
    ct = _change(treated_before, treated_after)
    cc = _change(control_before, control_after)
    did = low = high = None
    if ct is not None and cc is not None:
        did = ct - cc
        variances = [
            c.variance() for c in (treated_before, treated_after, control_before, control_after)
        ]
        se = math.sqrt(sum(v for v in variances if v is not None))
        low, high = did - z * se, did + z * se
    return Effect(
        treated_before, treated_after, control_before, control_after, ct, cc, did, low, high
    )


def similar_units(
    volumes: Mapping[str, int],
    kinds: Mapping[str, str],
    treated: str,
    excluded: set[str],
    ratio: float = 2.0,
) -> list[str]:
    """Units of the treated unit's kind whose volume is within [v/ratio, v·ratio], not excluded."""
    v = volumes.get(treated, 0)
    kind = kinds.get(treated)
    if v <= 0:
        return []
    return sorted(
        code
        for code, n in volumes.items()
        if code != treated
        and code not in excluded
        and kinds.get(code) == kind
        and v / ratio <= n <= v * ratio
    )


def pooled(counts: Mapping[str, Counts], codes: list[str]) -> Counts:
    return Counts(
        sum(counts[c].late for c in codes if c in counts),
        sum(counts[c].ended for c in codes if c in counts),
    )
