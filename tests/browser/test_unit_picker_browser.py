"""The unit picker on a 390 px phone: the inspector types part of a commune's name without
diacritics into the plan form, picks it by keyboard, a second unit by its code with a tap, and
saves the plan."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cchc.inspections.models import PlanRun
from tests.browser.login import login
from tests.web.world import World

pytestmark = pytest.mark.browser
LABEL = "Xã Một Một — Huyện Một, từ 01/01/2020"


def test_pick_a_unit_by_name_and_plan(
    live_server: Any, live_world: World, page: Any, screenshots: Path
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, live_server.url, "inspector")
    page.goto(f"{live_server.url}/kiem-tra/ke-hoach/")
    page.select_option("#f-period", "2024-H1")
    options = page.locator("#p-units option")
    assert options.filter(has_text="xa mot mot · mã X011").count() == 1
    assert options.evaluate_all("os => os.map(o => o.value)").count(LABEL) == 1

    picker = page.locator("#p-periodic")
    picker.focus()
    picker.press_sequentially("mot mot")  # no diacritics
    listbox = page.get_by_role("listbox")
    assert listbox.is_visible()
    assert listbox.get_by_role("option").all_inner_texts() == [f"{LABEL}\nxa mot mot · mã X011"]
    picker.press("ArrowDown")
    assert picker.get_attribute("aria-activedescendant") == "p-periodic-listbox-0"
    picker.press("Enter")  # picks; does not submit the form
    assert picker.input_value() == LABEL and not listbox.is_visible()
    assert "/ke-hoach/" in page.url and PlanRun.objects.count() == 0
    page.locator("#p-periodic-1").press_sequentially("X012")  # or a code
    page.get_by_role("option", name="Xã Một Hai").click()
    assert page.locator("#p-periodic-1").input_value().startswith("Xã Một Hai — Huyện Một")
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= 390, f"the form is {width} px wide on a 390 px phone"
    page.screenshot(path=str(screenshots / "unit-picker-390.png"), full_page=True)

    page.fill("#p-seed", "42")
    page.locator("#p-seed").press("Enter")
    page.wait_for_url("**/kiem-tra/ke-hoach/*/")
    run = PlanRun.objects.latest("pk")
    assert [p.unit_code for p in run.picks.filter(kind="periodic")] == ["X011", "X012"]
    assert page.get_by_text("Theo kế hoạch kiểm tra định kỳ").count() == 2
    assert page.console_errors == []
