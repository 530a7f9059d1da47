"""The survey rules on hand-worked numbers (the formulas restated here, not taken from the code)."""

from __future__ import annotations

import math

import pytest

from cchc.citizens.survey_rules import allocate, count_satisfied, sample_size, satisfaction


def wilson_by_hand(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """Wilson score interval: (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n)."""
    p = k / n
    centre = p + z * z / (2 * n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (centre - half) / (1 + z * z / n), (centre + half) / (1 + z * z / n)


def test_the_share_satisfied_is_fours_and_fives_among_the_answered() -> None:
    # 1, 2, 3, 4, 5, 5, blank: six answered, three of them 4 or 5.
    assert count_satisfied([1, 2, 3, 4, 5, 5, None]) == (6, 3)


def test_wilson_interval_of_8_out_of_10() -> None:
    # p = 0.8, n = 10, z = 1.96: z² = 3.8416; centre = 0.8 + 0.19208 = 0.99208;
    # half = 1.96·√(0.016 + 0.009604) = 1.96·0.160012 = 0.313623; divide by 1.38416:
    # low = 0.678457/1.38416 = 0.4902, high = 1.305703/1.38416 = 0.9433.
    result = satisfaction(10, 8)
    assert result.share == 0.8
    assert result.low == pytest.approx(0.4902, abs=1e-4)
    assert result.high == pytest.approx(0.9433, abs=1e-4)
    low, high = wilson_by_hand(8, 10)
    assert result.low == pytest.approx(low) and result.high == pytest.approx(high)


def test_wilson_interval_of_45_out_of_60() -> None:
    # p = 0.75, n = 60: centre = 0.75 + 3.8416/120 = 0.782013; half = 1.96·√(0.1875/60 +
    # 3.8416/14400) = 1.96·0.058239 = 0.114148; divide by 1 + 3.8416/60 = 1.064027:
    # low = 0.667865/1.064027 = 0.6277, high = 0.896162/1.064027 = 0.8422.
    low, high = wilson_by_hand(45, 60)
    result = satisfaction(60, 45)
    assert result.low == pytest.approx(low) and result.high == pytest.approx(high)
    assert result.low == pytest.approx(0.6277, abs=1e-4)
    assert result.high == pytest.approx(0.8422, abs=1e-4)


def test_no_answers_gives_no_share() -> None:
    result = satisfaction(0, 0)
    assert result.share is None and result.low is None and result.high is None


def test_sample_size_is_n_over_one_plus_n_e_squared_rounded_up() -> None:
    # n = ceil(N / (1 + N·e²)): N = 400, e = 0.05 → 400 / 2 = 200;
    # N = 1000 → 1000 / 3.5 = 285.7 → 286; N = 50 → 50 / 1.125 = 44.4 → 45.
    assert sample_size(400, 0.05) == 200
    assert sample_size(1000, 0.05) == 286
    assert sample_size(50, 0.05) == 45
    # e = 0.1, N = 120: 120 / 2.2 = 54.5 → 55
    assert sample_size(120, 0.1) == 55
    assert sample_size(0, 0.05) == 0


def test_allocation_is_proportional_with_largest_remainders() -> None:
    # n = 10 over 50, 30, 20 (N = 100): quotas 5, 3, 2 exactly.
    assert allocate({"A": 50, "B": 30, "C": 20}, 10) == {"A": 5, "B": 3, "C": 2}
    # n = 7 over 5, 3, 2: quotas 3.5, 2.1, 1.4 → floors 3, 2, 1 (6); the one left goes to the
    # largest remainder, A (0.5).
    assert allocate({"A": 5, "B": 3, "C": 2}, 7) == {"A": 4, "B": 2, "C": 1}
    # n = 2 over 1, 1, 1: quotas 2/3 each, floors 0; ties go to the key order: A, B.
    assert allocate({"A": 1, "B": 1, "C": 1}, 2) == {"A": 1, "B": 1, "C": 0}
