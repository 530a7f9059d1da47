"""A target of an improvement plan against actual, in a real browser, as two personas: the
reform officer reads the chart, the readings against the straight path, the units holding the
province back and the late task; the head of commune B reads the same province figures but only
his commune among the units. The page fits 390 px and 1366 px with no serious or critical
axe-core violation (tests/plans/actual_world.py has the figures)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cchc.core import clock
from cchc.plans.models_plans import Target
from tests.browser.axe import fits_and_passes_axe
from tests.browser.login import login
from tests.plans.actual_world import TODAY, build_world
from tests.web.world import PASSWORD

pytestmark = pytest.mark.browser


def test_the_officer_and_a_unit_head_read_a_target_against_actual(
    live_server: Any,
    transactional_db: None,
    page: Any,
    screenshots: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    plan, _ = build_world(PASSWORD)
    target = Target.objects.get(plan=plan, code="T1")
    url = f"{live_server.url}/ke-hoach/{plan.pk}/chi-tieu/{target.pk}/"
    login(page, live_server.url, "officer")
    page.goto(url)
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Chỉ tiêu T1. Hồ sơ đúng hạn toàn tỉnh"
    )
    assert page.get_by_role("img", name="Giá trị đo được so với lộ trình thẳng").is_visible()
    units = page.locator("#don-vi ~ div tbody tr")
    assert units.count() == 2
    assert "Sở Tư pháp" in units.first.inner_text() and "66,7%" in units.first.inner_text()
    units.first.get_by_role("link", name="5").click()
    page.wait_for_url("**/ho-so/?period=2025-H2*unit=A*")
    page.goto(url)
    tasks = page.locator("#nhiem-vu ~ div tbody tr")
    assert "Quá hạn" in tasks.first.inner_text()
    fits_and_passes_axe(page, "target page", screenshots, "ke-hoach-chi-tieu")
    login(page, live_server.url, "head_b")
    page.goto(url)
    assert page.locator("#don-vi ~ div tbody tr").all_inner_texts()[0].startswith("Xã Long Hải")
    assert page.locator("#don-vi ~ div tbody tr").count() == 1
    assert page.console_errors == []
