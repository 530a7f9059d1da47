"""The inspection workflow in a real browser, plan to verified closure, as the personas:
the inspector plans and records a finding and a corrective action; the commune's chairman
reports it done with an evidence file; the inspector verifies and closes it; the steering
committee sees it all, read-only. Every step leaves an audit entry shown on the page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cchc.core.models import AuditEntry
from cchc.inspections.models import CorrectiveAction, Inspection
from tests.browser.login import login
from tests.web.world import World

pytestmark = pytest.mark.browser


def test_plan_to_verified_closure(
    live_server: Any, live_world: World, page: Any, tmp_path: Path, screenshots: Path
) -> None:
    base = live_server.url
    # the inspector plans: X011 periodic, one unit drawn by risk
    login(page, base, "inspector")
    page.click("nav >> text=Kiểm tra")
    page.click("text=Kế hoạch kiểm tra")
    page.select_option("#f-period", "2024-H1")
    page.fill("#p-periodic", "X011")
    page.fill("#p-surprise", "1")
    page.fill("#p-seed", "42")
    page.click("text=Lập kế hoạch")
    page.wait_for_url("**/kiem-tra/ke-hoach/*/")
    assert page.get_by_text("Theo kế hoạch kiểm tra định kỳ").is_visible()
    assert page.get_by_text("Chọn ngẫu nhiên theo rủi ro").is_visible()
    page.locator("section", has_text="(X011)").locator("input[name=date]").fill("20/05/2024")
    page.locator("section", has_text="(X011)").locator("text=Tạo cuộc kiểm tra").click()
    page.wait_for_url("**/kiem-tra/*/")
    inspection = Inspection.objects.get(pk=int(page.url.rstrip("/").split("/")[-1]))
    assert "20/05/2024" in page.locator("h1").inner_text()
    # the leader tells the unit and starts the visit
    page.click("button:has-text('Thông báo cho đơn vị')")
    page.wait_for_selector("text=Đã chuyển trạng thái")
    page.click("button:has-text('Bắt đầu kiểm tra tại đơn vị')")
    page.wait_for_selector("text=Đã chuyển trạng thái")
    # checklist answer with a note, a finding, the conclusion, a corrective action
    row = page.locator("tr", has_text="Công khai TTHC, phí, lệ phí").first
    row.locator("input[value=not_compliant]").check()
    row.locator("textarea").fill("Thiếu niêm yết")
    page.click("text=Lưu kết quả kiểm tra")
    page.wait_for_selector("text=Đã lưu kết quả kiểm tra")
    page.select_option("#n-category", "publicity")
    page.fill("#n-description", "Chưa niêm yết thủ tục hành chính mới")
    page.click("#n-title + .filters button")
    page.wait_for_selector("text=Đã ghi nhận tồn tại")
    page.click("button:has-text('Kết luận kiểm tra')")
    page.wait_for_selector("text=Đã chuyển trạng thái")
    page.fill("input[name=description][id^=a-]", "Niêm yết đầy đủ thủ tục mới")
    page.fill("input[name=deadline][id^=ad-]", "28/06/2024")
    page.click("text=Giao yêu cầu")
    page.wait_for_selector("text=Đã giao yêu cầu khắc phục")
    assert page.locator(".state").first.inner_text() == "Đang khắc phục"
    action = CorrectiveAction.objects.get(finding__inspection=inspection)

    # the commune's chairman sees the notification and reports with an evidence file
    login(page, base, "chair_x011")
    page.goto(f"{base}/kiem-tra/thong-bao/")
    assert page.get_by_text("Yêu cầu khắc phục mới, hạn 28/06/2024").is_visible()
    page.goto(f"{base}/kiem-tra/{inspection.pk}/")
    evidence = tmp_path / "anh-niem-yet.pdf"
    evidence.write_bytes(b"%PDF-1.4 minh chung niem yet")
    page.fill(f"#r-{action.pk}", "Đã niêm yết 12 thủ tục mới")
    page.set_input_files(f"#rf-{action.pk}", str(evidence))
    page.click("text=Báo cáo đã khắc phục")
    page.wait_for_selector("text=Đã báo cáo khắc phục")
    assert page.locator(".state").first.inner_text() == "Đã báo cáo khắc phục"
    assert page.locator("text=Xác minh, kết thúc").count() == 0  # not theirs to verify

    # the inspector verifies and closes it
    login(page, base, "inspector")
    page.goto(f"{base}/kiem-tra/{inspection.pk}/")
    with page.expect_download() as info:
        page.click("a[href^='/kiem-tra/minh-chung/']")
    assert info.value.suggested_filename.startswith("anh-niem-yet")
    page.fill(f"#v-{action.pk}", "Đã kiểm tra tại Bộ phận một cửa")
    page.click("form[action$='/verify/'] button")
    page.wait_for_selector("text=Đã xác minh, kết thúc")
    assert page.locator(".state").first.inner_text() == "Đã xác minh, kết thúc"

    # the steering committee reads everything, changes nothing
    login(page, base, "steering")
    page.goto(f"{base}/kiem-tra/{inspection.pk}/")
    assert page.get_by_text("Niêm yết đầy đủ thủ tục mới").first.is_visible()
    assert page.locator("main form").count() == 0
    trail = page.locator("#nhat-ky + .table-wrap").inner_text()
    for label in (
        "Tạo cuộc kiểm tra",
        "Ghi nhận tồn tại",
        "Yêu cầu khắc phục",
        "Báo cáo đã khắc phục",
        "Xác minh, kết thúc",
    ):
        assert label in trail
    with page.expect_download() as info:
        page.click("text=Tải biên bản kiểm tra (DOCX)")
    assert info.value.suggested_filename.endswith(".docx")
    page.goto(f"{base}/kiem-tra/khac-phuc/?state=closed")
    assert page.get_by_text("Niêm yết đầy đủ thủ tục mới").first.is_visible()
    page.goto(f"{base}/kiem-tra/{inspection.pk}/")
    page.screenshot(path=str(screenshots / "inspection.png"), full_page=True)
    assert page.console_errors == []

    kinds = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "plan_run",
        "inspection_create",
        "checklist_answer",
        "finding_create",
        "action_create",
        "action_report",
        "action_verify",
    } <= kinds
    action.refresh_from_db()
    assert action.state == "closed"
