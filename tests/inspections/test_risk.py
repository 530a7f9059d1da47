"""Risk factors on hand-made data, shrinkage included (pure)."""

from __future__ import annotations

import numpy as np
import pytest

from cchc.inspections.config import FACTORS, load_risk_config, risk_config_from
from cchc.inspections.risk import RiskInputs, score_units, shrunk_rate

CONFIG = load_risk_config()


def _inputs(rows: dict[str, dict[str, float]]) -> RiskInputs:
    return RiskInputs.from_rows(list(rows.values()), list(rows))


def test_shrinkage_pulls_small_units_towards_the_province_rate() -> None:
    # Province: 100 late of 1000. A commune with 1 late of 2 dossiers.
    k = np.array([1.0, 99.0])
    n = np.array([2.0, 998.0])
    rate, p0 = shrunk_rate(k, n, prior_strength=30)
    assert p0 == pytest.approx(0.1)
    assert rate[0] == pytest.approx((1 + 30 * 0.1) / 32)  # 0.125, not 0.5
    assert rate[1] == pytest.approx((99 + 3) / 1028)
    # Without a prior the raw rate is back.
    raw, _ = shrunk_rate(k, n, prior_strength=0)
    assert raw[0] == pytest.approx(0.5)


def test_one_late_dossier_in_a_tiny_commune_does_not_top_the_list() -> None:
    inputs = _inputs(
        {
            "TINY": {"in_period": 2, "ended": 2, "late": 1, "received": 2},
            "BIG": {"in_period": 2000, "ended": 2000, "late": 400, "received": 2000},
            "OK": {"in_period": 1500, "ended": 1500, "late": 30, "received": 1500},
        }
    )
    ranked = score_units(inputs, CONFIG).ranked()
    assert next(r.unit_code for r in ranked) == "BIG"
    late = {r.unit_code: next(f for f in r.factors if f.name == "late_rate") for r in ranked}
    assert late["TINY"].raw == pytest.approx(0.5)
    assert late["TINY"].value < late["BIG"].value
    assert late["BIG"].normalised == pytest.approx(1.0)


def test_each_factor_shows_counts_normalised_values_and_contributions() -> None:
    inputs = _inputs(
        {
            "A": {
                "in_period": 100,
                "ended": 90,
                "late": 30,
                "open_overdue": 5,
                "received": 80,
                "beyond_statutory": 8,
                "repeated_supplements": 4,
                "late_no_apology": 30,
                "sensitive": 40,
                "months_since_inspected": 18,
                "actions_open": 5,
                "actions_overdue": 3,
                "complaints": 8,
                "harassment": 3,
                "survey_answered": 50,
                "survey_not_satisfied": 40,
            },
            "B": {
                "in_period": 100,
                "ended": 100,
                "late": 0,
                "received": 100,
                "months_since_inspected": 1,
                "survey_answered": 100,
                "survey_not_satisfied": 10,
            },
        }
    )
    table = score_units(inputs, CONFIG)
    a, b = table.unit(0), table.unit(1)
    assert [f.name for f in a.factors] == list(FACTORS)
    assert sum(f.contribution for f in a.factors) == pytest.approx(a.score)
    # A is the worst on every rate factor, so each normalises to 1 …
    for f in a.factors:
        if f.base is not None:
            assert f.normalised == pytest.approx(1.0), f.name
    # … and on the capped ones: 18 of 36 months = 0.5; 5 of 5 open; 3 of 3 overdue; 3 of 3
    # harassment complaints.
    by_name = {f.name: f for f in a.factors}
    assert by_name["since_inspected"].normalised == pytest.approx(0.5)
    assert by_name["actions_open"].normalised == 1.0
    assert by_name["actions_overdue"].normalised == 1.0
    assert by_name["harassment"].normalised == 1.0
    total_w = sum(CONFIG.weights.values())
    expected = 100 * (total_w - 0.5 * CONFIG.weights["since_inspected"]) / total_w
    assert a.score == pytest.approx(expected)
    assert b.score < a.score
    assert by_name["late_no_apology"].raw == pytest.approx(1.0)


def test_never_inspected_counts_as_the_full_cap() -> None:
    inputs = _inputs(
        {"NEW": {"in_period": 10}, "SEEN": {"in_period": 10, "months_since_inspected": 0}}
    )
    table = score_units(inputs, CONFIG)
    j = FACTORS.index("since_inspected")
    assert table.normalised[0, j] == 1.0
    assert table.normalised[1, j] == 0.0


def test_weights_change_the_ranking() -> None:
    inputs = _inputs(
        {
            "LATE": {"in_period": 500, "ended": 500, "late": 200, "received": 500},
            "LAND": {"in_period": 500, "ended": 500, "late": 20, "received": 500, "sensitive": 500},
        }
    )
    assert score_units(inputs, CONFIG).ranked()[0].unit_code == "LATE"
    raw = dict(CONFIG.raw)
    raw["weights"] = {"late_rate": 1, "sensitive_share": 10}
    land_first = risk_config_from(raw, "test")
    assert score_units(inputs, land_first).ranked()[0].unit_code == "LAND"


def test_unknown_or_negative_weights_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown factors"):
        risk_config_from({"version": "x", "weights": {"bribes": 1}})
    with pytest.raises(ValueError, match="weights"):
        risk_config_from({"version": "x", "weights": {"late_rate": -1}})


@pytest.mark.parametrize(
    ("sector", "sensitive"),
    [
        ("Đất đai", True),
        ("đất đai", True),
        ("Đầu tư tại Việt nam", True),
        ("Hoạt động xây dựng", True),
        ("Xây dựng", True),
        ("Hộ tịch", False),
        ("Quản lý ngành nghề đầu tư, kinh doanh có điều kiện về an ninh, trật tự", False),
        ("", False),
    ],
)
def test_sensitive_sectors_match_the_national_catalogue_names(sector: str, sensitive: bool) -> None:
    assert CONFIG.is_sensitive(sector) is sensitive
