"""The late list as CSV or XLSX, safe to open in a spreadsheet.

Cells starting with = + - @ (or tab / carriage return) are prefixed with ' so that a spreadsheet
does not run them as formulas (OWASP "CSV injection").
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from openpyxl import Workbook

from cchc.core.vn_format import vn_date
from cchc.dossiers.late import FLAGS, LateRow

HEADER = [
    "Mã hồ sơ",
    "Mã đơn vị",
    "Mã thủ tục",
    "Lĩnh vực",
    "Kênh",
    "Ngày tiếp nhận",
    "Hạn trả",
    "Hạn theo quy định",
    "Ngày kết thúc",
    "Số ngày trễ (ngày làm việc)",
    "Tình trạng",
    "Dấu hiệu",
    "Mã bí danh người nộp",
]
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    return "'" + value if value.startswith(_DANGEROUS) else value


def row_values(row: LateRow, show_applicant: bool) -> list[str | int]:
    return [
        safe_cell(row.code),
        safe_cell(row.unit_code),
        safe_cell(row.procedure_code),
        safe_cell(row.sector),
        row.channel,
        vn_date(row.received_on),
        vn_date(row.deadline_on),
        vn_date(row.statutory_due_on),
        vn_date(row.finished_on),
        row.days_late,
        row.status_label,
        "; ".join(FLAGS.get(f, f) for f in row.flags),
        safe_cell(row.applicant_pseudonym) if show_applicant else "",
    ]


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[LateRow], show_applicant: Callable[[str], bool]) -> Iterator[str]:
    """CSV text, UTF-8 with BOM first so that Excel reads Vietnamese letters right."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(HEADER)
    for row in rows:
        yield writer.writerow(row_values(row, show_applicant(row.unit_code)))


def write_xlsx(rows: Iterable[LateRow], show_applicant: Callable[[str], bool]) -> Path:
    """A temporary XLSX file (write-only mode: constant memory); the caller deletes it."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Hồ sơ trễ hạn")
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row_values(row, show_applicant(row.unit_code)))
    fd, name = tempfile.mkstemp(prefix="cchc-late-", suffix=".xlsx")
    os.close(fd)
    book.save(name)
    return Path(name)
