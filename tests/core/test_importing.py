"""The shared import pieces: reading tables, row errors, rejection reports, rejected-row files."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook

from cchc.core.importing import (
    ImportRejected,
    RowError,
    parse_date,
    read_table,
    write_rejected,
)


def test_it_reads_csv_with_bom_and_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "u.csv"
    path.write_bytes("\ufeffa;b\n1;Bà Rịa\n\n2;\n".encode())
    table = read_table(path)
    assert table.header == ["a", "b"]
    assert table.rows == [(2, {"a": "1", "b": "Bà Rịa"}), (4, {"a": "2", "b": ""})]


def test_it_finds_the_header_below_a_title_row_in_xlsx(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Danh mục thủ tục"])
    sheet.append(["code", "when"])
    sheet.append(["1.000178", dt.datetime(2025, 7, 1)])
    path = tmp_path / "p.xlsx"
    workbook.save(path)
    table = read_table(path, required=["code"])
    assert table.header == ["code", "when"]
    assert table.rows == [(3, {"code": "1.000178", "when": "2025-07-01"})]


def test_missing_columns_name_the_column() -> None:
    errors = read_table_missing()
    assert [e.field for e in errors] == ["kind"]
    assert "Thiếu cột bắt buộc" in errors[0].message()


def read_table_missing() -> list[RowError]:
    from cchc.core.importing import Table

    return Table("f.csv", ["unit_code", "name"], []).missing_columns(["unit_code", "kind"])


def test_rejection_report_names_file_line_field_value_and_both_languages() -> None:
    error = RowError("u.csv", 7, "kind", "huyen x", "Loại không hợp lệ", "unknown kind")
    report = ImportRejected([error] * 60).report()
    assert "u.csv, dòng (line) 7, cột (field) 'kind' = 'huyen x'" in report
    assert "Loại không hợp lệ (unknown kind)" in report
    assert "60 lỗi trên 1 dòng" in report
    assert "và 10 lỗi khác" in report


def test_rejected_rows_file_keeps_row_and_gives_reason(tmp_path: Path) -> None:
    out = tmp_path / "rej.csv"
    error = RowError("u.csv", 3, "valid_from", "31/02/2025", "Ngày sai", "bad date")
    count = write_rejected(
        out,
        ["unit_code", "valid_from"],
        [(3, {"unit_code": "X", "valid_from": "31/02/2025"}, [error])],
    )
    assert count == 1
    with out.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert rows == [
        {
            "unit_code": "X",
            "valid_from": "31/02/2025",
            "line": "3",
            "reason": "valid_from: Ngày sai (bad date)",
        }
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-07-01", dt.date(2025, 7, 1)),
        ("01/07/2025", dt.date(2025, 7, 1)),
        ("1/7/2025", dt.date(2025, 7, 1)),
    ],
)
def test_parse_date_accepts_iso_and_vietnamese_forms(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["31/02/2025", "2025/13/01", "hôm qua", ""])
def test_parse_date_rejects_nonsense(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text)
