"""The straight path from baseline to target, restated: expected(day) = start value + (end value −
start value) × days elapsed / days in the path; on track when at or beyond it."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc.plans.trajectory import Path

D = dt.date


def test_a_score_path() -> None:
    path = Path(D(2022, 12, 31), 41.99, D(2024, 12, 31), 45.0)
    assert path.expected(D(2023, 12, 31)) == pytest.approx(41.99 + 3.01 * 365 / 731)
    assert path.expected(D(2022, 1, 1)) == 41.99
    assert path.expected(D(2025, 6, 30)) == 45.0
    assert path.on_track(D(2023, 12, 31), 44.57)
    assert not path.on_track(D(2023, 12, 31), 43.0)
    assert not path.met(44.57)
    assert path.gap(44.57) == pytest.approx(0.43)


def test_a_rank_path_where_lower_is_better() -> None:
    path = Path(D(2022, 12, 31), 34, D(2024, 12, 31), 10, lower_is_better=True)
    assert path.expected(D(2023, 12, 31)) == pytest.approx(34 - 24 * 365 / 731)
    assert path.on_track(D(2023, 12, 31), 9)
    assert path.met(9)
    assert path.gap(12) == 2
