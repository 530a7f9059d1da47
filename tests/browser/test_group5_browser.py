"""Group 5 in a real browser (issue #13): the reform officer opens a district's scorecard, sees
766.5c scored from its survey answers (4 of 5 rated 4 or 5: 0.8 → 6 × 0.8 / 0.9 ≈ 5.33 points),
follows it to the drill-down and finds the answers listed (response id, date, question, score),
with no serious or critical axe-core violation at 1280 and 390 px."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from cchc.citizens.models_surveys import SurveyResponse
from tests.browser.axe import axe_failures
from tests.browser.login import login
from tests.web.world import World

pytestmark = pytest.mark.browser


def test_the_officer_follows_5c_to_the_survey_answers(
    live_server: Any, live_world: World, page: Any, screenshots: Path
) -> None:
    SurveyResponse.objects.bulk_create(
        SurveyResponse(
            response_id=f"KS-{n}", unit_code="H01", answered_on=dt.date(2024, 3, n), overall=score
        )
        for n, score in enumerate([5, 4, 4, 2, 5], 1)
    )
    base = live_server.url
    login(page, base, "officer")
    page.goto(f"{base}/chi-so/don-vi/H01/?period=2024")
    link = page.get_by_role("link", name="766.5c Mức độ hài lòng trong giải quyết hồ sơ")
    row = page.locator("tr", has=link)
    assert "5,33" in row.inner_text()
    failures = axe_failures(page, "phiếu điểm có nhóm 5 (officer)")
    link.click()
    page.wait_for_url("**/chi-so/don-vi/H01/766.5c/**")
    assert page.get_by_text("Tử số: 4 mục · Mẫu số: 5 mục").is_visible()
    answer = page.locator("tr", has_text="KS-4")
    assert "04/03/2024" in answer.inner_text() and "hài lòng chung" in answer.inner_text()
    failures += axe_failures(page, "câu trả lời của 766.5c (officer)")
    page.set_viewport_size({"width": 390, "height": 800})
    page.screenshot(path=str(screenshots / "group5-drilldown-390.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    report = "\n".join(failures)
    assert not failures, "axe-core (serious/critical):\n" + report
    assert page.console_errors == []
