"""Export a plan, edit the workbook as a person would in a spreadsheet, import it back: the edits
are applied, everything else is as it was (co-operating units, sub-tasks, occurrences, review
values, evidence and comments), and an unedited file changes nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied

from cchc.core.models import AuditEntry, Profile, Role
from cchc.plans.models_plans import (
    Occurrence,
    Plan,
    Target,
    TargetReview,
    Task,
    TaskComment,
    TaskEvidence,
)
from cchc.plans.xlsx_export import export_plan
from cchc.plans.xlsx_import import import_plan_book, new_orders
from cchc.web.scope import Scope
from tests.plans.xlsx_world import World, append_row, build_world, delete_row, set_cell, sheet_rows

D = dt.date
DAY = D(2023, 7, 10)


@pytest.fixture
def world(db: None) -> World:
    return build_world()


@pytest.fixture
def book(world: World, tmp_path: Path) -> Path:
    path = tmp_path / "ke-hoach.xlsx"
    export_plan(world.plan, path, DAY)
    return path


def test_the_export_holds_every_part_of_the_plan_in_vietnamese_words(
    book: Path, world: World
) -> None:
    (plan,) = sheet_rows(book, "Kế hoạch")
    assert plan["Mã kế hoạch"] == world.plan.pk
    assert plan["Số quyết định"] == "1732/QĐ-UBND"
    assert plan["Ngày quyết định"] == dt.datetime(2023, 3, 15)
    assert (plan["Mã đơn vị chủ trì"], plan["Tên đơn vị chủ trì"]) == ("TINH", "Tỉnh Thử")
    targets = sheet_rows(book, "Chỉ tiêu")
    assert [t["Mã chỉ tiêu"] for t in targets] == ["T1", "T2"]
    assert targets[0]["Loại"] == "Chỉ số bên ngoài"
    assert targets[1]["Loại"] == "Đo từ hồ sơ"
    assert targets[0]["Chiều"] == "Càng cao càng tốt"
    tasks = {t["Mã nhiệm vụ"]: t for t in sheet_rows(book, "Nhiệm vụ")}
    assert list(tasks) == ["NV1", "NV1.1", "NV1.2", "NV2", "NV3"]  # sub-tasks under their parent
    assert tasks["NV1"]["Mã đơn vị phối hợp"] == "STP; X01"
    assert tasks["NV1"]["Tên đơn vị phối hợp"] == "Sở Tư pháp; Xã An Ngãi"
    assert tasks["NV1.2"]["Mã nhiệm vụ cha"] == "NV1"
    # NV1 rolls up (1 × 100 + 3 × 20) / 4 = 40; NV2: 1 occurrence of 2 done = 50
    assert [tasks[c]["Tiến độ (%)"] for c in tasks] == [40, 100, 20, 50, 0]
    assert tasks["NV2"]["Lặp lại"] == "Hằng quý"
    assert tasks["NV1.1"]["Trạng thái"] == "Hoàn thành"
    assert tasks["NV3"]["Mã kết luận kiểm tra"] == world.finding.pk
    (occurrence,) = sheet_rows(book, "Lần thực hiện")
    assert occurrence["Hạn của lần thực hiện"] == dt.datetime(2023, 3, 31)
    (review,) = sheet_rows(book, "Giá trị đánh giá")
    assert (review["Mã chỉ tiêu"], review["Giá trị"]) == ("T1", 7)
    notes = sheet_rows(book, "Minh chứng, ý kiến")
    assert [(n["Mã nhiệm vụ"], n["Loại"]) for n in notes] == [
        ("NV1.1", "Minh chứng"),
        ("NV1.2", "Ý kiến"),
    ]


def test_an_unedited_export_imports_with_no_change(book: Path) -> None:
    audit_before = AuditEntry.objects.count()
    result = import_plan_book(book, day=DAY)
    assert result.changed == 0
    unchanged = {name: c["unchanged"] for name, c in result.counts.items()}
    assert unchanged == {
        "Kế hoạch": 1,
        "Chỉ tiêu": 2,
        "Giá trị đánh giá": 1,
        "Nhiệm vụ": 5,
        "Lần thực hiện": 1,
    }
    assert AuditEntry.objects.count() == audit_before


def test_edits_are_applied_and_the_rest_is_kept(book: Path, world: World) -> None:
    set_cell(book, "Nhiệm vụ", "NV1.2", "Tiến độ (%)", 60)
    set_cell(book, "Nhiệm vụ", "NV1.2", "Mã đơn vị phối hợp", "SNV;X01")
    set_cell(book, "Nhiệm vụ", "NV1", "Tiến độ (%)", None)  # NV1 now rolls up to 70
    set_cell(book, "Nhiệm vụ", "NV3", "Thời hạn", "15/10/2023")  # typed as text
    set_cell(book, "Chỉ tiêu", "T1", "Giá trị mục tiêu", 7.8)
    append_row(
        book,
        "Nhiệm vụ",
        {"Mã nhiệm vụ": "NV1.3", "Mã nhiệm vụ cha": "NV1", "Nội dung nhiệm vụ": "Công bố",
         "Mã đơn vị chủ trì": "X01", "Thời hạn": dt.datetime(2023, 11, 30), "Trọng số": 1},
    )  # fmt: skip
    append_row(
        book,
        "Lần thực hiện",
        {"Mã nhiệm vụ": "NV2", "Hạn của lần thực hiện": "30/06/2023",
         "Ngày hoàn thành": "29/06/2023"},
    )  # fmt: skip
    append_row(
        book,
        "Giá trị đánh giá",
        {"Mã chỉ tiêu": "T1", "Kỳ đánh giá (ngày)": "31/12/2023", "Giá trị": 7.3},
    )

    result = import_plan_book(book, day=DAY)

    counts = {name: (c["created"], c["updated"]) for name, c in result.counts.items()}
    assert counts == {
        "Kế hoạch": (0, 0),
        "Chỉ tiêu": (0, 1),
        "Giá trị đánh giá": (1, 0),
        "Nhiệm vụ": (1, 2),
        "Lần thực hiện": (1, 0),
    }
    nv12 = Task.objects.get(plan=world.plan, code="NV1.2")
    assert (nv12.progress, nv12.status) == (60, "in_progress")
    assert sorted(nv12.co_units.values_list("code", flat=True)) == ["SNV", "X01"]
    assert Task.objects.get(plan=world.plan, code="NV3").deadline == D(2023, 10, 15)
    new = Task.objects.get(plan=world.plan, code="NV1.3")
    assert (new.parent.code if new.parent else None, new.lead_unit.code) == ("NV1", "X01")
    assert Target.objects.get(plan=world.plan, code="T1").target_value == 7.8
    assert TargetReview.objects.filter(target__plan=world.plan).count() == 2
    assert Occurrence.objects.filter(task__code="NV2").count() == 2
    # untouched: co-units of NV1, evidence and comments, the finding of NV3
    nv1 = Task.objects.get(plan=world.plan, code="NV1")
    assert sorted(nv1.co_units.values_list("code", flat=True)) == ["STP", "X01"]
    assert TaskEvidence.objects.count() == 1 and TaskComment.objects.count() == 1
    assert Task.objects.get(plan=world.plan, code="NV3").finding_id == world.finding.pk
    # every change is in the audit log: 1 target, 1 review, 1 + 2 tasks, 1 occurrence
    assert AuditEntry.objects.filter(object_type__startswith="plans.").count() == 6


def test_the_file_written_after_an_import_imports_with_no_change(
    book: Path, world: World, tmp_path: Path
) -> None:
    set_cell(book, "Nhiệm vụ", "NV3", "Tiến độ (%)", 30)
    import_plan_book(book, day=DAY)
    again = tmp_path / "lan-2.xlsx"
    export_plan(world.plan, again, DAY)
    assert import_plan_book(again, day=DAY).changed == 0
    nv3 = Task.objects.get(plan=world.plan, code="NV3")
    assert (nv3.progress, nv3.status) == (30, "in_progress")  # 30 % of work is work started


def test_rows_left_out_are_kept_unless_removal_is_asked(book: Path, world: World) -> None:
    delete_row(book, "Nhiệm vụ", "NV3")
    assert import_plan_book(book, day=DAY).changed == 0
    assert Task.objects.filter(plan=world.plan, code="NV3").exists()
    result = import_plan_book(book, remove_missing=True, day=DAY)
    assert result.counts["Nhiệm vụ"]["deleted"] == 1
    assert not Task.objects.filter(plan=world.plan, code="NV3").exists()
    assert AuditEntry.objects.filter(action="delete", object_type="plans.task").count() == 1


def test_an_empty_id_cell_makes_a_new_plan_with_the_same_rows(book: Path, world: World) -> None:
    set_cell(book, "Kế hoạch", "2", "Mã kế hoạch", None)
    result = import_plan_book(book, day=DAY)
    assert result.plan_created and result.plan_id != world.plan.pk
    copy = Plan.objects.get(pk=result.plan_id)
    assert sorted(copy.tasks.values_list("code", flat=True)) == [
        "NV1",
        "NV1.1",
        "NV1.2",
        "NV2",
        "NV3",
    ]
    assert Occurrence.objects.filter(task__plan=copy).count() == 1
    assert TargetReview.objects.filter(target__plan=copy).count() == 1
    assert Task.objects.get(plan=copy, code="NV1.2").parent == Task.objects.get(
        plan=copy, code="NV1"
    )


def test_a_dry_run_reports_the_changes_and_writes_nothing(book: Path, world: World) -> None:
    set_cell(book, "Nhiệm vụ", "NV3", "Tiến độ (%)", 30)
    result = import_plan_book(book, dry_run=True, day=DAY)
    assert result.counts["Nhiệm vụ"]["updated"] == 1
    assert Task.objects.get(plan=world.plan, code="NV3").progress == 0


def test_stored_order_is_kept_when_the_file_keeps_it_and_renumbered_when_it_does_not() -> None:
    # rows in file order: (sibling group, (order, pk) or None for a new row)
    kept = new_orders([("", (0, 5)), ("", (0, 7)), ("", None)])
    assert kept == [None, None, 1]
    moved = new_orders([("", (0, 7)), ("", (0, 5))])
    assert moved == [1, 2]


def test_only_a_plan_editor_imports_and_the_audit_log_names_them(book: Path, world: World) -> None:
    officer = User.objects.create_user("officer")
    Profile.objects.create(user=officer, role=Role.OFFICER)
    steering = User.objects.create_user("steering")
    Profile.objects.create(user=steering, role=Role.STEERING)
    set_cell(book, "Nhiệm vụ", "NV3", "Tiến độ (%)", 30)
    with pytest.raises(PermissionDenied):
        import_plan_book(book, steering, day=DAY, scope=Scope.for_user(steering, DAY))
    assert Task.objects.get(plan=world.plan, code="NV3").progress == 0
    import_plan_book(book, officer, day=DAY, scope=Scope.for_user(officer, DAY))
    entry = AuditEntry.objects.get(object_type="plans.task", action="update")
    assert entry.user == officer
