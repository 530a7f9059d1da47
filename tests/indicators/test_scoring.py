"""Threshold scoring, Wilson intervals and rate measures on hand-computed cases."""

from __future__ import annotations

import math

import pytest

from cchc.indicators.scoring import points, ratio_measure, wilson_interval


def test_full_points_at_or_above_the_threshold() -> None:
    assert points(6, 0.5, 0.5) == 6
    assert points(6, 0.9, 0.5) == 6


def test_points_are_proportional_below_the_threshold() -> None:
    # 4c: 30% online against a 50% threshold earns 6 × 0.3/0.5 = 3.6
    assert points(6, 0.3, 0.5) == pytest.approx(3.6)
    # 2a: 95% on time against 100% earns 19 of 20
    assert points(20, 0.95, 1.0) == pytest.approx(19.0)


def test_no_data_gives_no_points_not_zero() -> None:
    assert points(6, None, 0.9) is None


def test_wilson_interval_matches_a_worked_case() -> None:
    # 81 of 263 (Wilson 1927 textbook example, as in Agresti & Coull 1998): 0.2553–0.3662
    low, high = wilson_interval(81, 263) or (0, 0)
    assert low == pytest.approx(0.2553, abs=1e-4)
    assert high == pytest.approx(0.3662, abs=1e-4)


def test_wilson_interval_stays_inside_zero_one_at_the_edges() -> None:
    low, high = wilson_interval(0, 10) or (1, 1)
    assert low == 0.0
    assert high == pytest.approx(0.2775, abs=1e-4)
    low, high = wilson_interval(10, 10) or (0, 0)
    assert high == 1.0
    assert low == pytest.approx(0.7225, abs=1e-4)


def test_wilson_interval_of_nothing_is_none_and_bad_counts_raise() -> None:
    assert wilson_interval(0, 0) is None
    with pytest.raises(ValueError):
        wilson_interval(5, 3)


def test_complement_rate_counts_the_good_dossiers() -> None:
    m = ratio_measure("766.2a", 3, 40, max_points=20, threshold=1.0, complement=True)
    assert (m.numerator, m.denominator) == (37, 40)
    assert m.value == pytest.approx(0.925)
    assert m.points == pytest.approx(18.5)
    assert m.lost_points == pytest.approx(1.5)
    assert m.low is not None and m.high is not None and m.low < 0.925 < m.high


def test_a_field_the_source_never_states_is_no_data() -> None:
    m = ratio_measure("766.3b", 0, 50, known=0, max_points=8, threshold=0.8)
    assert m.no_data and m.value is None and m.points is None
    assert not math.isnan(m.max_points)
