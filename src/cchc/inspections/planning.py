"""The inspection plan for a period: periodic, surprise (by risk) and rotating visits (pure).

Source: provincial practice — a yearly plan of periodic inspections, surprise inspections aimed
at units with many late dossiers, and public-duty teams rotating through units at random
(docs/inspections.md). Same request (incl. seed) → same plan.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from cchc.core.months import add_years
from cchc.core.vn_format import vn_date, vn_number
from cchc.inspections.sampling import generator, weighted_sample


@dataclass(frozen=True)
class PlanRequest:
    period_label: str
    period_end: dt.date
    unit_codes: tuple[str, ...]  # candidates (every unit that can be visited)
    scores: dict[str, float]  # risk score 0–100 per unit
    drivers: dict[str, str]  # per unit: the factors behind its score, for the reason text
    periodic: tuple[str, ...]
    surprise_k: int
    rotation_k: int
    seed: int
    last_inspected: dict[str, dt.date | None]
    cycle_years: int = 3
    pool_factor: int = 2
    min_weight: float = 1.0

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["period_end"] = self.period_end.isoformat()
        data["last_inspected"] = {
            k: v.isoformat() if v else None for k, v in sorted(self.last_inspected.items())
        }
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PlanRequest:
        d = dict(data)
        d.pop("source", None)  # which source counted the inputs (plans.py): not a planner input
        d.pop("units", None)  # the view and day the units were ranked in (plans.py): neither
        d["period_end"] = dt.date.fromisoformat(d["period_end"])
        d["last_inspected"] = {
            k: dt.date.fromisoformat(v) if v else None for k, v in d["last_inspected"].items()
        }
        for key in ("unit_codes", "periodic"):
            d[key] = tuple(d[key])
        return cls(**d)


@dataclass(frozen=True)
class Pick:
    unit_code: str
    kind: str  # periodic | surprise | rotation
    rank: int
    score: float | None
    reason: str


@dataclass(frozen=True)
class Plan:
    picks: tuple[Pick, ...]
    warnings: tuple[str, ...] = field(default=())

    def of_kind(self, kind: str) -> list[str]:
        return [p.unit_code for p in self.picks if p.kind == kind]

    def to_json(self) -> dict[str, Any]:
        return {"picks": [asdict(p) for p in self.picks], "warnings": list(self.warnings)}


def is_due(last: dt.date | None, period_end: dt.date, cycle_years: int) -> bool:
    """Due for rotation: never inspected, or the cycle since the last visit ends by period end."""
    return last is None or add_years(last, cycle_years) <= period_end


def make_plan(req: PlanRequest) -> Plan:
    rng = generator(req.seed)
    warnings: list[str] = []
    picks: list[Pick] = []
    taken: set[str] = set()

    for code in req.periodic:
        if code not in taken:
            taken.add(code)
            picks.append(
                Pick(
                    code,
                    "periodic",
                    len(picks) + 1,
                    req.scores.get(code),
                    "Theo kế hoạch kiểm tra định kỳ (yearly plan)",
                )
            )

    # Surprise: weighted by risk among the rest, candidates in code order so input order
    # does not change the draw.
    candidates = sorted(c for c in set(req.unit_codes) if c not in taken)
    weights = np.array([max(req.scores.get(c, 0.0), 0.0) + req.min_weight for c in candidates])
    chosen, _keys = weighted_sample(weights, req.surprise_k, rng)
    total = float(weights.sum()) or 1.0
    for i in chosen:
        code = candidates[i]
        taken.add(code)
        score = req.scores.get(code, 0.0)
        reason = (
            f"Chọn ngẫu nhiên theo rủi ro: điểm {vn_number(score, 1)}, "
            f"xác suất lượt đầu {vn_number(100 * weights[i] / total, 1)}%"
        )
        if req.drivers.get(code):
            reason += f"; {req.drivers[code]}"
        picks.append(Pick(code, "surprise", len(picks) + 1, score, reason))
    if req.surprise_k > len(chosen):
        warnings.append(
            f"Chỉ chọn được {len(chosen)}/{req.surprise_k} đơn vị kiểm tra đột xuất "
            "(not enough units for the surprise draw)"
        )

    picks.extend(_rotation(req, taken, rng, warnings, start_rank=len(picks) + 1))
    return Plan(tuple(picks), tuple(warnings))


def _rotation(
    req: PlanRequest,
    taken: set[str],
    rng: np.random.Generator,
    warnings: list[str],
    start_rank: int,
) -> list[Pick]:
    """Units due in the cycle first (longest uninspected first), then random among the oldest."""
    n_units = len(set(req.unit_codes))
    needed = math.ceil(n_units / req.cycle_years) if req.cycle_years > 0 else n_units
    if req.rotation_k and req.rotation_k < needed:
        warnings.append(
            f"Cần ít nhất {needed} lượt luân phiên mỗi năm để kiểm tra hết {n_units} đơn vị trong "
            f"{req.cycle_years} năm (need ≥ {needed} rotation visits a year for the cycle)"
        )
    rest = sorted(c for c in set(req.unit_codes) if c not in taken)
    if req.rotation_k <= 0 or not rest:
        return []
    shuffled = [rest[i] for i in rng.permutation(len(rest))]

    def age_key(code: str) -> dt.date:
        last = req.last_inspected.get(code)
        return last if last is not None else dt.date.min

    by_age = sorted(shuffled, key=age_key)  # stable: equal ages stay in random order
    # Hard deadlines first (the cycle since the last visit ends in this period), then units never
    # inspected (each gets its first visit as capacity allows), then random among the oldest.
    overdue = [
        c
        for c in by_age
        if req.last_inspected.get(c) is not None
        and is_due(req.last_inspected.get(c), req.period_end, req.cycle_years)
    ]
    never = [c for c in by_age if req.last_inspected.get(c) is None]
    picks: list[Pick] = []

    def add(code: str, reason: str) -> None:
        picks.append(Pick(code, "rotation", start_rank + len(picks), req.scores.get(code), reason))

    for code in overdue[: req.rotation_k]:
        last = req.last_inspected.get(code)
        add(
            code,
            f"Luân phiên: lần kiểm tra gần nhất {vn_date(last)}, đến hạn chu kỳ "
            f"{req.cycle_years} năm",
        )
    if len(overdue) > req.rotation_k:
        warnings.append(
            f"{len(overdue) - req.rotation_k} đơn vị đến hạn luân phiên chưa được chọn "
            "(units due for rotation left out: raise --rotation)"
        )
    for code in never[: max(req.rotation_k - len(picks), 0)]:
        add(code, "Luân phiên: chưa từng được kiểm tra")
    if len(never) > len([p for p in picks if p.unit_code in set(never)]):
        left = len(never) - len([p for p in picks if p.unit_code in set(never)])
        warnings.append(
            f"Còn {left} đơn vị chưa từng được kiểm tra, sẽ được chọn ở các kỳ sau "
            "(units never inspected, to be visited in later periods)"
        )
    due = set(overdue) | set(never)
    remaining = req.rotation_k - len(picks)
    if remaining > 0:
        not_due = [c for c in by_age if c not in due]
        pool = not_due[: max(remaining, req.pool_factor * remaining)]
        chosen = sorted(rng.choice(len(pool), size=min(remaining, len(pool)), replace=False))
        for i in chosen:
            code = pool[int(i)]
            last = req.last_inspected.get(code)
            add(
                code,
                f"Luân phiên: chọn ngẫu nhiên trong {len(pool)} đơn vị lâu chưa được kiểm tra nhất"
                f" (lần gần nhất {vn_date(last)})"
                if last
                else "Luân phiên ngẫu nhiên",
            )
    return picks
