"""The external indices page in a real browser: the steering committee opens "Chỉ số" from the
navigation and reads the province's PAPI position, trend and chart; the page fits a 390 px
telephone and a 1366 px desktop without sideways scrolling (wide tables scroll inside their own
box), with no serious or critical axe-core violation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cchc.plans.indices_shipped import load_shipped_indices
from tests.browser.axe import fits_and_passes_axe
from tests.browser.login import login
from tests.web.world import World

pytestmark = pytest.mark.browser


def test_the_steering_committee_reads_the_papi_position_and_trend(
    live_server: Any, live_world: World, page: Any, screenshots: Path
) -> None:
    load_shipped_indices()
    login(page, live_server.url, "steering")
    page.get_by_role("link", name="Chỉ số", exact=True).click()
    page.wait_for_url(f"{live_server.url}/chi-so/ben-ngoai/")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Chỉ số bên ngoài · Bà Rịa – Vũng Tàu"
    )
    total = page.locator("#vi-tri ~ div tbody tr").first
    assert "44,5746" in total.inner_text() and "9/61" in total.inner_text()
    assert page.get_by_role("img", name="Điểm PAPI tổng hợp theo năm").is_visible()
    fits_and_passes_axe(page, "/chi-so/ben-ngoai/", screenshots, "chi-so-ben-ngoai")
    assert page.console_errors == []
