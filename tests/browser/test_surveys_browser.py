"""Khảo sát in a real browser (issue #13): the commune's chairman opens "Khảo sát" from the menu,
enters a paper questionnaire (a bad date first: what was typed stays, the error sits beside the
field), then finds his commune's result on the results page and its unit page. axe-core finds no
serious or critical violation on the form, the results and the unit page, at 390 and 1280 px."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cchc.citizens.models_surveys import SurveyResponse, SurveySource
from cchc.core import clock
from tests.browser.axe import axe_failures
from tests.browser.login import login
from tests.web.world import World

pytestmark = pytest.mark.browser


def test_the_chairman_enters_a_paper_form_and_reads_the_results(
    live_server: Any, live_world: World, page: Any, screenshots: Path
) -> None:
    base = live_server.url
    today = clock.today()
    day = f"01/{today.month:02d}/{today.year}"
    login(page, base, "chair_x011")
    page.get_by_role("link", name="Khảo sát", exact=True).click()
    page.wait_for_url(f"{base}/khao-sat/")
    page.get_by_role("link", name="Nhập phiếu giấy").click()
    page.wait_for_url(f"{base}/khao-sat/nhap-phieu/")
    page.select_option("#f-unit_code", "X011")
    page.fill("#f-answered_on", "31/02/2025")
    page.fill("#f-dossier_code", "HS-00002")
    page.fill("#f-trips", "2")
    page.check("input[name=overall][value='4']")
    page.check("input[name=official][value='2']")
    page.check("input[name=asked_money][value='no']")
    page.click("text=Lưu phiếu")
    assert page.locator("#f-answered_on-error").is_visible()
    assert page.input_value("#f-answered_on") == "31/02/2025"
    assert page.input_value("#f-dossier_code") == "HS-00002"
    assert page.is_checked("input[name=overall][value='4']")
    failures = axe_failures(page, "nhập phiếu (chair_x011, có lỗi)")  # reloads re-post the form
    page.console_errors.clear()  # the refused form's page is a 400, as it should be
    page.set_viewport_size({"width": 390, "height": 800})
    page.screenshot(path=str(screenshots / "surveys-paper-390.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # fits a phone
    page.fill("#f-answered_on", day)
    page.click("text=Lưu phiếu")
    page.wait_for_selector("text=Đã lưu phiếu")
    saved = SurveyResponse.objects.get()
    assert (saved.unit_code, saved.overall, saved.official, saved.source) == (
        "X011", 4, 2, SurveySource.PAPER,
    )  # fmt: skip

    page.goto(f"{base}/khao-sat/?period={today.year}")
    row = page.locator("tr", has_text="Xã Một Một")
    assert row.is_visible() and "100,0%" in row.inner_text()
    assert page.locator("text=Xã Hai Một").count() == 0
    failures += axe_failures(page, "kết quả khảo sát (chair_x011)")
    row.get_by_role("link", name="Xã Một Một").click()
    page.wait_for_url("**/khao-sat/don-vi/X011/**")
    assert page.get_by_role("heading", name="Yếu tố bị đánh giá thấp nhất").is_visible()
    assert page.get_by_text("Công chức giải quyết công việc: 0,0%").is_visible()
    failures += axe_failures(page, "khảo sát của đơn vị (chair_x011)")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.screenshot(path=str(screenshots / "surveys-unit.png"), full_page=True)
    report = "\n".join(failures)
    assert not failures, "axe-core (serious/critical):\n" + report
    assert page.console_errors == []
