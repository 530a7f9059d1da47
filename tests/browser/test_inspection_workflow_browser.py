"""Issue #12 in a real browser, as the reform officer: an inspection walked planned → notified →
visiting → concluded → closed with the buttons of its page; the checklist saved in one go with
one item left unanswered (it stays unanswered, nothing is chosen for it); a finding citing an
unknown dossier refused with the typed text kept and the error beside the field; a step out of
turn refused in Vietnamese; the page passes axe-core (no serious or critical violation)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cchc.core.models import AuditEntry
from cchc.inspections.models import ChecklistAnswer, Inspection
from tests.browser.axe import BLOCKING, blocking_violations, describe
from tests.browser.login import login
from tests.web.world import World

pytestmark = pytest.mark.browser


def _step(page: Any, label: str) -> None:
    page.click(f"#trang-thai ~ .actions button:has-text('{label}')")
    page.wait_for_selector("text=Đã chuyển trạng thái")


def test_officer_walks_an_inspection_to_its_end(
    live_server: Any, live_world: World, page: Any, screenshots: Path
) -> None:
    base = live_server.url
    login(page, base, "officer")
    page.goto(f"{base}/kiem-tra/")
    page.fill("#c-unit", "X011")
    page.select_option("#c-kind", "periodic")
    page.fill("#c-date", "03/06/2024")
    page.click("#c-date >> xpath=ancestor::form//button[@type='submit']")
    page.wait_for_url("**/kiem-tra/*/")
    inspection = Inspection.objects.get(pk=int(page.url.rstrip("/").split("/")[-1]))
    badge = page.locator(".status-badge")
    assert badge.inner_text() == "Đã lên kế hoạch"
    assert page.locator("input[type=radio]").count() == 0  # no results before the visit

    _step(page, "Thông báo cho đơn vị")
    assert badge.inner_text() == "Đã thông báo"
    _step(page, "Bắt đầu kiểm tra tại đơn vị")
    assert badge.inner_text() == "Đang kiểm tra tại đơn vị"

    # the whole checklist, one button: nothing chosen by default; the last item left unanswered
    radios = page.locator("input[type=radio]")
    assert radios.count() == 3 * len(inspection.content_items)
    assert page.locator("input[type=radio]:checked").count() == 0
    rows = page.locator("#noi-dung-kiem-tra ~ form tbody tr")
    for i in range(rows.count() - 1):
        rows.nth(i).locator("input[value=compliant]").check()
    rows.nth(0).locator("textarea").fill("Có sổ theo dõi")
    page.click("text=Lưu kết quả kiểm tra")
    page.wait_for_selector("text=Đã lưu kết quả kiểm tra")
    saved = dict(
        ChecklistAnswer.objects.filter(inspection=inspection).values_list("item_code", "answer")
    )
    assert len(saved) == len(inspection.content_items) - 1
    assert inspection.content_items[-1] not in saved
    last = page.locator("#noi-dung-kiem-tra ~ form tbody tr").last
    assert last.locator("input[type=radio]:checked").count() == 0
    assert (
        page.locator("#noi-dung-kiem-tra ~ form tbody tr").first.locator("textarea").input_value()
        == "Có sổ theo dõi"
    )

    # a finding citing a dossier that does not exist: refused, the text kept, the error beside it
    page.select_option("#n-category", "publicity")
    page.fill("#n-description", "Chưa niêm yết thủ tục mới")
    page.fill("#n-dossiers", "HS-00002, KHONG-CO-123")
    page.click("#n-title + .filters button")
    error = page.locator("#n-dossiers-error")
    assert "KHONG-CO-123" in error.inner_text()
    assert "HS-00002" not in error.inner_text()  # a dossier of X011: not refused
    assert page.input_value("#n-dossiers") == "HS-00002, KHONG-CO-123"
    assert page.input_value("#n-description") == "Chưa niêm yết thủ tục mới"
    assert page.get_attribute("#n-dossiers", "aria-invalid") == "true"
    page.screenshot(path=str(screenshots / "inspection-finding-refused.png"), full_page=True)
    page.fill("#n-dossiers", "HS-00002")
    page.click("#n-title + .filters button")
    page.wait_for_selector("text=Đã ghi nhận tồn tại")

    _step(page, "Kết luận kiểm tra")
    assert badge.inner_text() == "Đã kết luận"
    page.fill("input[name=description][id^=a-]", "Niêm yết đầy đủ thủ tục mới")
    page.fill("input[name=deadline][id^=ad-]", "28/06/2024")
    page.click("text=Giao yêu cầu")
    page.wait_for_selector("text=Đã giao yêu cầu khắc phục")
    # closing while the action is open: refused, saying why
    page.click("button:has-text('Kết thúc cuộc kiểm tra')")
    assert "Còn 1 yêu cầu khắc phục" in page.locator(".error[role=alert]").inner_text()
    assert badge.inner_text() == "Đã kết luận"
    page.goto(f"{base}/kiem-tra/{inspection.pk}/")
    action = inspection.findings.get().actions.get()
    page.fill(f"#r-{action.pk}", "Đã niêm yết")
    page.set_input_files(
        f"#rf-{action.pk}",
        files=[{"name": "niem-yet.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4"}],
    )
    page.click("text=Báo cáo đã khắc phục")
    page.wait_for_selector("text=Đã báo cáo khắc phục")
    page.fill(f"#v-{action.pk}", "Đạt")
    page.click("form[action$='/verify/'] button")
    page.wait_for_selector("text=Đã xác minh, kết thúc")
    _step(page, "Kết thúc cuộc kiểm tra")
    assert badge.inner_text() == "Đã kết thúc"
    assert page.locator("#trang-thai ~ .actions button").count() == 0
    history = page.locator(".status-history li").all_inner_texts()
    assert [h.split(": ", 1)[1] for h in history] == [
        "Đã lên kế hoạch → Đã thông báo",
        "Đã thông báo → Đang kiểm tra tại đơn vị",
        "Đang kiểm tra tại đơn vị → Đã kết luận",
        "Đã kết luận → Đã kết thúc",
    ]
    assert all("officer" in h for h in history)
    page.screenshot(path=str(screenshots / "inspection-closed.png"), full_page=True)
    assert AuditEntry.objects.filter(action="inspection_status").count() == 4

    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(f"{base}/kiem-tra/{inspection.pk}/")
        violations = blocking_violations(page)
        assert not violations, describe(f"inspection page ({width} px)", violations)
    assert {"serious", "critical"} == BLOCKING
    # the two refusals answered 400, as they should; nothing else went wrong
    refusals = [e for e in page.console_errors if "status of 400" in e]
    assert len(refusals) == 2 and len(page.console_errors) == 2
