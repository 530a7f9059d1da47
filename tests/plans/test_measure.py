"""What a target measures at each review (cchc.plans.measure), on the hand-worked province of
tests/plans/actual_world.py; every expected figure is restated from the dossiers there."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from cchc.plans import changes
from cchc.plans.indices_figures import province_key
from cchc.plans.measure import latest, point_json, review_dates, series
from cchc.plans.models_indices import IndexResult
from cchc.plans.models_plans import Plan, Target, TargetReview
from cchc.plans.review_rules import half_year_ends, review_days
from tests.plans.actual_world import NAMES, TODAY, build_world

D = dt.date


def test_half_year_ends_are_30_june_and_31_december_both_ends_included() -> None:
    assert half_year_ends(D(2024, 12, 31), D(2025, 12, 31)) == [
        D(2024, 12, 31),
        D(2025, 6, 30),
        D(2025, 12, 31),
    ]
    assert half_year_ends(D(2025, 1, 1), D(2025, 6, 29)) == []


def test_review_days_add_the_day_asked_for_a_measured_indicator_once() -> None:
    assert review_days(D(2024, 12, 31), D(2025, 8, 15), True) == [
        D(2024, 12, 31),
        D(2025, 6, 30),
        D(2025, 8, 15),
    ]
    assert review_days(D(2024, 12, 31), D(2025, 8, 15), False) == [D(2024, 12, 31), D(2025, 6, 30)]
    assert review_days(D(2025, 1, 1), D(2025, 6, 30), True) == [D(2025, 6, 30)]  # not twice
    assert review_days(D(2025, 1, 1), D(2024, 6, 30), True) == []


@pytest.fixture
def world(db: None) -> Plan:
    plan, _ = build_world()
    return plan


def _target(plan: Plan, code: str) -> Target:
    return Target.objects.select_related("plan", "unit").get(plan=plan, code=code)


def _values(points: list[Any]) -> list[tuple[dt.date, float]]:
    return [(p.day, round(p.value, 6)) for p in points]


@pytest.mark.django_db(transaction=True)
def test_an_indicator_target_reads_each_half_year_and_the_half_year_to_date(world: Plan) -> None:
    t1 = _target(world, "T1")
    # from the baseline (31/12/2024) to today; the target date (31/12/2025) is later
    assert review_dates(t1, TODAY) == [D(2024, 12, 31), D(2025, 6, 30), TODAY]
    points = series(t1, TODAY)
    # 2024-H2 has no dossier (no reading); 2025-H1: 18 of 20 on time; to 15/08: 7 of 10
    assert _values(points) == [(D(2025, 6, 30), 100 * 18 / 20), (TODAY, 100 * 7 / 10)]
    assert [p.origin for p in points] == ["measured", "measured"]
    assert points[0].source == "cchc, 6 tháng đầu năm 2025"
    assert points[1].source == "cchc, 6 tháng cuối năm 2025 (đến ngày 15/08/2025)"
    assert points[1].period_label == "2025-H2"


@pytest.mark.django_db(transaction=True)
def test_a_unit_target_reads_that_unit_and_the_total_reads_the_766_points(world: Plan) -> None:
    # unit A alone: 8 of 10, then 3 of 5
    assert _values(series(_target(world, "T2"), TODAY)) == [
        (D(2025, 6, 30), 80.0),
        (TODAY, 60.0),
    ]
    # the province's total points: 50 − 20 × late / n (actual_world.py)
    assert _values(series(_target(world, "T3"), TODAY)) == [
        (D(2025, 6, 30), 50 - 20 * 2 / 20),
        (TODAY, 50 - 20 * 3 / 10),
    ]


@pytest.mark.django_db(transaction=True)
def test_a_review_entered_on_a_date_is_the_official_reading(world: Plan) -> None:
    t1 = _target(world, "T1")
    review = TargetReview(
        target=t1, review_date=D(2025, 6, 30), value=91.5, source="Báo cáo 6 tháng"
    )
    changes.create(None, review)
    points = series(t1, TODAY)
    assert _values(points) == [(D(2025, 6, 30), 91.5), (TODAY, 70.0)]
    assert (points[0].origin, points[0].source) == ("review", "Báo cáo 6 tháng")
    point = latest(t1, TODAY)
    assert point is not None and point_json(point) == {
        "date": "2025-08-15",
        "value": 70.0,
        "source": "cchc, 6 tháng cuối năm 2025 (đến ngày 15/08/2025)",
        "origin": "measured",
    }
    changes.create(None, TargetReview(target=t1, review_date=TODAY, value=71.0, source="Họp"))
    point = latest(t1, TODAY)
    assert point is not None and (point.value, point.origin) == (71.0, "review")


def _papi(year: int, value: str, rank: int) -> IndexResult:
    return IndexResult(
        index="PAPI",
        year=year,
        province=NAMES["PROV"],
        province_key=province_key(NAMES["PROV"]),
        level="dimension",
        code="D5",
        name="Thủ tục hành chính công",
        value=Decimal(value),
        rank=rank,
        rank_of=63,
        source=f"Báo cáo PAPI {year}",
        origin="read",
    )


@pytest.mark.django_db(transaction=True)
def test_an_external_target_reads_the_published_results_at_31_december(
    world: Plan, settings: Any
) -> None:
    settings.PROVINCE = NAMES["PROV"]
    IndexResult.objects.bulk_create(
        [_papi(2021, "6.4", 40), _papi(2022, "6.5", 35), _papi(2023, "6.8", 20),
         _papi(2024, "6.9", 12), _papi(2025, "7.2", 5)]
    )  # fmt: skip
    t4 = _target(world, "T4")
    # from the baseline (31/12/2022) to today (15/08/2025): 2021 is before, 2025 not yet out
    assert review_dates(t4, TODAY) == [
        D(2022, 12, 31), D(2023, 6, 30), D(2023, 12, 31), D(2024, 6, 30), D(2024, 12, 31),
        D(2025, 6, 30),
    ]  # fmt: skip
    points = series(t4, TODAY)
    assert _values(points) == [
        (D(2022, 12, 31), 6.5),
        (D(2023, 12, 31), 6.8),
        (D(2024, 12, 31), 6.9),
    ]
    assert [p.source for p in points] == [
        "Báo cáo PAPI 2022",
        "Báo cáo PAPI 2023",
        "Báo cáo PAPI 2024",
    ]
    assert {p.origin for p in points} == {"published"}
    changes.create(None, TargetReview(target=t4, review_date=D(2023, 12, 31), value=6.85))
    assert _values(series(t4, TODAY))[1] == (D(2023, 12, 31), 6.85)
    changes.update(None, t4, {"measure": "rank", "direction": "down"})
    assert [p.value for p in series(t4, TODAY)] == [35, 6.85, 12]  # the review still wins


@pytest.mark.django_db(transaction=True)
def test_a_target_without_any_reading_has_no_latest(world: Plan) -> None:
    t4 = _target(world, "T4")
    assert series(t4, TODAY) == []
    assert latest(t4, TODAY) is None
