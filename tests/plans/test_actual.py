"""Plan against actual for one target (cchc.plans.actual): the straight path, on track or not,
the units holding it back, the tasks behind it. Figures worked by hand from
tests/plans/actual_world.py."""

from __future__ import annotations

import datetime as dt
import math
from fractions import Fraction

import pytest

from cchc.plans.actual import straight_path, target_actual
from cchc.plans.actual_chart import chart
from cchc.plans.holdback_rules import items_short, points_short, rate_of, shares
from cchc.plans.measure import Point
from cchc.plans.models_plans import Plan, Target
from cchc.plans.trajectory import Path
from tests.plans.actual_world import TODAY, build_world

D = dt.date


def test_a_unit_short_of_a_rate_needs_the_items_up_to_the_rate_rounded_up() -> None:
    assert rate_of(98) == Fraction(49, 50)
    assert items_short(3, 5, rate_of(98), False) == 2  # 98 % of 5 = 4.9 → 5 on time; has 3
    assert items_short(98, 100, rate_of(98), False) == 0  # exactly the rate, no float error
    assert items_short(97, 100, rate_of(98), False) == 1
    assert items_short(10, 10, rate_of(98), False) == 0
    # lower is better: a late rate of at most 20 % allows floor(0.2 × 12) = 2 late of 12
    assert items_short(5, 12, rate_of(20), True) == 3
    assert items_short(2, 12, rate_of(20), True) == 0


def test_points_below_the_target_weigh_by_the_units_share_of_dossiers() -> None:
    assert points_short(42, 48, 5, 10) == pytest.approx((48 - 42) * 5 / 10)
    assert points_short(50, 48, 5, 10) == 0
    assert points_short(42, 48, 5, 0) == 0


def test_shares_of_the_shortfall_add_to_one_largest_first() -> None:
    got = shares({"A": 2, "B": 1, "C": 0})
    assert [(s.key, round(s.share, 6)) for s in got] == [
        ("A", round(2 / 3, 6)),
        ("B", round(1 / 3, 6)),
    ]


@pytest.fixture
def world(db: None) -> Plan:
    plan, _ = build_world()
    return plan


def _target(plan: Plan, code: str) -> Target:
    return Target.objects.select_related("plan", "unit").get(plan=plan, code=code)


@pytest.mark.django_db(transaction=True)
def test_the_straight_path_expects_a_share_of_the_way_at_each_reading(world: Plan) -> None:
    got = target_actual(_target(world, "T1"), TODAY)
    # 80 on 31/12/2024 → 98 on 31/12/2025: 365 days; 30/06/2025 is 181 days in, 15/08 227
    first, now = got.readings
    assert first.expected == pytest.approx(80 + 18 * 181 / 365)  # 88.93: 90 is on track
    assert first.on_track is True
    assert now.expected == pytest.approx(80 + 18 * 227 / 365)  # 91.19: 70 is behind
    assert now.on_track is False
    assert got.latest == now
    assert got.met is False and got.gap == pytest.approx(98 - 70)


@pytest.mark.django_db(transaction=True)
def test_units_short_of_the_rate_hold_the_province_back_by_their_items(world: Plan) -> None:
    got = target_actual(_target(world, "T1"), TODAY)
    assert got.holdback_kind == "items"
    assert got.holdback_period is not None and got.holdback_period.label == "2025-H2"
    # to 15/08: A 3 of 5 on time needs ceil(0.98 × 5) − 3 = 2; B 4 of 5 needs 1; shares of 3
    rows = [
        (h.unit_code, h.unit_name, h.numerator, h.denominator, h.shortfall) for h in got.holdbacks
    ]
    assert rows == [("A", "Sở Tư pháp", 3, 5, 2), ("B", "Xã Long Hải", 4, 5, 1)]
    assert [h.share for h in got.holdbacks] == [pytest.approx(2 / 3), pytest.approx(1 / 3)]
    assert got.province_shortfall == math.ceil(0.98 * 10) - 7  # the province: 7 of 10
    only_b = target_actual(_target(world, "T1"), TODAY, visible=lambda code: code == "B")
    assert [(h.unit_code, round(h.share, 6)) for h in only_b.holdbacks] == [("B", round(1 / 3, 6))]


@pytest.mark.django_db(transaction=True)
def test_a_unit_without_units_under_it_has_none_holding_it_back(world: Plan) -> None:
    got = target_actual(_target(world, "T2"), TODAY)  # agency A alone
    assert (got.holdback_kind, got.holdbacks) == ("leaf", [])


@pytest.mark.django_db(transaction=True)
def test_units_below_the_total_points_weigh_by_their_dossiers(world: Plan) -> None:
    got = target_actual(_target(world, "T3"), TODAY)
    assert got.holdback_kind == "points"
    # to 15/08: A 42 points, B 46, 5 dossiers each of 10; target 48
    rows = [
        (h.unit_code, h.value and round(h.value, 6), h.denominator, round(h.shortfall, 6), h.share)
        for h in got.holdbacks
    ]
    assert rows == [
        ("A", 42.0, 5, (48 - 42) * 5 / 10, 3 / 4),
        ("B", 46.0, 5, (48 - 46) * 5 / 10, 1 / 4),
    ]


@pytest.mark.django_db(transaction=True)
def test_an_external_target_has_no_units_and_lists_its_tasks(world: Plan) -> None:
    got = target_actual(_target(world, "T4"), TODAY)
    assert (got.holdback_kind, got.holdbacks, got.readings, got.met) == ("external", [], [], None)
    assert [line.task.code for line in got.tasks] == ["3"]


@pytest.mark.django_db(transaction=True)
def test_the_tasks_behind_a_target_with_their_standing(world: Plan) -> None:
    lines = target_actual(_target(world, "T1"), TODAY).tasks
    # task 1 was due 30/06/2025 and is 40 % done on 15/08: overdue; task 2 is done
    assert [(ln.task.code, ln.progress, ln.overdue) for ln in lines] == [
        ("1", 40, True),
        ("2", 100, False),
    ]


def test_without_a_baseline_the_path_starts_at_the_first_reading() -> None:
    target = Target(direction="up", target_value=98, target_date=D(2025, 12, 31))
    first = Point(D(2025, 6, 30), 90.0, "cchc", "measured")
    path = straight_path(target, [first])
    assert path == Path(D(2025, 6, 30), 90.0, D(2025, 12, 31), 98.0, False)
    assert straight_path(target, []) is None


def test_the_chart_places_days_by_time_and_values_between_low_and_high() -> None:
    path = Path(D(2024, 12, 31), 80.0, D(2025, 12, 31), 98.0)
    drawn = chart(path, [(D(2025, 6, 30), 90.0, True)])
    assert drawn is not None
    # 640 × 220 with 48 px and 28 px margins: 544 px for 365 days, 164 px for 80–98
    assert drawn.path_line == f"48.0,{220 - 28}.0 {640 - 48}.0,28.0"
    dot = drawn.dots[0]
    assert (dot.x, dot.y) == (round(48 + 181 / 365 * 544, 1), round(192 - 10 / 18 * 164, 1))
    assert [t[1] for t in drawn.ticks] == ["31/12/2024", "31/12/2025"]
    assert chart(None, []) is None
