"""The citizens' voice in the risk model, on hand-made data (pure).

Three communes, 100 dossiers each, prior strength a = 10, weights late_rate 2 and the three
citizens' factors 1 each (sum 5), harassment capped at 3:
- CLEAN: 20 late; 1 complaint, none harassment; 40 survey answers, 4 not satisfied;
- BAD: 10 late; 9 complaints, 3 harassment; 40 answers, 30 not satisfied;
- NONE: 10 late; no complaint; no survey answers.
"""

from __future__ import annotations

import pytest

from cchc.inspections.config import FACTORS, load_risk_config, risk_config_from
from cchc.inspections.risk import CITIZEN_FACTORS, FACTOR_NAMES, RiskInputs, score_units
from cchc.inspections.risk_reasons import reason_of

CONFIG = risk_config_from(
    {
        "version": "test",
        "prior_strength": 10,
        "weights": {"late_rate": 2, "complaints_rate": 1, "harassment": 1, "low_satisfaction": 1},
        "caps": {"harassment": 3},
    },
    "test",
)
DOSSIERS: dict[str, float] = {"in_period": 100, "ended": 100, "received": 100}
UNITS: dict[str, dict[str, float]] = {
    "CLEAN": DOSSIERS
    | {"late": 20, "complaints": 1, "survey_answered": 40, "survey_not_satisfied": 4},
    "BAD": DOSSIERS
    | {
        "late": 10,
        "complaints": 9,
        "harassment": 3,
        "survey_answered": 40,
        "survey_not_satisfied": 30,
    },
    "NONE": DOSSIERS | {"late": 10},
}


def _scores() -> dict[str, float]:
    inputs = RiskInputs.from_rows(list(UNITS.values()), list(UNITS))
    return score_units(inputs, CONFIG).score_of()


def _hand_scores() -> dict[str, float]:
    a = 10
    # late rate: province 40/300; shrunk (k + a·p0)/(n + a); relative to the worst (CLEAN)
    p_late = 40 / 300
    late = {u: (UNITS[u]["late"] + a * p_late) / (100 + a) for u in UNITS}
    # complaints per dossier received: province 10/300; the worst is BAD
    p_comp = 10 / 300
    comp = {u: (UNITS[u].get("complaints", 0) + a * p_comp) / (100 + a) for u in UNITS}
    # harassment: count / cap 3
    har = {u: min(UNITS[u].get("harassment", 0) / 3, 1.0) for u in UNITS}
    # not satisfied: province 34/80 among units with answers; NONE has none, so 0
    p_low = 34 / 80
    low = {"CLEAN": (4 + a * p_low) / (40 + a), "BAD": (30 + a * p_low) / (40 + a), "NONE": 0.0}
    return {
        u: 100
        * (2 * late[u] / late["CLEAN"] + comp[u] / comp["BAD"] + har[u] + low[u] / low["BAD"])
        / 5
        for u in UNITS
    }


def test_the_three_factors_are_named_weighted_and_documented_as_data() -> None:
    shipped = load_risk_config()
    for name in CITIZEN_FACTORS:
        assert name in FACTORS and name in FACTOR_NAMES
        assert shipped.weights[name] > 0
    assert shipped.caps["harassment"] == 3


def test_scores_match_the_hand_computation() -> None:
    scores = _scores()
    expected = _hand_scores()
    for unit in UNITS:
        assert scores[unit] == pytest.approx(expected[unit]), unit
    # restated in round figures: BAD 81.25, CLEAN ≈ 47.7, NONE ≈ 22.0
    assert expected["BAD"] == pytest.approx(81.25)
    assert expected["NONE"] == pytest.approx(20 * (2 * 11.3333 / 21.3333 + 1 / 28), rel=1e-4)


def test_harassment_and_low_satisfaction_lift_a_commune_up_the_ranking() -> None:
    late_only = risk_config_from(
        {"version": "t", "prior_strength": 10, "weights": {"late_rate": 1}}
    )
    inputs = RiskInputs.from_rows(list(UNITS.values()), list(UNITS))
    before = [r.unit_code for r in score_units(inputs, late_only).ranked()]
    after = [r.unit_code for r in score_units(inputs, CONFIG).ranked()]
    assert before[0] == "CLEAN" and before.index("BAD") > 0
    assert after == ["BAD", "CLEAN", "NONE"]


def test_a_unit_without_survey_answers_is_not_penalised() -> None:
    inputs = RiskInputs.from_rows(list(UNITS.values()), list(UNITS))
    table = score_units(inputs, CONFIG)
    none = next(r for r in table.ranked() if r.unit_code == "NONE")
    low = next(f for f in none.factors if f.name == "low_satisfaction")
    assert low.base == 0 and low.value == 0.0 and low.contribution == 0.0
    # the province rate (among units with answers) is not given to a unit without any
    assert table.province_rates["low_satisfaction"] == pytest.approx(34 / 80)
    reason = reason_of(none)
    assert "tỷ lệ không hài lòng (khảo sát): chưa có phiếu khảo sát, không tính điểm (0)" in reason


def test_every_reason_names_the_citizens_voice_with_its_points() -> None:
    inputs = RiskInputs.from_rows(list(UNITS.values()), list(UNITS))
    bad = next(r for r in score_units(inputs, CONFIG).ranked() if r.unit_code == "BAD")
    reason = reason_of(bad)
    # harassment: 3 of cap 3 → 1 × weight 1 of 5 → 20 points; complaints: the worst → 20 points,
    # 9 complaints over 100 dossiers = 90 per thousand; not satisfied: the worst → 20 points
    assert reason.startswith("yếu tố chính: tỷ lệ hồ sơ trễ hạn 21,3; ý kiến người dân: ")
    assert "phản ánh trên 1.000 hồ sơ 20,0 (9 phản ánh, 90,0/1.000 hồ sơ)" in reason
    assert "phản ánh nhũng nhiễu 20,0 (3 phản ánh)" in reason
    assert "tỷ lệ không hài lòng (khảo sát) 20,0 (30/40 phiếu không hài lòng)" in reason
