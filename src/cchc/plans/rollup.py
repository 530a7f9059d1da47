"""Progress of a plan, a target or a task with sub-tasks: the weighted mean of its parts (pure).

Each part counts in proportion to its weight (trọng số); a stopped task (dừng thực hiện) and a
part of weight 0 do not count; a task with sub-tasks takes its progress from them, all the way
down. Nothing to count gives None (no progress to show), not 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Part:
    key: int
    parent: int | None
    weight: float
    progress: float  # own progress (0–100), used only when the part has no counted children
    counted: bool = True  # False for a stopped task


def weighted(pairs: Iterable[tuple[float, float]]) -> float | None:
    """Σ weight × progress / Σ weight over (weight, progress) pairs with a positive weight."""
    total = 0.0
    weights = 0.0
    for weight, progress in pairs:
        if weight > 0:
            total += weight * progress
            weights += weight
    return None if weights == 0 else total / weights


def rolled(parts: Sequence[Part]) -> dict[int, float | None]:
    """Each part's progress: its own when it has no counted sub-parts, else their weighted mean."""
    children: dict[int | None, list[Part]] = {}
    for part in parts:
        if part.counted:
            children.setdefault(part.parent, []).append(part)
    out: dict[int, float | None] = {}

    def value(part: Part, seen: frozenset[int]) -> float | None:
        if part.key in out:
            return out[part.key]
        if part.key in seen:
            raise ValueError(f"Nhiệm vụ {part.key} là cha của chính nó (task is its own parent)")
        kids = children.get(part.key, [])
        if not kids:
            result: float | None = part.progress
        else:
            kid_values = [(k.weight, value(k, seen | {part.key})) for k in kids]
            result = weighted((w, v) for w, v in kid_values if v is not None)
        out[part.key] = result
        return result

    for part in parts:
        value(part, frozenset())
    return out


def overall(parts: Sequence[Part], top: Iterable[int] | None = None) -> float | None:
    """The weighted progress of the top-level counted parts (or of the parts keyed in `top`)."""
    values: Mapping[int, float | None] = rolled(parts)
    keys = set(top) if top is not None else None
    pairs = [
        (p.weight, v)
        for p in parts
        if p.counted
        and (p.key in keys if keys is not None else p.parent is None)
        and (v := values[p.key]) is not None
    ]
    return weighted(pairs)
