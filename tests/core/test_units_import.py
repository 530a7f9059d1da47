"""`cchc import units FILE`: all-or-nothing validation, upsert by code, batches recorded."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook

from cchc import cli
from cchc.core.importing import ImportRejected
from cchc.core.models import ImportBatch, Unit, UnitKind
from cchc.core.units_import import import_units

HEADER = "unit_code,name,kind,parent_code,valid_from,valid_to\n"

# Children come before their parent (T01 is on the last line): allowed.
GOOD = HEADER + (
    "SNV,Sở Nội vụ,Sở,T01,,\n"
    "H01,Huyện Châu Đức,huyện,T01,,30/06/2025\n"
    "X01,Xã Ngãi Giao,Xã/Phường/Đặc khu,H01,2020-01-01,2025-06-30\n"
    "P01,Phòng CCHC,division,SNV,,\n"
    "T01,Tỉnh Thử Nghiệm,province,,,\n"
)


def _write(tmp_path: Path, text: str, name: str = "units.csv", bom: bool = False) -> Path:
    path = tmp_path / name
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode())
    return path


@pytest.mark.django_db
def test_it_imports_a_good_file_with_parents_later_in_the_file(tmp_path: Path) -> None:
    report = import_units(_write(tmp_path, GOOD, bom=True))
    assert (report.rows_total, report.inserted, report.updated) == (5, 5, 0)
    x01 = Unit.objects.get(code="X01")
    assert x01.kind == UnitKind.COMMUNE and x01.parent is not None and x01.parent.code == "H01"
    assert x01.valid_from == dt.date(2020, 1, 1) and x01.valid_to == dt.date(2025, 6, 30)
    assert Unit.objects.get(code="SNV").kind == UnitKind.AGENCY
    assert Unit.objects.get(code="H01").valid_to == dt.date(2025, 6, 30)
    batch = ImportBatch.objects.get(kind="units")
    assert batch.status == ImportBatch.Status.DONE and batch.inserted == 5
    assert len(batch.file_hash) == 64


@pytest.mark.django_db
def test_reimport_upserts_by_code(tmp_path: Path) -> None:
    import_units(_write(tmp_path, GOOD))
    changed = GOOD.replace("Phòng CCHC,division,SNV", "Phòng Cải cách hành chính,division,T01")
    report = import_units(_write(tmp_path, changed, name="again.csv"))
    assert (report.inserted, report.updated, report.unchanged) == (0, 1, 4)
    p01 = Unit.objects.get(code="P01")
    assert p01.name == "Phòng Cải cách hành chính" and p01.parent is not None
    assert p01.parent.code == "T01"
    assert Unit.objects.count() == 5


@pytest.mark.django_db
def test_it_imports_xlsx_with_date_cells(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["unit_code", "name", "kind", "parent_code", "valid_from", "valid_to"])
    sheet.append(["T01", "Tỉnh Thử Nghiệm", "Tỉnh", None, dt.datetime(2025, 7, 1), None])
    path = tmp_path / "units.xlsx"
    workbook.save(path)
    import_units(path)
    assert Unit.objects.get(code="T01").valid_from == dt.date(2025, 7, 1)


BAD_CASES = [
    ("missing column", "unit_code,name,kind,parent_code,valid_from\nT01,Tỉnh,province,,\n",
     1, "valid_to", "Thiếu cột bắt buộc"),
    ("bad kind", HEADER + "T01,Tỉnh,bộ,,,\n", 2, "kind", "Loại đơn vị không hợp lệ"),
    ("bad date", HEADER + "T01,Tỉnh,province,,31/02/2025,\n", 2, "valid_from", "Ngày không hợp lệ"),
    ("dates reversed", HEADER + "T01,Tỉnh,province,,2025-07-01,2025-06-30\n", 2, "valid_to",
     "trước ngày bắt đầu"),
    ("unknown parent", HEADER + "X01,Xã,commune,H99,,\n", 2, "parent_code",
     "Không có đơn vị cấp trên"),
    ("duplicate code", HEADER + "T01,Tỉnh,province,,,\nT01,Tỉnh khác,province,,,\n", 3,
     "unit_code", "trùng với dòng 2"),
    ("empty name", HEADER + "T01,,province,,,\n", 2, "name", "Thiếu tên"),
    ("loop", HEADER + "A,A,district,B,,\nB,B,district,A,,\n", 2, "parent_code", "vòng lặp"),
]  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize(("case", "text", "line", "field", "reason"), BAD_CASES)
def test_a_bad_file_is_rejected_whole_with_file_line_field_and_reason(
    tmp_path: Path, case: str, text: str, line: int, field: str, reason: str
) -> None:
    good_row = "" if case == "missing column" else "Z01,Tỉnh tốt,province,,,\n"
    path = _write(tmp_path, text + good_row)
    with pytest.raises(ImportRejected) as caught:
        import_units(path)
    errors = caught.value.errors
    assert any(e.line == line and e.field == field and reason in e.reason_vi for e in errors)
    assert all(e.file == "units.csv" for e in errors)
    report = caught.value.report()
    assert f"units.csv, dòng (line) {line}, cột (field) '{field}'" in report
    assert Unit.objects.count() == 0  # nothing written, not even the good row
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.REJECTED


@pytest.mark.django_db
def test_skip_invalid_writes_rejected_rows_and_drops_orphans(tmp_path: Path) -> None:
    text = HEADER + (
        "T01,Tỉnh,province,,,\n"
        "H01,Huyện,huyện lỵ,T01,,\n"  # bad kind
        "X01,Xã,commune,H01,,\n"  # its parent was rejected
        "X02,Xã 2,commune,T01,,\n"
    )
    out = tmp_path / "rejected.csv"
    report = import_units(_write(tmp_path, text), skip_invalid=True, rejected_out=out)
    assert (report.inserted, report.rejected) == (2, 2)
    assert set(Unit.objects.values_list("code", flat=True)) == {"T01", "X02"}
    with out.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["unit_code"], r["line"]) for r in rows] == [("H01", "3"), ("X01", "4")]
    assert "kind" in rows[0]["reason"] and "parent_code" in rows[1]["reason"]


@pytest.mark.django_db(transaction=True)
def test_import_units_command_exit_codes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["import", "units", str(_write(tmp_path, GOOD))]) == 0
    assert "thêm mới 5" in capsys.readouterr().out
    bad = _write(tmp_path, HEADER + "Q01,Tỉnh,planet,,,\n", name="bad.csv")
    assert cli.main(["import", "units", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "bad.csv, dòng (line) 2, cột (field) 'kind' = 'planet'" in err
    assert not Unit.objects.filter(code="Q01").exists()
