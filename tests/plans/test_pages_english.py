"""The plan pages in English: headings, states and recurrences translated (the names people
typed stay as typed)."""

from __future__ import annotations

from django.conf import settings
from django.test import Client

from tests.plans.pages_world import PlanWorld


def test_the_plan_and_task_pages_speak_english(world: PlanWorld) -> None:
    c = Client()
    c.force_login(world.web.users["officer"])
    c.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    plan = c.get(f"/ke-hoach/{world.plan.pk}/").content.decode()
    assert "In progress" in plan and "Not started" in plan and "Monthly" in plan
    assert "Đang thực hiện" not in plan and "Không lặp lại" not in plan
    task = c.get(f"/ke-hoach/nhiem-vu/{world.tasks['1.1'].pk}/").content.decode()
    assert "<h1>Task 1.1. Niêm yết thủ tục tại xã</h1>" in task
    target = c.get(f"/ke-hoach/{world.plan.pk}/chi-tieu/{world.target.pk}/").content.decode()
    assert "<h1>Target CT1." in target and "Plan: Nâng cao chỉ số PAPI 2023" in target
