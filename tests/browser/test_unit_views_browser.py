"""The unit view toggle in a real browser: the head of Xã Long Điền (a commune since 01/07/2025)
switches his unit page between "as was" and "as is", keeps the view when he changes the period,
and follows the link from a period before his unit existed to a predecessor's page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.login import login
from tests.web.lineage_world import WARD, LineageWorld, build_lineage_world

pytestmark = pytest.mark.browser

AS_WAS = "Đơn vị như khi đó"
AS_IS = "Đơn vị hiện nay, gộp đơn vị tiền thân"


@pytest.fixture
def live_lineage(transactional_db: None) -> LineageWorld:
    return build_lineage_world()


def _statement(page: Any) -> str:
    return str(page.locator(".view-statement strong").inner_text())


def test_the_unit_page_switches_views_and_states_the_one_shown(
    live_server: Any, live_lineage: LineageWorld, page: Any, screenshots: Path
) -> None:
    base = live_server.url
    login(page, base, "ward_head")
    page.goto(f"{base}/don-vi/{WARD}/?period=2026-H1")
    assert _statement(page) == AS_WAS
    assert page.locator(".view-choice.current").inner_text() == AS_WAS
    # last year: Tam An 5 + Thị trấn Long Điền 2, rolled up and said so
    assert page.locator(".kpi .compare").first.inner_text().startswith("Cùng kỳ năm trước: 7 ")
    assert page.locator("p.rolled-up").is_visible()

    page.click(f".view-toggle >> text={AS_IS}")
    page.wait_for_url("**view=as-is**")
    assert _statement(page) == AS_IS
    assert page.locator(".view-choice.current").get_attribute("aria-current") == "true"
    assert page.locator(".view-choice.current").inner_text() == AS_IS
    page.screenshot(path=str(screenshots / "unit-as-is.png"), full_page=True)

    # a new period keeps the view: 2023, before the commune existed, its predecessors rolled up
    page.select_option("#f-period", "2023-H1")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**period=2023-H1**")
    assert "view=as-is" in page.url and _statement(page) == AS_IS
    assert page.get_by_text("Gồm cả số liệu của các đơn vị tiền thân").is_visible()
    # An Nhứt 3; the district's own 2 roll onto the city (split among many wards: docs/units.md)
    assert page.locator(".kpi .value").first.inner_text() == "3"

    # as was, the commune did not exist then: said so, with its predecessors' pages
    page.click(f".view-toggle >> text={AS_WAS}")
    page.wait_for_url("**view=as-was**")
    assert page.get_by_text("Đơn vị chưa tồn tại trong kỳ này").is_visible()
    assert page.locator(".kpi").count() == 0
    page.click("a.related-unit >> text=Xã An Nhứt")
    page.wait_for_url("**/don-vi/vn63-26671/**")
    assert page.get_by_role("heading", name="Xã An Nhứt · 6 tháng đầu năm 2023").is_visible()
    assert page.locator(".kpi .value").first.inner_text() == "3"
    assert page.console_errors == []
