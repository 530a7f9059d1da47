"""The period picker in a real browser on a 390 px phone: a steering-committee member picks
"6 tháng gần nhất" on Saturday 05/12/2026 (today fixed, tests/web/running_world.py) and sees the
running period compared with last year up to the same day."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cchc.core import clock
from tests.browser.login import login
from tests.web.running_world import TODAY, build_running_world

pytestmark = pytest.mark.browser


@pytest.fixture
def live_running(transactional_db: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)  # the live server runs in this process
    build_running_world()


def test_a_period_picked_on_a_phone(
    live_server: Any, live_running: None, page: Any, screenshots: Path
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    base = live_server.url
    login(page, base, "bancd")
    picker = page.locator("#f-period")
    assert picker.input_value() == "2026-H1"  # the default: the last half-year that has ended
    assert page.locator(".period-spoken strong").inner_text().startswith("6 tháng đầu năm 2026")
    box = page.locator("form.period-form").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390  # the form fits the phone

    picker.select_option(label="6 tháng gần nhất")
    page.click("form.period-form button[type=submit]")
    page.wait_for_url("**period=last-6m**")
    assert page.locator("#f-period").input_value() == "last-6m"
    spoken = page.locator(".period-spoken strong").inner_text()
    assert spoken == "6 tháng gần nhất (01/07/2026 – 31/12/2026)"
    # A, B, C this year; D, E, G up to 05/12/2025 (F and H came later): 3 against 3
    assert page.locator(".kpi .value").first.inner_text() == "3"
    compare = page.locator(".kpi .compare").first.inner_text()
    assert compare.startswith("Cùng kỳ năm trước (đến ngày 05/12/2025): 3 ")
    assert page.get_by_text("12/2026 (đến 05/12)").first.is_visible()
    page.screenshot(path=str(screenshots / "period-picker-phone.png"), full_page=True)
    assert page.console_errors == []
