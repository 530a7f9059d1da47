"""Phản ánh in a real browser (issue #13): the reform officer takes in a citizen's feedback
about Xã Một Một (an unknown dossier code first: the typed text stays, the error sits beside the
field) and assigns it to the commune's chairman; the chairman finds it under "Phản ánh cần trả
lời" on his overview and answers it; the officer closes it with the citizen's rating. axe-core
finds no serious or critical violation on the item's page at 390 and 1280 px."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cchc.citizens.models_feedback import Feedback, FeedbackState
from tests.browser.axe import axe_failures
from tests.browser.login import login
from tests.web.world import World

pytestmark = pytest.mark.browser
TEXT = "Cán bộ một cửa hẹn lại ba lần, không nói lý do."


def test_intake_answer_and_close(
    live_server: Any, live_world: World, page: Any, screenshots: Path
) -> None:
    base = live_server.url
    login(page, base, "officer")
    page.goto(f"{base}/phan-anh/")
    page.get_by_role("link", name="Tiếp nhận phản ánh mới").click()
    page.wait_for_url("**/phan-anh/moi/")
    page.select_option("#i-unit", "X011")
    page.fill("#i-text", TEXT)
    page.fill("#i-citizen_name", "Nguyễn Văn A")
    page.select_option("#i-channel", "phone")
    page.fill("#i-dossier_code", "HS-KHONG-CO")
    page.click("form button[type=submit] >> text=Tiếp nhận")
    assert (
        page.locator("#i-dossier_code-error").inner_text()
        == "Không có hồ sơ mã HS-KHONG-CO trong dữ liệu."
    )
    assert page.input_value("#i-text") == TEXT
    page.console_errors.clear()  # the refused form's page is a 400, as it should be
    page.fill("#i-dossier_code", "")
    page.click("form button[type=submit] >> text=Tiếp nhận")
    page.wait_for_selector("text=Đã tiếp nhận phản ánh")
    item = Feedback.objects.get()
    assert page.get_by_text("Nguyễn Văn A").is_visible()  # he took it in: he sees the contact
    page.select_option("#s-assignee", label="chair_x011")
    page.get_by_role("button", name="Giao", exact=True).click()
    page.wait_for_selector("text=Đã giao phản ánh")

    login(page, base, "chair_x011")
    assert page.get_by_role("heading", name="Phản ánh cần trả lời").is_visible()
    assert page.get_by_role("link", name="Phản ánh (1)").is_visible()
    page.get_by_role("link", name="Xem và trả lời").click()
    page.wait_for_url(f"**/phan-anh/{item.pk}/")
    failures = axe_failures(page, "phản ánh (chair_x011, có biểu mẫu)")
    page.fill("#s-answer", "Đã chấn chỉnh cán bộ; hồ sơ trả đúng hẹn mới.")
    page.get_by_role("button", name="Lưu trả lời").click()
    page.wait_for_selector("text=Đã ghi nội dung trả lời")

    login(page, base, "officer")
    page.goto(f"{base}/phan-anh/{item.pk}/")
    page.check("input[name=rating][value=satisfied]")
    page.get_by_role("button", name="Kết thúc", exact=True).click()
    page.wait_for_selector("text=Đã kết thúc phản ánh")
    page.screenshot(path=str(screenshots / "feedback-closed.png"), full_page=True)
    item.refresh_from_db()
    assert (item.state, item.rating) == (FeedbackState.CLOSED, "satisfied")
    assert page.console_errors == []
    assert failures == [], "\n".join(failures)
