"""The plan tasks answering a finding, in a real browser (issue #14): the reform officer opens the
inspection of commune X011 and finds, under its finding, the plan task that cites it and the link
to create another; the commune's chairman sees the task, and no such link. axe-core finds no
serious or critical violation on the page for either, at 390 and 1280 px."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from cchc.inspections.models import Finding, Inspection
from cchc.plans import changes
from cchc.plans.models_plans import Plan, Task
from tests.browser.axe import axe_failures
from tests.browser.login import login
from tests.web.world import World

pytestmark = pytest.mark.browser
CREATE = "Tạo nhiệm vụ trong kế hoạch"


def test_the_officer_and_the_chairman_see_the_task_answering_a_finding(
    live_server: Any, live_world: World, page: Any, screenshots: Path
) -> None:
    base = live_server.url
    visit = Inspection.objects.get(unit=live_world.commune11)
    finding = Finding.objects.create(
        inspection=visit, category="online_services", severity="correction",
        description="Tỷ lệ hồ sơ nộp trực tuyến thấp",
    )  # fmt: skip
    plan = Plan(
        name="Kế hoạch cải thiện năm 2025",
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31),
        owner_unit=live_world.province,
    )
    changes.create(None, plan)
    task = Task(
        plan=plan, code="1.1", name="Hướng dẫn người dân nộp hồ sơ trực tuyến",
        lead_unit=live_world.commune11, deadline=dt.date(2025, 6, 30), finding=finding,
    )  # fmt: skip
    changes.create(None, task)
    block = page.locator(f"#tt-{finding.pk} .finding-links")

    login(page, base, "officer")
    page.goto(f"{base}/kiem-tra/{visit.pk}/")
    assert "Nhiệm vụ kế hoạch" in block.inner_text()
    link = block.get_by_role("link", name="1.1. Hướng dẫn người dân nộp hồ sơ trực tuyến")
    assert link.get_attribute("href") == f"/ke-hoach/nhiem-vu/{task.pk}/"
    assert "hạn 30/06/2025" in block.inner_text()
    create = block.get_by_role("link", name=CREATE)
    assert create.get_attribute("href") == f"/ke-hoach/nhiem-vu/moi/?finding={finding.pk}"
    failures = axe_failures(page, "kiểm tra, nhiệm vụ kế hoạch (officer)")
    page.set_viewport_size({"width": 390, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth <= 390 + 1")
    page.set_viewport_size({"width": 1366, "height": 800})
    page.screenshot(path=str(screenshots / "finding-plan-tasks.png"), full_page=True)

    login(page, base, "chair_x011")
    page.goto(f"{base}/kiem-tra/{visit.pk}/")
    assert block.get_by_role("link", name="1.1. Hướng dẫn người dân nộp hồ sơ trực tuyến").count()
    assert block.get_by_role("link", name=CREATE).count() == 0
    failures += axe_failures(page, "kiểm tra, nhiệm vụ kế hoạch (chair_x011)")
    assert not page.console_errors, page.console_errors
    report = "\n".join(failures)
    assert not failures, "axe-core (serious/critical):\n" + report
