"""A plan's workbook on the web (docs/plans.md, "Nhập, xuất XLSX"): the officer downloads it,
edits a task's progress and uploads it back into the same plan (audited); a bad cell is shown
with its sheet, row, column and reason and nothing changes; templates download; only plan
editors may; a task answering a finding starts from the one plan running today."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from cchc.core.models import AuditEntry
from cchc.inspections.models import Finding, Inspection
from cchc.plans.models_plans import Plan, Task
from tests.plans.pages_world import TODAY, PlanWorld
from tests.plans.xlsx_world import set_cell


def client(world: PlanWorld, persona: str) -> Client:
    c = Client()
    c.force_login(world.web.users[persona])
    return c


def _download(world: PlanWorld, tmp_path: Path) -> Path:
    response = client(world, "officer").get(f"/ke-hoach/{world.plan.pk}/xlsx/")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'ke-hoach-{world.plan.pk}.xlsx"')
    path = tmp_path / "ke-hoach.xlsx"
    path.write_bytes(b"".join(response.streaming_content))  # type: ignore[attr-defined]
    return path


def _upload(world: PlanWorld, path: Path, persona: str = "officer") -> object:
    upload = SimpleUploadedFile(path.name, path.read_bytes())
    return client(world, persona).post("/ke-hoach/nhap/", {"file": upload})


def test_download_edit_upload_back(world: PlanWorld, tmp_path: Path) -> None:
    path = _download(world, tmp_path)
    set_cell(path, "Nhiệm vụ", "1.2", "Tiến độ (%)", 30)
    response = _upload(world, path)
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert response["Location"] == f"/ke-hoach/{world.plan.pk}/"  # type: ignore[index]
    task = Task.objects.get(pk=world.tasks["1.2"].pk)
    assert (task.progress, task.status) == (30, "in_progress")
    entry = AuditEntry.objects.get(object_type="plans.task", object_id=str(task.pk))
    assert entry.user == world.web.users["officer"]
    assert entry.before == {"progress": 0, "status": "not_started"}


def test_a_bad_cell_is_named_and_nothing_changes(world: PlanWorld, tmp_path: Path) -> None:
    path = _download(world, tmp_path)
    set_cell(path, "Nhiệm vụ", "5", "Trọng số", -1)  # row 5: task "2"
    before = list(Task.objects.order_by("pk").values())
    response = _upload(world, path)
    assert response.status_code == 400  # type: ignore[attr-defined]
    page = response.content.decode()  # type: ignore[attr-defined]
    assert "bị từ chối, không có thay đổi nào được ghi: 1 lỗi" in page
    assert "Nhiệm vụ" in page and "Trọng số" in page
    assert list(Task.objects.order_by("pk").values()) == before
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("kind", ["papi", "par", "766"])
def test_templates_download(world: PlanWorld, kind: str) -> None:
    response = client(world, "officer").get(f"/ke-hoach/mau/{kind}/")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))  # type: ignore[attr-defined]
    assert "Chỉ tiêu" in book.sheetnames and "Nhiệm vụ" in book.sheetnames
    assert client(world, "officer").get("/ke-hoach/mau/khac/").status_code == 404


@pytest.mark.parametrize("persona", ["steering", "inspector", "chair_x011"])
def test_only_editors(world: PlanWorld, persona: str, tmp_path: Path) -> None:
    c = client(world, persona)
    assert c.get(f"/ke-hoach/{world.plan.pk}/xlsx/").status_code == 403
    assert c.get("/ke-hoach/nhap/").status_code == 403
    assert c.get("/ke-hoach/mau/papi/").status_code == 403
    assert "/ke-hoach/nhap/" not in c.get("/ke-hoach/").content.decode()


def test_a_task_for_a_finding_starts_from_the_plan_running_today(world: PlanWorld) -> None:
    inspection = Inspection.objects.create(kind="periodic", unit=world.web.commune11, date=TODAY)
    finding = Finding.objects.create(
        inspection=inspection, category="other", severity="reminder", description="Chưa niêm yết"
    )
    c = client(world, "officer")
    response = c.get(f"/ke-hoach/nhiem-vu/moi/?finding={finding.pk}")
    assert response["Location"] == f"/ke-hoach/{world.plan.pk}/nhiem-vu/moi/?finding={finding.pk}"
    Plan.objects.create(
        name="Kế hoạch khác", period_start=TODAY, period_end=TODAY, owner_unit=world.web.province
    )
    page = c.get(f"/ke-hoach/nhiem-vu/moi/?finding={finding.pk}").content.decode()
    assert "Chọn kế hoạch cho nhiệm vụ mới" in page and "Kế hoạch khác" in page
    assert (
        client(world, "steering").get(f"/ke-hoach/nhiem-vu/moi/?finding={finding.pk}").status_code
        == 403
    )
    for bad in ("abc", "", str(finding.pk + 1000)):  # malformed, missing, unknown: not found
        assert c.get(f"/ke-hoach/nhiem-vu/moi/?finding={bad}").status_code == 404, bad
