"""`cchc plans list|show|export|import|template` through the real entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cchc.cli import main
from cchc.plans.models_plans import Task
from tests.plans.xlsx_world import World, build_world, set_cell

TODAY = "10/07/2023"


@pytest.fixture
def world(db: None) -> World:
    return build_world()


def test_list_gives_each_plan_with_its_id_and_rolled_up_progress(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["plans", "list", "--format", "json", "--today", TODAY]) == 0
    (plan,) = json.loads(capsys.readouterr().out)
    assert plan == {
        "id": world.plan.pk,
        "name": "Kế hoạch nâng cao chỉ số PAPI năm 2023",
        "decision_number": "1732/QĐ-UBND",
        "decision_date": "2023-03-15",
        "period_start": "2023-01-01",
        "period_end": "2023-12-31",
        "owner_unit": {"code": "TINH", "name": "Tỉnh Thử"},
        "progress": 32.5,  # (2 × 40 + 1 × 50 + 1 × 0) / 4
    }
    assert main(["plans", "list", "--today", TODAY]) == 0
    out = capsys.readouterr().out
    assert "01/01/2023–31/12/2023" in out and "32,5%" in out


def test_show_gives_targets_with_a_latest_value_and_tasks_with_progress(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["plans", "show", str(world.plan.pk), "--format", "json", "--today", TODAY]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["progress"] == 32.5
    review = {"date": "2023-06-30", "value": 7.0, "source": "Khảo sát", "origin": "review"}
    assert [(t["code"], t["progress"], t["latest"]) for t in data["targets"]] == [
        ("T1", 40.0, review),  # T1's only top-level task is NV1 (40 %); its review of 30/06
        ("T2", 50.0, None),
    ]
    assert [(t["code"], t["depth"], t["progress"]) for t in data["tasks"]] == [
        ("NV1", 0, 40.0),
        ("NV1.1", 1, 100.0),
        ("NV1.2", 1, 20.0),
        ("NV2", 0, 50.0),
        ("NV3", 0, 0.0),
    ]
    assert data["tasks"][0]["co_units"] == ["STP", "X01"]
    # NV2's 30/06/2023 occurrence is not done: on 10/07/2023 it is overdue
    assert data["tasks"][3]["next_due"] == "2023-06-30" and data["tasks"][3]["overdue"]


def test_export_then_import_reports_no_change(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ke-hoach.xlsx"
    assert main(["plans", "export", str(world.plan.pk), "--out", str(path), "--today", TODAY]) == 0
    assert main(["plans", "import", str(path), "--today", TODAY]) == 0
    out = capsys.readouterr().out
    assert f"kế hoạch (plan) {world.plan.pk}: 0 thay đổi (changes)" in out
    assert "Nhiệm vụ: thêm 0, sửa 0, không đổi 5, xóa 0" in out


def test_import_of_a_bad_file_exits_1_naming_the_cell(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ke-hoach.xlsx"
    main(["plans", "export", str(world.plan.pk), "--out", str(path), "--today", TODAY])
    set_cell(path, "Nhiệm vụ", "NV3", "Tiến độ (%)", 150)
    assert main(["plans", "import", str(path), "--today", TODAY]) == 1
    err = capsys.readouterr().err
    assert "'Nhiệm vụ', dòng (line) 6, cột (field) 'N: Tiến độ (%)'" in err
    assert Task.objects.get(code="NV3").progress == 0


def test_dry_run_writes_nothing(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ke-hoach.xlsx"
    main(["plans", "export", str(world.plan.pk), "--out", str(path), "--today", TODAY])
    set_cell(path, "Nhiệm vụ", "NV3", "Tiến độ (%)", 40)
    assert main(["plans", "import", str(path), "--dry-run", "--today", TODAY]) == 0
    assert "Thử (dry run)" in capsys.readouterr().out
    assert Task.objects.get(code="NV3").progress == 0


def test_template_writes_a_workbook(
    db: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mau.xlsx"
    assert main(["plans", "template", "par", "--out", str(path), "--year", "2026"]) == 0
    assert path.exists()


def test_an_unknown_plan_is_an_error(db: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plans", "show", "999"]) == 1
    assert "Không có kế hoạch số 999 (no plan with id 999)" in capsys.readouterr().err
