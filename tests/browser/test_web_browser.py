"""The web app in a real browser: each persona logs in, opens the overview and a unit page;
the late list is filtered and exported; an import is uploaded; a commune chairman is kept out of
another commune. Screenshots of the overview and a unit page go to screenshots/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cchc.web import import_jobs
from tests.browser.login import login
from tests.web.world import World, write_import_csv

pytestmark = pytest.mark.browser

PERIOD = "period=2024-H1"
OWN_UNIT = {
    "admin": "H01",
    "officer": "H02",
    "inspector": "X012",
    "steering": "T01",
    "district_head": "H01",
    "office_head": "H01-VPDK",
    "chair_x011": "X011",
}


@pytest.mark.parametrize("persona", list(OWN_UNIT))
def test_each_persona_sees_the_overview_and_a_unit_page(
    live_server: Any, live_world: World, page: Any, persona: str, screenshots: Path
) -> None:
    login(page, live_server.url, persona)
    page.goto(f"{live_server.url}/?{PERIOD}")
    assert page.get_by_role("heading", name="Tổng quan · 6 tháng đầu năm 2024").is_visible()
    assert page.get_by_text("Cùng kỳ năm trước").first.is_visible()
    page.wait_for_selector("[data-chart='monthly'] svg")  # ECharts drew the monthly chart
    if persona == "officer":
        page.screenshot(path=str(screenshots / "overview.png"), full_page=True)
    unit = OWN_UNIT[persona]
    page.goto(f"{live_server.url}/don-vi/{unit}/?{PERIOD}")
    assert page.get_by_text("Dấu hiệu trễ hạn ẩn").is_visible()
    if persona == "district_head":
        page.screenshot(path=str(screenshots / "unit.png"), full_page=True)
    assert page.console_errors == []


def test_the_late_list_filters_and_exports(
    live_server: Any, live_world: World, page: Any, tmp_path: Path
) -> None:
    login(page, live_server.url, "officer")
    page.goto(f"{live_server.url}/ho-so-tre-han/?period=2024")
    page.select_option("#f-sector", "Đất đai")
    page.select_option("#f-unit", "H01")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/ho-so-tre-han/?*sector=*")
    assert "unit=H01" in page.url
    cells = page.locator("tbody tr td:nth-child(4)").all_inner_texts()
    assert cells and set(cells) == {"Đất đai"}
    # names first, the code on the line beneath; every row says why it is late
    units = page.locator("tbody tr td:nth-child(2)").all_inner_texts()
    assert {u.splitlines()[-1] for u in units} <= {"H01", "H01-VPDK", "X011", "X012"}
    assert all(u.splitlines()[0].startswith(("Huyện", "Xã", "Chi nhánh")) for u in units)
    reasons = page.locator("tbody tr td:nth-child(10)").all_inner_texts()
    odd = [r for r in reasons if "quá hạn" not in r and "bổ sung" not in r]
    assert reasons and not odd, odd
    with page.expect_download() as info:
        page.click("text=Xuất CSV")
    target = tmp_path / "late.csv"
    info.value.save_as(target)
    lines = target.read_text(encoding="utf-8-sig").splitlines()
    total = int(page.locator("main p strong").first.inner_text().replace(".", ""))
    assert lines[0].startswith("Mã hồ sơ")
    assert len(lines) == total + 1 and total >= len(cells)
    assert page.console_errors == []


def test_an_upload_runs_in_the_background_and_reports(
    live_server: Any, live_world: World, page: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.setattr(import_jobs, "SYNC_MAX_BYTES", 0)  # force the background thread
    login(page, live_server.url, "officer")
    page.goto(f"{live_server.url}/nhap-du-lieu/")
    page.set_input_files("#f-file", str(write_import_csv(tmp_path / "thang7.csv", 40)))
    page.select_option("#f-mapping", "canonical")
    page.click("form button[type=submit] >> text=Nhập")
    page.wait_for_selector("text=Kết quả", timeout=60_000)  # the page polled until done
    assert page.locator("td.num").first.inner_text() == "40"
    page.goto(f"{live_server.url}/nhap-du-lieu/")
    assert page.get_by_role("cell", name="thang7.csv").is_visible()
    assert page.console_errors == []


def test_a_commune_chairman_cannot_open_another_commune(
    live_server: Any, live_world: World, page: Any
) -> None:
    login(page, live_server.url, "chair_x011")
    response = page.goto(f"{live_server.url}/don-vi/X021/?{PERIOD}")
    assert response.status == 404
    assert "Không tìm thấy" in page.content()
    response = page.goto(f"{live_server.url}/api/dossiers/summary?{PERIOD}&unit=X021")
    assert response.status == 403
    assert response.json()["detail"].startswith("Không có quyền xem đơn vị")
    response = page.goto(f"{live_server.url}/don-vi/X011/?{PERIOD}")
    assert response.status == 200
