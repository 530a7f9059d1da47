"""A bad workbook is refused as a whole: every bad cell named by sheet, row, column and reason,
and nothing in the database changes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cchc.core.audit import snapshot
from cchc.core.importing import ImportRejected
from cchc.core.models import AuditEntry
from cchc.plans.models_plans import Occurrence, Target, TargetReview, Task
from cchc.plans.xlsx_export import export_plan
from cchc.plans.xlsx_import import import_plan_book
from tests.plans.xlsx_world import World, append_row, build_world, set_cell

DAY = dt.date(2023, 7, 10)
TASKS = "Nhiệm vụ"


@pytest.fixture
def world(db: None) -> World:
    return build_world()


@pytest.fixture
def book(world: World, tmp_path: Path) -> Path:
    path = tmp_path / "ke-hoach.xlsx"
    export_plan(world.plan, path, DAY)
    return path


def _state() -> list[object]:
    rows: list[object] = []
    for model in (Task, Target, TargetReview, Occurrence):
        rows += [snapshot(obj) for obj in model.objects.order_by("pk")]
    rows += [sorted(t.co_units.values_list("code", flat=True)) for t in Task.objects.order_by("pk")]
    return [*rows, AuditEntry.objects.count()]


def _refused(book: Path) -> list[tuple[str, int | None, str, str]]:
    before = _state()
    with pytest.raises(ImportRejected) as caught:
        import_plan_book(book, day=DAY)
    assert _state() == before  # nothing changed
    return [(e.file, e.line, e.field, e.reason_en) for e in caught.value.errors]


def test_every_bad_cell_is_named_and_nothing_changes(book: Path) -> None:
    set_cell(book, TASKS, "NV1.1", "Mã đơn vị chủ trì", "KHONGCO")  # row 3
    set_cell(book, TASKS, "NV1.2", "Thời hạn", "31/02/2023")  # row 4
    set_cell(book, TASKS, "NV1.2", "Trọng số", 0)
    set_cell(book, TASKS, "NV3", "Tiến độ (%)", 120)  # row 6
    set_cell(book, TASKS, "NV3", "Mã chỉ tiêu", "T9")
    set_cell(book, TASKS, "NV2", "Trạng thái", "Xong rồi")  # row 5
    append_row(book, TASKS, {"Mã nhiệm vụ": "NV3", "Nội dung nhiệm vụ": "Lặp mã",
                             "Mã đơn vị chủ trì": "X01", "Thời hạn": "01/12/2023"})  # fmt: skip
    where = "ke-hoach.xlsx, trang tính (sheet) 'Nhiệm vụ'"
    assert _refused(book) == [
        (where, 3, "E: Mã đơn vị chủ trì", "unknown unit code"),
        (where, 4, "I: Thời hạn", "invalid date, expected yyyy-mm-dd or dd/mm/yyyy"),
        (where, 4, "L: Trọng số", "weight must be above 0"),
        (where, 5, "M: Trạng thái", "unknown value"),
        (where, 6, "C: Mã chỉ tiêu", "unknown target code"),
        (where, 6, "N: Tiến độ (%)", "progress outside 0–100"),
        (where, 7, "A: Mã nhiệm vụ", "duplicate of row 6"),
    ]


def test_a_parent_cycle_is_refused(book: Path) -> None:
    set_cell(book, TASKS, "NV1", "Mã nhiệm vụ cha", "NV1.1")
    where = "ke-hoach.xlsx, trang tính (sheet) 'Nhiệm vụ'"
    reasons = _refused(book)
    assert (where, 2, "B: Mã nhiệm vụ cha", "parent cycle: the task is under itself") in reasons
    assert (where, 3, "B: Mã nhiệm vụ cha", "parent cycle: the task is under itself") in reasons


def test_a_progress_typed_on_a_task_with_sub_tasks_must_be_the_rolled_up_one(book: Path) -> None:
    # NV1 rolls up to (1 × 100 + 3 × 20) / 4 = 40; 55 is neither that nor the exported 40
    set_cell(book, TASKS, "NV1", "Tiến độ (%)", 55)
    (error,) = _refused(book)
    assert error[1:3] == (2, "N: Tiến độ (%)")
    assert error[3] == "progress is computed (40) from sub-tasks or occurrences; leave it empty"


def test_a_progress_typed_on_a_recurring_task_must_be_its_share_of_occurrences(book: Path) -> None:
    set_cell(book, TASKS, "NV2", "Tiến độ (%)", 100)  # 1 of 2 done is 50
    (error,) = _refused(book)
    assert error[1:] == (
        5,
        "N: Tiến độ (%)",
        "progress is computed (50) from sub-tasks or occurrences; leave it empty",
    )


def test_an_occurrence_must_fall_on_a_deadline_of_a_recurring_task(book: Path) -> None:
    # NV2's deadlines: 31/03/2023 and 30/06/2023; 30/09/2023 is past repeat-until
    append_row(book, "Lần thực hiện", {"Mã nhiệm vụ": "NV2", "Hạn của lần thực hiện": "30/09/2023",
                                       "Ngày hoàn thành": "29/09/2023"})  # fmt: skip
    append_row(book, "Lần thực hiện", {"Mã nhiệm vụ": "NV3", "Hạn của lần thực hiện": "29/09/2023",
                                       "Ngày hoàn thành": "29/09/2023"})  # fmt: skip
    where = "ke-hoach.xlsx, trang tính (sheet) 'Lần thực hiện'"
    assert _refused(book) == [
        (where, 3, "B: Hạn của lần thực hiện", "not one of the task's deadlines"),
        (where, 4, "A: Mã nhiệm vụ", "the task does not recur"),
    ]


def test_an_unknown_plan_id_and_a_missing_sheet_are_refused(book: Path, tmp_path: Path) -> None:
    set_cell(book, "Kế hoạch", "2", "Mã kế hoạch", 999)
    (error,) = _refused(book)
    assert error[1:] == (
        2,
        "A: Mã kế hoạch",
        "no plan with this id; leave it empty to create a new plan",
    )
    from openpyxl import load_workbook

    wb = load_workbook(book)
    del wb["Chỉ tiêu"]
    wb.save(book)
    assert ("ke-hoach.xlsx", None, "", "missing sheet") in _refused(book)


def test_the_report_reads_in_vietnamese_and_english(book: Path) -> None:
    set_cell(book, TASKS, "NV3", "Trọng số", -1)
    with pytest.raises(ImportRejected) as caught:
        import_plan_book(book, day=DAY)
    assert (
        "ke-hoach.xlsx, trang tính (sheet) 'Nhiệm vụ', dòng (line) 6, cột (field) 'L: Trọng số'"
        " = '-1.0': Trọng số phải lớn hơn 0 (weight must be above 0)"
    ) in caught.value.report()


def test_a_file_that_is_not_a_workbook_is_refused(db: None, tmp_path: Path) -> None:
    path = tmp_path / "ke-hoach.xlsx"
    path.write_text("ma,ten\n1,2\n", encoding="utf-8")
    with pytest.raises(ImportRejected) as caught:
        import_plan_book(path, day=DAY)
    assert [(e.file, e.reason_vi) for e in caught.value.errors] == [
        ("ke-hoach.xlsx", "Không đọc được tệp XLSX")
    ]


def test_a_recurring_deadline_on_a_day_off_moves_to_the_next_working_day(book: Path) -> None:
    # a monthly task from 30/09/2023 (a Saturday) to 31/10/2023: its first deadline ends on
    # Monday 02/10/2023 (Civil Code art. 148(5)), the second on Tuesday 31/10/2023
    monthly: dict[str, object] = {"Mã nhiệm vụ": "NV4", "Nội dung nhiệm vụ": "Báo cáo tháng",
               "Mã đơn vị chủ trì": "SNV", "Thời hạn": "30/09/2023",
               "Lặp lại": "Hằng tháng", "Lặp lại đến ngày": "31/10/2023"}  # fmt: skip
    append_row(book, TASKS, monthly)
    append_row(book, "Lần thực hiện", {"Mã nhiệm vụ": "NV4", "Hạn của lần thực hiện": "30/09/2023",
                                       "Ngày hoàn thành": "29/09/2023"})  # fmt: skip
    (error,) = _refused(book)
    assert error[1:] == (3, "B: Hạn của lần thực hiện", "not one of the task's deadlines")
    set_cell(book, "Lần thực hiện", "3", "Hạn của lần thực hiện", "02/10/2023")
    result = import_plan_book(book, day=DAY)
    assert result.counts["Lần thực hiện"]["created"] == 1
    assert Occurrence.objects.filter(task__code="NV4", due_on=dt.date(2023, 10, 2)).exists()


def test_an_unknown_co_operating_unit_is_named(book: Path) -> None:
    set_cell(book, TASKS, "NV1", "Mã đơn vị phối hợp", "STP; XYZ")
    (error,) = _refused(book)
    assert error[1:] == (2, "G: Mã đơn vị phối hợp", "unknown unit code")


def test_an_unknown_indicator_code_is_refused(book: Path) -> None:
    set_cell(book, "Chỉ tiêu", "T2", "Mã chỉ số cchc", "766.9z")
    where = "ke-hoach.xlsx, trang tính (sheet) 'Chỉ tiêu'"
    assert [r for r in _refused(book) if r[3] == "unknown indicator code"] == [
        (where, 3, "D: Mã chỉ số cchc", "unknown indicator code")
    ]
