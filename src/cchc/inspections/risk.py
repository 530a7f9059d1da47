"""Risk score per unit for a period, from transparent factors and configurable weights (pure).

Source: provincial practice of aiming surprise inspections at units with many late dossiers or
complaints (docs/inspections.md); the weights are data (risk-weights.toml).

Rates are shrunk towards the province rate with a beta-binomial prior (empirical Bayes): with
prior strength a and province rate p0, a unit with k events out of n scores (k + a·p0) / (n + a).
A rate factor is then divided by the largest such value in the province (0–1, "relative to the
worst unit"); count factors are capped (cap → 1). The score is Σ weightᵢ·normalisedᵢ / Σ weights,
on 0–100, and each factor's share of it is its contribution. A unit with no survey answers
scores 0 on low_satisfaction (ZERO_WITHOUT_BASE): no answers is no evidence, not the average.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from cchc.inspections.config import FACTORS, RiskConfig

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

# factor → (Vietnamese name for pages, English for the bilingual command line and plan reasons)
FACTOR_NAMES: dict[str, tuple[str, str]] = {
    "late_rate": ("Tỷ lệ hồ sơ trễ hạn", "late rate"),
    "open_overdue": ("Hồ sơ đang quá hạn", "open overdue"),
    "beyond_statutory": ("Hẹn trả vượt thời hạn quy định", "appointment beyond statutory time"),
    "repeated_supplements": ("Yêu cầu bổ sung nhiều lần", "repeated supplement requests"),
    "late_no_apology": ("Trễ hạn không có văn bản xin lỗi", "late without apology"),
    "sensitive_share": ("Hồ sơ đất đai, đầu tư, xây dựng", "land, investment, construction"),
    "since_inspected": ("Thời gian chưa được kiểm tra", "time since last inspected"),
    "actions_open": ("Yêu cầu khắc phục chưa hoàn thành", "corrective actions open"),
    "actions_overdue": ("Yêu cầu khắc phục quá hạn", "corrective actions overdue"),
    "complaints_rate": ("Phản ánh trên 1.000 hồ sơ", "complaints per thousand dossiers"),
    "harassment": ("Phản ánh nhũng nhiễu", "harassment complaints"),
    "low_satisfaction": ("Tỷ lệ không hài lòng (khảo sát)", "share not satisfied (surveys)"),
}
# the citizens' voice (registered by the citizens app: risk_extra.py); always named in a
# plan's reasons, as is a unit without survey answers, which scores 0 on low_satisfaction
CITIZEN_FACTORS = ("complaints_rate", "harassment", "low_satisfaction")
# rate factors that score 0, not the province rate, for a unit with nothing to count
ZERO_WITHOUT_BASE = frozenset({"low_satisfaction"})
FACTOR_LABELS = {name: f"{vi} ({en})" for name, (vi, en) in FACTOR_NAMES.items()}

# rate factor → (numerator field, denominator field) of RiskInputs
RATE_FACTORS: dict[str, tuple[str, str]] = {
    "late_rate": ("late", "ended"),
    "open_overdue": ("open_overdue", "in_period"),
    "beyond_statutory": ("beyond_statutory", "received"),
    "repeated_supplements": ("repeated_supplements", "received"),
    "late_no_apology": ("late_no_apology", "late"),
    "sensitive_share": ("sensitive", "received"),
    "complaints_rate": ("complaints", "received"),
    "low_satisfaction": ("survey_not_satisfied", "survey_answered"),
}


@dataclass(frozen=True)
class RiskInputs:
    """Per-unit counts for one period, all arrays aligned with `unit_codes`."""

    unit_codes: tuple[str, ...]
    in_period: IntArray  # ended in the period + open at its end
    ended: IntArray  # processing ended in the period
    late: IntArray  # ended late in the period
    open_overdue: IntArray  # open at the end and past the deadline
    received: IntArray  # received in the period
    beyond_statutory: IntArray  # of received: appointment beyond statutory time
    repeated_supplements: IntArray  # of received: supplement requested more than once
    late_no_apology: IntArray  # of ended late: no apology letter
    sensitive: IntArray  # of received: land, investment, construction sectors
    months_since_inspected: FloatArray  # NaN = never inspected
    actions_open: IntArray
    actions_overdue: IntArray
    complaints: IntArray  # feedback items received in the period (citizens)
    harassment: IntArray  # of those, filed as harassment (nhũng nhiễu)
    survey_answered: IntArray  # survey responses answering `overall` in the period
    survey_not_satisfied: IntArray  # of those, rated 1–3 (not satisfied)

    @classmethod
    def from_rows(cls, rows: list[dict[str, float]], codes: list[str]) -> RiskInputs:
        """Build from one dict per unit (missing keys count 0; months NaN)."""

        def col(name: str) -> IntArray:
            return np.array([int(r.get(name, 0)) for r in rows], dtype=np.int64)

        months = np.array([r.get("months_since_inspected", np.nan) for r in rows], dtype=float)
        return cls(
            unit_codes=tuple(codes),
            months_since_inspected=months,
            **{f: col(f) for f in _COUNT_FIELDS},
        )


_COUNT_FIELDS = (
    "in_period",
    "ended",
    "late",
    "open_overdue",
    "received",
    "beyond_statutory",
    "repeated_supplements",
    "late_no_apology",
    "sensitive",
    "actions_open",
    "actions_overdue",
    "complaints",
    "harassment",
    "survey_answered",
    "survey_not_satisfied",
)


@dataclass(frozen=True)
class FactorScore:
    name: str
    label: str  # bilingual: "Tỷ lệ hồ sơ trễ hạn (late rate)"
    count: float  # events (or months, or actions)
    base: float | None  # denominator of a rate factor
    raw: float | None  # count / base, None when base is 0
    value: float  # shrunk rate, or the count
    normalised: float  # 0–1
    weight: float
    contribution: float  # points of the 0–100 score

    @property
    def page_label(self) -> str:
        """The Vietnamese name alone, for the pages."""
        return FACTOR_NAMES[self.name][0] if self.name in FACTOR_NAMES else self.label


@dataclass(frozen=True)
class UnitRisk:
    unit_code: str
    score: float
    rank: int
    factors: tuple[FactorScore, ...]


@dataclass(frozen=True)
class RiskTable:
    """Scores of every unit, with the matrices behind them (units × FACTORS)."""

    unit_codes: tuple[str, ...]
    scores: FloatArray
    counts: FloatArray
    bases: FloatArray  # NaN for factors that are not rates
    values: FloatArray
    normalised: FloatArray
    contributions: FloatArray
    weights: FloatArray
    province_rates: dict[str, float]
    config_version: str

    def ranked(self) -> list[UnitRisk]:
        """Units from highest to lowest score (ties by unit code)."""
        order = sorted(
            range(len(self.unit_codes)), key=lambda i: (-self.scores[i], self.unit_codes[i])
        )
        return [self.unit(i, rank) for rank, i in enumerate(order, start=1)]

    def unit(self, i: int, rank: int = 0) -> UnitRisk:
        factors = []
        for j, name in enumerate(FACTORS):
            base = None if np.isnan(self.bases[i, j]) else float(self.bases[i, j])
            raw = None
            if base is not None:
                raw = float(self.counts[i, j] / base) if base > 0 else None
            factors.append(
                FactorScore(
                    name=name,
                    label=FACTOR_LABELS[name],
                    count=float(self.counts[i, j]),
                    base=base,
                    raw=raw,
                    value=float(self.values[i, j]),
                    normalised=float(self.normalised[i, j]),
                    weight=float(self.weights[j]),
                    contribution=float(self.contributions[i, j]),
                )
            )
        return UnitRisk(self.unit_codes[i], float(self.scores[i]), rank, tuple(factors))

    def score_of(self) -> dict[str, float]:
        return {c: float(s) for c, s in zip(self.unit_codes, self.scores, strict=True)}


def shrunk_rate(k: FloatArray, n: FloatArray, prior_strength: float) -> tuple[FloatArray, float]:
    """Posterior mean rate under a Beta(a·p0, a·(1−p0)) prior, p0 the pooled rate."""
    total = float(n.sum())
    p0 = float(k.sum()) / total if total > 0 else 0.0
    a = max(prior_strength, 0.0)
    denom = n + a
    safe = np.where(denom > 0, denom, 1.0)
    rate = np.where(denom > 0, (k + a * p0) / safe, p0)
    return rate.astype(np.float64), p0


def _relative(values: FloatArray) -> FloatArray:
    top = float(values.max()) if values.size else 0.0
    return values / top if top > 0 else np.zeros_like(values)


def score_units(inputs: RiskInputs, config: RiskConfig) -> RiskTable:
    """Score every unit of `inputs` (vectorised: one pass per factor over all units)."""
    n_units, n_factors = len(inputs.unit_codes), len(FACTORS)
    counts = np.zeros((n_units, n_factors))
    bases = np.full((n_units, n_factors), np.nan)
    values = np.zeros((n_units, n_factors))
    normalised = np.zeros((n_units, n_factors))
    province: dict[str, float] = {}
    for j, name in enumerate(FACTORS):
        if name in RATE_FACTORS:
            num_f, den_f = RATE_FACTORS[name]
            k = getattr(inputs, num_f).astype(np.float64)
            n = getattr(inputs, den_f).astype(np.float64)
            rate, p0 = shrunk_rate(k, n, config.prior_strength)
            if name in ZERO_WITHOUT_BASE:
                rate = np.where(n > 0, rate, 0.0)
            counts[:, j], bases[:, j], values[:, j] = k, n, rate
            normalised[:, j] = _relative(rate)
            province[name] = p0
        elif name == "since_inspected":
            cap = config.caps.get("since_inspected_months", 36.0)
            months = inputs.months_since_inspected.astype(np.float64)
            filled = np.where(np.isnan(months), cap, months)
            counts[:, j] = values[:, j] = filled
            normalised[:, j] = np.clip(filled / cap, 0.0, 1.0)
        else:
            cap = config.caps.get(name, 1.0)
            c = getattr(inputs, name).astype(np.float64)
            counts[:, j] = values[:, j] = c
            normalised[:, j] = np.clip(c / cap, 0.0, 1.0)
    weights = np.array([config.weights[f] for f in FACTORS], dtype=np.float64)
    contributions = normalised * (weights / weights.sum()) * 100.0
    return RiskTable(
        unit_codes=inputs.unit_codes,
        scores=contributions.sum(axis=1),
        counts=counts,
        bases=bases,
        values=values,
        normalised=normalised,
        contributions=contributions,
        weights=weights,
        province_rates=province,
        config_version=config.version,
    )
