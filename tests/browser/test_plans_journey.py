"""An improvement plan in a real browser (issue #14), as the personas live it: the reform
officer creates a plan, a target on a PAPI dimension and a task led by commune X011; the
commune's chairman finds the task on his overview, is refused marking it done without evidence,
then marks it done with a file; the steering committee reads the plan at 100 % with no form.
axe-core finds no serious or critical violation on the plan and task pages at 390 and 1280 px,
and no page scrolls sideways at 1366 or 390 px."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cchc.plans.models_plans import Plan, Task
from tests.browser.axe import axe_failures
from tests.browser.login import login
from tests.web.world import World

pytestmark = pytest.mark.browser
WIDTHS = (1366, 390)


def sideways(page: Any, where: str) -> list[str]:
    """The page at each width, when it is wider than the window."""
    out = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        wide = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if wide > 1:
            out.append(f"{where}: {wide} px too wide at {width} px")
    return out


def test_the_officer_plans_the_chairman_reports_and_the_committee_reads(
    live_server: Any, live_world: World, page: Any, tmp_path: Path, screenshots: Path,
    settings: Any,
) -> None:  # fmt: skip
    settings.MEDIA_ROOT = tmp_path / "media"
    base = live_server.url
    problems: list[str] = []

    login(page, base, "officer")
    page.get_by_role("link", name="Kế hoạch", exact=True).click()
    page.wait_for_url(f"{base}/ke-hoach/")
    page.click("text=Thêm kế hoạch")
    page.fill("#id_name", "Kế hoạch nâng cao Chỉ số PAPI năm 2026")
    page.fill("#id_decision_number", "1732/QĐ-UBND")
    page.fill("#id_period_start", "01/01/2026")
    page.fill("#id_period_end", "31/12/2026")
    page.select_option("#id_owner_unit", label="Tỉnh Thử Nghiệm (T01)")
    page.click("button:text('Lưu')")
    page.wait_for_selector("h1:text('Kế hoạch nâng cao Chỉ số PAPI năm 2026')")
    plan = Plan.objects.get()

    page.click("text=Thêm chỉ tiêu")
    page.fill("#id_code", "CT1")
    page.fill("#id_name", "Thủ tục hành chính công (PAPI nội dung 5)")
    page.select_option("#id_kind", "external")
    page.fill("#id_index_name", "PAPI")
    page.fill("#id_index_code", "D5")
    page.fill("#id_target_value", "7.5")
    page.fill("#id_target_date", "31/12/2026")
    page.click("button:text('Lưu')")
    page.wait_for_url(f"**/ke-hoach/{plan.pk}/#chi-tieu")
    assert page.locator("#chi-tieu + .table-wrap").get_by_text("So với thực tế").is_visible()

    page.click("text=Thêm nhiệm vụ")
    page.fill("#id_code", "1")
    page.fill("#id_name", "Niêm yết công khai thủ tục tại bộ phận một cửa xã")
    page.select_option("#id_target", label="CT1. Thủ tục hành chính công (PAPI nội dung 5)")
    page.select_option("#id_lead_unit", label="Xã Một Một (X011)")
    page.fill("#id_deadline", "30/11/2026")
    page.click("button:text('Lưu')")
    page.wait_for_selector("text=Đã lưu")
    task = Task.objects.get()
    assert page.url.endswith(f"/ke-hoach/nhiem-vu/{task.pk}/")
    page.goto(f"{base}/ke-hoach/{plan.pk}/")
    problems += axe_failures(page, "kế hoạch (officer)")
    problems += sideways(page, "kế hoạch (officer)")

    login(page, base, "chair_x011")
    home = page.locator("section[aria-labelledby=plans-home-title]")
    assert home.get_by_text("Niêm yết công khai thủ tục").is_visible()
    home.get_by_role("link", name="Xem và cập nhật").click()
    page.wait_for_url(f"**/ke-hoach/nhiem-vu/{task.pk}/")
    page.select_option("#u-status", "done")
    page.fill("#u-progress", "100")
    page.click("text=Lưu cập nhật")
    assert "Cần ít nhất một minh chứng" in page.locator("#u-evidence-error").inner_text()
    page.console_errors.clear()  # the refused form's page is a 400, as it should be
    photo = tmp_path / "anh-bang-niem-yet.pdf"
    photo.write_bytes(b"%PDF-1.4 anh bang niem yet")
    page.select_option("#u-status", "done")
    page.fill("#u-progress", "100")
    page.fill("#u-note", "Đã niêm yết đủ 112 thủ tục")
    page.set_input_files("#u-evidence", str(photo))
    page.click("text=Lưu cập nhật")
    page.wait_for_selector("text=Đã cập nhật nhiệm vụ")
    assert page.get_by_role("link", name="anh-bang-niem-yet.pdf").is_visible()
    problems += axe_failures(page, "nhiệm vụ (chair_x011, có biểu mẫu)")
    problems += sideways(page, "nhiệm vụ (chair_x011)")

    login(page, base, "steering")
    page.goto(f"{base}/ke-hoach/")
    row = page.locator("tr", has_text="Kế hoạch nâng cao Chỉ số PAPI năm 2026")
    assert "100%" in row.inner_text()
    row.get_by_role("link").click()
    assert page.get_by_text("Thêm nhiệm vụ").count() == 0
    page.get_by_role("link", name="1. Niêm yết công khai thủ tục tại bộ phận một cửa xã").click()
    page.wait_for_url(f"**/ke-hoach/nhiem-vu/{task.pk}/")
    assert page.locator("#u-status").count() == 0  # the committee reads only
    assert "chair_x011" in page.locator("#lich-su + .table-wrap").inner_text()
    problems += axe_failures(page, "nhiệm vụ (steering)")
    page.set_viewport_size({"width": 1366, "height": 800})
    page.screenshot(path=str(screenshots / "plans-task.png"), full_page=True)
    page.goto(f"{base}/ke-hoach/{plan.pk}/")
    page.screenshot(path=str(screenshots / "plans-plan.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 800})
    page.screenshot(path=str(screenshots / "plans-plan-390.png"), full_page=True)
    report = "\n".join(problems)
    assert not problems, report
    assert page.console_errors == []
    task.refresh_from_db()
    assert (task.status, task.progress) == ("done", 100)
