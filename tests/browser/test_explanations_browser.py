"""Giải trình in a real browser (issue #12): the commune's chairman finds a late dossier of his
commune on the late list, writes an explanation with a file (a refused file type first: the typed
text stays, the error sits beside the field), and the reform officer sees it marked on the late
list, reads it and downloads the file. axe-core finds no serious or critical violation on the
explanation page, with and without its form, at 390 and 1280 px."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cchc.dossiers.models import Dossier
from cchc.dossiers.rulebook.timing import Outcome
from cchc.explanations.models import Explanation
from tests.browser.axe import axe_failures
from tests.browser.login import login
from tests.inspections.steps import walk
from tests.web.world import World

pytestmark = pytest.mark.browser
TEXT = "Hồ sơ phải chờ trích lục bản đồ địa chính từ huyện; đã có văn bản xin lỗi công dân."


def test_the_chairman_explains_a_late_dossier_and_the_officer_reads_it(
    live_server: Any, live_world: World, page: Any, tmp_path: Path, screenshots: Path,
    settings: Any,
) -> None:  # fmt: skip
    settings.MEDIA_ROOT = tmp_path / "media"
    base = live_server.url
    dossier = (
        Dossier.objects.filter(unit_code="X011", finish_outcome=Outcome.LATE)
        .order_by("code")
        .first()
    )
    assert dossier is not None and dossier.finished_on is not None
    late_list = f"{base}/ho-so-tre-han/?period={dossier.finished_on.year}&unit=X011&sort=code"
    row = f"tr:has(td:text-is('{dossier.code}'))"

    login(page, base, "chair_x011")
    page.goto(late_list)
    page.locator(row).get_by_role("link", name="Giải trình").click()
    page.wait_for_url(f"**/giai-trinh/ho-so/{dossier.pk}/")
    assert dossier.code in page.locator("h1").inner_text()
    page.fill("#e-text", TEXT)
    wrong = tmp_path / "cong-van.exe"
    wrong.write_bytes(b"MZ")
    page.set_input_files("#e-files", str(wrong))
    page.click("text=Lưu giải trình")
    assert page.locator("#e-files-error").inner_text().startswith("Tệp cong-van.exe: chỉ nhận")
    assert page.input_value("#e-text") == TEXT
    page.console_errors.clear()  # the refused form's page is a 400, as it should be
    letter = tmp_path / "cong-van-giai-trinh.pdf"
    letter.write_bytes(b"%PDF-1.4 cong van giai trinh")
    page.set_input_files("#e-files", str(letter))
    page.click("text=Lưu giải trình")
    page.wait_for_selector("text=Đã lưu giải trình")
    assert page.get_by_role("link", name="cong-van-giai-trinh.pdf").is_visible()
    failures = axe_failures(page, "giải trình hồ sơ (chair_x011, có biểu mẫu)")
    page.goto(late_list)
    assert page.locator(row).get_by_role("link", name="Sửa giải trình").is_visible()

    login(page, base, "officer")
    page.goto(late_list)
    assert page.locator(row).locator(".tag", has_text="Đã giải trình").is_visible()
    page.locator(row).get_by_role("link", name="Xem giải trình").click()
    page.wait_for_url(f"**/giai-trinh/ho-so/{dossier.pk}/")
    assert page.get_by_text("đã có văn bản xin lỗi công dân").first.is_visible()
    assert page.locator("#e-text").count() == 0  # the officer reads, does not write
    assert "chair_x011" in page.locator("#lich-su + .table-wrap").inner_text()
    with page.expect_download() as info:
        page.click("text=cong-van-giai-trinh.pdf")
    assert info.value.suggested_filename == "cong-van-giai-trinh.pdf"
    failures += axe_failures(page, "giải trình hồ sơ (officer)")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.screenshot(path=str(screenshots / "explanation.png"), full_page=True)
    report = "\n".join(failures)
    print(report)
    assert not failures, "axe-core (serious/critical):\n" + report
    assert page.console_errors == []
    assert Explanation.objects.get().text == TEXT


def test_the_inspected_commune_explains_a_finding_and_the_inspector_reads_it(
    live_server: Any, live_world: World, page: Any, screenshots: Path
) -> None:
    from cchc.inspections import services as inspections

    inspection = walk(live_world.users["inspector"].inspections.get())  # the team at the unit
    finding = inspections.record_finding(
        None, inspection, category="discipline", severity="reminder",
        description="Công chức một cửa không đeo thẻ",
    )  # fmt: skip
    base = live_server.url
    login(page, base, "chair_x011")
    page.goto(f"{base}/kiem-tra/{inspection.pk}/")
    page.locator(f"#tt-{finding.pk}").get_by_role("link", name="Giải trình").click()
    page.wait_for_url(f"**/giai-trinh/ton-tai/{finding.pk}/")
    failures = axe_failures(page, "giải trình tồn tại (chair_x011, có biểu mẫu)")
    page.fill("#e-text", "Đã nhắc nhở, từ 01/12 đeo thẻ đầy đủ")
    page.click("text=Lưu giải trình")
    page.wait_for_url(f"**/kiem-tra/{inspection.pk}/#tt-{finding.pk}")
    assert page.get_by_text("Đã lưu giải trình").is_visible()

    login(page, base, "inspector")
    page.goto(f"{base}/kiem-tra/{inspection.pk}/")
    block = page.locator(f"#tt-{finding.pk}")
    assert block.get_by_text("Đã nhắc nhở, từ 01/12 đeo thẻ đầy đủ").is_visible()
    assert block.locator(".tag", has_text="Đã giải trình").is_visible()
    page.screenshot(path=str(screenshots / "explanation-finding.png"), full_page=True)
    report = "\n".join(failures)
    assert not failures, "axe-core (serious/critical):\n" + report
    assert page.console_errors == []
