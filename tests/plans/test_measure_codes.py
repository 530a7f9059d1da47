"""The codes a target can read: the 766 total, a group's points ("766.g2", the 766 template's
targets), an indicator's rate in %; anything else is refused on import (test_xlsx_errors)."""

from __future__ import annotations

from cchc.indicators.results import GroupScore, ResultRow
from cchc.indicators.scoring import Measure
from cchc.plans.measure_indicator import figure, indicator_codes


def test_total_group_points_and_a_rate() -> None:
    row = ResultRow(
        "2026-H1",
        "P",
        "Tỉnh",
        {"766.2a": Measure("766.2a", "ratio", 49, 50, 0.98)},
        [GroupScore(2, "Tiến độ", 20, 19.6, 20), GroupScore(3, "Số hóa", 22, None, 0)],
        total=71.5,
    )
    assert figure(row, "766.total") == 71.5
    assert figure(row, "766.g2") == 19.6
    assert figure(row, "766.g3") is None
    assert figure(row, "766.2a") == 98.0
    assert figure(row, "766.4c") is None


def test_known_codes() -> None:
    codes = indicator_codes()
    assert {"766.total", "766.g1", "766.g5", "766.2a", "op.late"} <= set(codes)
    assert "766.g6" not in codes
