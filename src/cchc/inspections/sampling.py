"""Random draws for the plan, reproducible from a seed (pure).

Weighted sampling without replacement: Efraimidis & Spirakis (2006), "Weighted random sampling
with a reservoir", Inf. Process. Lett. 97(5): key = u^(1/w), keep the k largest keys; computed
as log(u)/w for numerical range. Random numbers: numpy Generator(PCG64(seed)).
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt


def generator(seed: int, *salt: str) -> np.random.Generator:
    """A PCG64 generator for `seed`, independent per salt (e.g. a unit code)."""
    entropy = [seed & 0xFFFFFFFFFFFFFFFF, *(zlib.crc32(s.encode()) for s in salt)]
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(entropy)))


def weighted_sample(
    weights: npt.ArrayLike, k: int, rng: np.random.Generator
) -> tuple[list[int], npt.NDArray[np.float64]]:
    """Indices of k items drawn without replacement with probability ∝ weight (largest key first).

    Items of weight 0 are never drawn. Returns the picks and every item's key.
    """
    w = np.asarray(weights, dtype=np.float64)
    u = rng.random(w.size)
    u = np.where(u > 0, u, np.nextafter(0.0, 1.0))
    with np.errstate(divide="ignore"):
        keys = np.where(w > 0, np.log(u) / np.where(w > 0, w, 1.0), -np.inf)
    order = np.argsort(-keys, kind="stable")
    picks = [int(i) for i in order[: max(k, 0)] if np.isfinite(keys[i])]
    return picks, keys


@dataclass(frozen=True)
class SampleRule:
    late_min: int = 3
    late_max: int = 10
    flagged_max: int = 5
    control: int = 5

    def late_size(self, late: int) -> int:
        """min(late, clamp(⌈√late⌉, late_min, late_max))."""
        if late <= 0:
            return 0
        return min(late, max(self.late_min, min(self.late_max, math.ceil(math.sqrt(late)))))


@dataclass(frozen=True)
class SampledDossier:
    code: str
    reason: str  # late | flagged | control


SAMPLE_REASONS = ("late", "flagged", "control")


def sample_positions(
    n_late: int, n_flagged: int, n_rest: int, rule: SampleRule, rng: np.random.Generator
) -> list[tuple[str, npt.NDArray[np.int64]]]:
    """Positions (in code order, within each class) of the dossiers to pull, class by class.

    The classes are disjoint: late; flagged and not late; the rest (control). The draws depend
    only on the class sizes and the generator, so a caller that knows the sizes can fetch just
    the chosen dossiers (the analytics gateway does: inspections/samples_db.py).
    """
    out: list[tuple[str, npt.NDArray[np.int64]]] = []
    for n, size, reason in (
        (n_late, rule.late_size(n_late), "late"),
        (n_flagged, min(n_flagged, rule.flagged_max), "flagged"),
        (n_rest, min(n_rest, rule.control), "control"),
    ):
        if size > 0:
            out.append((reason, np.sort(rng.choice(n, size=size, replace=False))))
    return out
