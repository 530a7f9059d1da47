"""A unit head's overview: "Nhiệm vụ kế hoạch của đơn vị" lists the open tasks led by the unit
or a unit under it, overdue first, then by deadline; the count beside "Kế hoạch" is of the
overdue ones. Other roles get no section."""

from __future__ import annotations

import datetime as dt
import re

from django.test import Client

from cchc.plans.models_plans import TaskStatus
from tests.plans.pages_world import TODAY, PlanWorld


def home(world: PlanWorld, persona: str) -> str:
    c = Client()
    c.force_login(world.web.users[persona])
    return c.get("/").content.decode()


def test_the_chairman_sees_his_communes_open_tasks_overdue_first(world: PlanWorld) -> None:
    page = home(world, "chair_x011")
    assert "Nhiệm vụ kế hoạch của đơn vị" in page
    section = page.split('id="plans-home-title"')[1].split("</section>")[0]
    # X011 leads 1.1 (overdue since 31/03/2023: 76 days) and 3 (31/01/2023: 135 days); the
    # older deadline comes first. Task 2 (X011 co-operates only) is not his.
    links = re.findall(r"/ke-hoach/nhiem-vu/(\d+)/", section)
    assert links == [str(world.tasks["3"].pk), str(world.tasks["1.1"].pk)]
    assert "Quá hạn 135 ngày" in section and "Quá hạn 76 ngày" in section
    assert '<a href="/ke-hoach/">Kế hoạch (2)</a>' in page


def test_the_district_head_sees_the_tasks_of_the_district_and_its_communes(
    world: PlanWorld,
) -> None:
    world.tasks["3"].status = TaskStatus.DONE
    world.tasks["3"].save()
    section = home(world, "district_head").split('id="plans-home-title"')[1].split("</section>")[0]
    links = re.findall(r"/ke-hoach/nhiem-vu/(\d+)/", section)
    # 1.1 overdue; then by deadline: 1 (H01, 30/09/2023, moved to Monday 02/10/2023) and 1.2
    # (X012, 30/09/2023 → 02/10/2023), by id when equal.
    assert links == [str(world.tasks[c].pk) for c in ("1.1", "1", "1.2")]


def test_other_roles_get_no_section(world: PlanWorld) -> None:
    for persona in ("officer", "steering", "inspector"):
        page = home(world, persona)
        assert "Nhiệm vụ kế hoạch của đơn vị" not in page
        assert 'href="/ke-hoach/">Kế hoạch</a>' in page


def test_an_ended_plan_leaves_the_unit_heads_overview(world: PlanWorld) -> None:
    # The plan ran to 31/12/2023; seen on TODAY (15/06/2023) it is running. Ended on 14/06:
    # its unfinished tasks are the officer's to close at the final review, not the chairman's.
    world.plan.period_end = TODAY - dt.timedelta(days=1)
    world.plan.save()
    page = home(world, "chair_x011")
    assert "Đơn vị không có nhiệm vụ kế hoạch nào đang mở." in page
    assert "/ke-hoach/nhiem-vu/" not in page
    assert '<a href="/ke-hoach/">Kế hoạch</a>' in page
