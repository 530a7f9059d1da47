"""The test world of the plan workbook: one plan with every kind of row the layout carries.

- units: the province (owner), two agencies and a commune (lead and co-operating units);
- targets T1 (PAPI D5, external, with one review value) and T2 (766.total, measured);
- tasks: NV1 with sub-tasks NV1.1 (done, weight 1) and NV1.2 (20 %, weight 3), so NV1 rolls up
  to (1 × 100 + 3 × 20) / 4 = 40 %; NV2 recurring quarterly from 31/03/2023 to 30/06/2023 (two
  deadlines, both Fridays), one occurrence done, so 1 / 2 = 50 %; NV3 answering an inspection
  finding, not started;
- evidence on NV1.1 and a comment on NV1.2 (exported as a listing, never changed by an import).

Plan progress over the top-level tasks: (2 × 40 + 1 × 50 + 1 × 0) / (2 + 1 + 1) = 32,5 %.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from cchc.core.models import Unit, UnitKind
from cchc.inspections.models import Finding, Inspection
from cchc.plans.models_plans import (
    Occurrence,
    Plan,
    Target,
    TargetReview,
    Task,
    TaskComment,
    TaskEvidence,
)

D = dt.date


@dataclass
class World:
    plan: Plan
    finding: Finding


def build_world() -> World:
    province = Unit.objects.create(code="TINH", name="Tỉnh Thử", kind=UnitKind.PROVINCE)
    snv = Unit.objects.create(code="SNV", name="Sở Nội vụ", kind=UnitKind.AGENCY, parent=province)
    stp = Unit.objects.create(code="STP", name="Sở Tư pháp", kind=UnitKind.AGENCY, parent=province)
    x01 = Unit.objects.create(code="X01", name="Xã An Ngãi", kind=UnitKind.COMMUNE, parent=province)
    inspection = Inspection.objects.create(kind="periodic", unit=x01, date=D(2023, 3, 1))
    finding = Finding.objects.create(
        inspection=inspection, category="discipline", severity="reminder", description="Trễ hẹn"
    )
    plan = Plan.objects.create(
        name="Kế hoạch nâng cao chỉ số PAPI năm 2023",
        decision_number="1732/QĐ-UBND",
        decision_date=D(2023, 3, 15),
        period_start=D(2023, 1, 1),
        period_end=D(2023, 12, 31),
        owner_unit=province,
        description="Nâng điểm PAPI",
    )
    t1 = Target.objects.create(
        plan=plan, code="T1", name="Thủ tục hành chính công", kind="external",
        index_name="PAPI", index_code="D5", baseline_value=6.9, baseline_date=D(2022, 12, 31),
        target_value=7.5, target_date=D(2023, 12, 31), source="Báo cáo PAPI", order=1,
    )  # fmt: skip
    t2 = Target.objects.create(
        plan=plan, code="T2", name="Điểm Bộ chỉ số 766", kind="indicator",
        indicator_code="766.total", target_value=90, target_date=D(2023, 12, 31), order=2,
    )  # fmt: skip
    TargetReview.objects.create(target=t1, review_date=D(2023, 6, 30), value=7.0, source="Khảo sát")
    nv1 = Task.objects.create(
        plan=plan, target=t1, code="NV1", name="Rà soát thủ tục", lead_unit=snv,
        deadline=D(2023, 9, 30), weight=2, status="in_progress", order=1,
    )  # fmt: skip
    nv1.co_units.set([stp, x01])
    nv11 = Task.objects.create(
        plan=plan, target=t1, parent=nv1, code="NV1.1", name="Lập danh mục", lead_unit=x01,
        deadline=D(2023, 5, 31), weight=1, status="done", progress=100,
        done_on=D(2023, 5, 15), order=1,
    )  # fmt: skip
    nv12 = Task.objects.create(
        plan=plan, target=t1, parent=nv1, code="NV1.2", name="Đề xuất cắt giảm", lead_unit=stp,
        deadline=D(2023, 9, 29), weight=3, status="in_progress", progress=20, order=2,
    )  # fmt: skip
    nv2 = Task.objects.create(
        plan=plan, target=t2, code="NV2", name="Báo cáo quý", lead_unit=snv,
        deadline=D(2023, 3, 31), recurrence="quarterly", repeat_until=D(2023, 6, 30),
        status="in_progress", order=2,
    )  # fmt: skip
    Occurrence.objects.create(task=nv2, due_on=D(2023, 3, 31), done_on=D(2023, 3, 28))
    Task.objects.create(
        plan=plan, code="NV3", name="Khắc phục trễ hẹn", lead_unit=x01, deadline=D(2023, 9, 29),
        finding=finding, note="Theo kết luận kiểm tra", order=3,
    )  # fmt: skip
    TaskEvidence.objects.create(task=nv11, text="Danh mục thủ tục đã rà soát")
    TaskComment.objects.create(task=nv12, text="Cần thêm số liệu")
    return World(plan, finding)


def sheet_rows(path: Path, sheet: str) -> list[dict[str, Any]]:
    """A sheet's rows keyed by header (values as the file holds them)."""
    book = load_workbook(path)
    values = list(book[sheet].iter_rows(values_only=True))
    header = [str(v) for v in values[0]]
    return [dict(zip(header, row, strict=False)) for row in values[1:]]


def set_cell(path: Path, sheet: str, code: str, header: str, value: object) -> None:
    """Set the cell of `header` in the row whose first cell is `code` (or row number `code`)."""
    book = load_workbook(path)
    ws = book[sheet]
    headers = [c.value for c in ws[1]]
    column = headers.index(header) + 1
    row = (
        int(code)
        if code.isdigit()
        else next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == code)
    )
    ws.cell(row, column).value = value
    book.save(path)


def append_row(path: Path, sheet: str, cells: dict[str, object]) -> int:
    """Add a row (cells keyed by header); returns its row number."""
    book = load_workbook(path)
    ws = book[sheet]
    headers = [c.value for c in ws[1]]
    row = ws.max_row + 1
    for header, value in cells.items():
        ws.cell(row, headers.index(header) + 1).value = value
    book.save(path)
    return int(row)


def delete_row(path: Path, sheet: str, code: str) -> None:
    book = load_workbook(path)
    ws = book[sheet]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == code)
    ws.delete_rows(row)
    book.save(path)
