"""Weighted progress, restated: a part counts in proportion to its weight; a stopped task or a
weight of 0 does not count; a task with sub-tasks takes the weighted mean of its sub-tasks."""

from __future__ import annotations

import pytest

from cchc.plans.rollup import Part, overall, rolled, weighted


def test_weighted_mean() -> None:
    assert weighted([(2, 50), (1, 20)]) == pytest.approx((2 * 50 + 20) / 3)
    assert weighted([(0, 100), (1, 20)]) == 20
    assert weighted([]) is None


def test_sub_tasks_roll_up_then_the_plan() -> None:
    parts = [
        Part(1, None, 2, 50),
        Part(2, None, 1, 0),  # own progress ignored: it has sub-tasks
        Part(21, 2, 1, 100),
        Part(22, 2, 3, 0),
        Part(3, None, 5, 90, counted=False),  # stopped
    ]
    values = rolled(parts)
    assert values[2] == pytest.approx(100 / 4)
    assert overall(parts) == pytest.approx((2 * 50 + 1 * 25) / 3)
    assert overall(parts, top=[2]) == pytest.approx(25)


def test_a_stopped_sub_task_leaves_the_others() -> None:
    parts = [Part(2, None, 1, 0), Part(21, 2, 1, 100), Part(22, 2, 3, 0, counted=False)]
    assert rolled(parts)[2] == 100


def test_three_levels() -> None:
    parts = [Part(1, None, 1, 0), Part(11, 1, 1, 0), Part(111, 11, 1, 100), Part(112, 11, 1, 0)]
    parts.append(Part(12, 1, 1, 100))
    assert overall(parts) == pytest.approx((50 + 100) / 2)


def test_nothing_to_count_is_no_progress() -> None:
    assert overall([]) is None
    assert overall([Part(1, None, 1, 40, counted=False)]) is None


def test_a_cycle_is_refused() -> None:
    with pytest.raises(ValueError, match="cha của chính nó"):
        rolled([Part(1, 2, 1, 0), Part(2, 1, 1, 0), Part(3, 1, 1, 0)])
