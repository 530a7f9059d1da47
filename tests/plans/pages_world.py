"""The plan pages' test world: the web world's units and personas (tests/web/world.py) and one
plan of the province, seen on TODAY (15/06/2023).

Plan "Nâng cao chỉ số PAPI 2023" (01/01/2023 – 31/12/2023), one target (PAPI D5 from 7.0 to 7.5,
reviewed 7.2 on 31/03/2023) and its tasks:
- "1" led by district H01, weight 3, with two sub-tasks: "1.1" led by commune X011 (40 %,
  deadline 31/03/2023: overdue 76 days on TODAY) and "1.2" led by commune X012 (0 %, deadline
  30/09/2023);
- "2" led by commune X021 (district H02), weight 1, not started, deadline 30/09/2023;
- "3" led by commune X011, monthly from 31/01/2023, no occurrence done yet.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from cchc.core import clock
from cchc.plans.models_plans import Plan, Target, TargetReview, Task, TaskStatus
from tests.web.world import World, build_world

TODAY = dt.date(2023, 6, 15)


@dataclass
class PlanWorld:
    web: World
    plan: Plan
    target: Target
    tasks: dict[str, Task]


def build_plan_world(web: World) -> PlanWorld:
    plan = Plan.objects.create(
        name="Nâng cao chỉ số PAPI 2023",
        decision_number="1732/QĐ-UBND",
        decision_date=dt.date(2023, 1, 10),
        period_start=dt.date(2023, 1, 1),
        period_end=dt.date(2023, 12, 31),
        owner_unit=web.province,
    )
    target = Target.objects.create(
        plan=plan, code="CT1", name="Thủ tục hành chính công (PAPI nội dung 5)",
        kind="external", index_name="PAPI", index_code="D5", baseline_value=7.0,
        baseline_date=dt.date(2022, 12, 31), target_value=7.5, target_date=dt.date(2023, 12, 31),
    )  # fmt: skip
    TargetReview.objects.create(target=target, review_date=dt.date(2023, 3, 31), value=7.2)
    one = Task.objects.create(
        plan=plan, target=target, code="1", name="Rà soát quy trình một cửa",
        lead_unit=web.district1, deadline=dt.date(2023, 9, 30), weight=3, order=1,
    )  # fmt: skip
    tasks = {
        "1": one,
        "1.1": Task.objects.create(
            plan=plan, target=target, parent=one, code="1.1", name="Niêm yết thủ tục tại xã",
            lead_unit=web.commune11, deadline=dt.date(2023, 3, 31), progress=40,
            status=TaskStatus.IN_PROGRESS, order=2,
        ),
        "1.2": Task.objects.create(
            plan=plan, target=target, parent=one, code="1.2", name="Bố trí máy tra cứu",
            lead_unit=web.commune12, deadline=dt.date(2023, 9, 30), order=3,
        ),
        "2": Task.objects.create(
            plan=plan, target=target, code="2", name="Khảo sát hài lòng tại xã",
            lead_unit=web.commune21, deadline=dt.date(2023, 9, 30), order=4,
        ),
        "3": Task.objects.create(
            plan=plan, code="3", name="Báo cáo tình hình giải quyết hồ sơ",
            lead_unit=web.commune11, deadline=dt.date(2023, 1, 31), recurrence="monthly", order=5,
        ),
    }  # fmt: skip
    tasks["2"].co_units.set([web.commune11])
    return PlanWorld(web, plan, target, tasks)


@pytest.fixture
def world(db: None, monkeypatch: pytest.MonkeyPatch) -> PlanWorld:
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    return build_plan_world(build_world())
