"""A plan pick's reason text from a unit's risk factors (pure): the factors that weigh most, then
the citizens' voice always, each with its points of the 0–100 score."""

from __future__ import annotations

from cchc.core.vn_format import vn_number
from cchc.inspections.risk import CITIZEN_FACTORS, FactorScore, UnitRisk


def _points(f: FactorScore) -> str:
    return f"{f.page_label.lower()} {vn_number(f.contribution, 1)}"


def _voice(f: FactorScore) -> str:
    if f.name == "complaints_rate":
        per_thousand = f"{vn_number(1000 * f.raw, 1)}/1.000 hồ sơ" if f.raw is not None else "—"
        return f"{_points(f)} ({vn_number(f.count)} phản ánh, {per_thousand})"
    if f.name == "low_satisfaction" and not f.base:
        return f"{f.page_label.lower()}: chưa có phiếu khảo sát, không tính điểm (0)"
    if f.name == "low_satisfaction":
        return f"{_points(f)} ({vn_number(f.count)}/{vn_number(f.base)} phiếu không hài lòng)"
    return f"{_points(f)} ({vn_number(f.count)} phản ánh)"


def reason_of(unit: UnitRisk, top: int = 3) -> str:
    """ "yếu tố chính: tỷ lệ hồ sơ trễ hạn 21,3, …; ý kiến người dân: phản ánh nhũng nhiễu 10,0
    (3 phản ánh), …" — the citizens' factors are named even when they add nothing."""
    main = [f for f in unit.factors if f.name not in CITIZEN_FACTORS and f.contribution > 0]
    best = sorted(main, key=lambda f: -f.contribution)[:top]
    parts = []
    if best:
        parts.append("yếu tố chính: " + ", ".join(_points(f) for f in best))
    voice = [_voice(f) for f in unit.factors if f.name in CITIZEN_FACTORS]
    if voice:
        parts.append("ý kiến người dân: " + ", ".join(voice))
    return "; ".join(parts)
