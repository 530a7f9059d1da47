"""The late list as CSV or XLSX, safe to open in a spreadsheet.

The unit view is stated in the header: the column after the handling unit's code names the view
and holds the unit each dossier is shown under in it (as was: the handling unit, by its name at
the period's end; as is: today's unit that carries on its work).

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

from cchc.core.unit_views import UnitFrame, UnitView
from cchc.core.units import names_on
from cchc.core.vn_format import vn_date
from cchc.dossiers.late import FLAGS, LateRow

_HEADER = [
    "Mã hồ sơ",
    "Mã đơn vị",
    "",  # the view's unit: view_column(view)
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


def view_column(view: UnitView) -> str:
    return f"Đơn vị theo cách xem: {view.label}"


def header(view: UnitView) -> list[str]:
    return [name or view_column(view) for name in _HEADER]


def safe_cell(value: str) -> str:
    return "'" + value if value.startswith(_DANGEROUS) else value


class ShownUnit:
    """The name of the unit a dossier is shown under in a frame (names of the frame's day)."""

    def __init__(self, frame: UnitFrame) -> None:
        self.frame = frame
        self.names = names_on(frame.day)

    def __call__(self, unit_code: str) -> str:
        shown = self.frame.shown(unit_code)
        return self.names.get(shown, shown)


def row_values(row: LateRow, show_applicant: bool, shown_unit: str) -> list[str | int]:
    return [
        safe_cell(row.code),
        safe_cell(row.unit_code),
        safe_cell(shown_unit),
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


def csv_lines(
    rows: Iterable[LateRow], show_applicant: Callable[[str], bool], frame: UnitFrame
) -> Iterator[str]:
    """CSV text, UTF-8 with BOM first so that Excel reads Vietnamese letters right."""
    writer = csv.writer(_Echo())
    shown = ShownUnit(frame)
    yield "\ufeff" + writer.writerow(header(frame.view))
    for row in rows:
        code = row.unit_code
        yield writer.writerow(row_values(row, show_applicant(code), shown(code)))


def write_xlsx(
    rows: Iterable[LateRow], show_applicant: Callable[[str], bool], frame: UnitFrame
) -> Path:
    """A temporary XLSX file (write-only mode: constant memory); the caller deletes it."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Hồ sơ trễ hạn")
    sheet.append(header(frame.view))
    shown = ShownUnit(frame)
    for row in rows:
        code = row.unit_code
        sheet.append(row_values(row, show_applicant(code), shown(code)))
    fd, name = tempfile.mkstemp(prefix="cchc-late-", suffix=".xlsx")
    os.close(fd)
    book.save(name)
    return Path(name)
