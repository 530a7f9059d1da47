"""The late list as CSV or XLSX, safe to open in a spreadsheet.

Names beside codes: the handling unit's code and its name on the period's end, then the view's
column (its header names the view; the cell holds the unit each dossier is shown under in it: as
was, the handling unit; as is, today's unit that carries on its work), the procedure's code and
its name. Each row says why it is late (dossiers/late_reasons.py).

The XLSX is for people: a title (what, period, unit view, data as of), real dates and numbers,
the header row frozen, an autofilter and column widths. The CSV is for programs: the header
first, dates dd/mm/yyyy.

Cells starting with = + - @ (or tab / carriage return) are prefixed with ' so that a spreadsheet
does not run them as formulas (OWASP "CSV injection").
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from cchc.core.unit_views import UnitView
from cchc.core.vn_format import vn_date
from cchc.dossiers.late import FLAGS, LateRow
from cchc.dossiers.late_names import LateNames, channel_label
from cchc.web.xlsx_sheet import SheetColumn, add_sheet, new_book, safe_cell, save_temporary

Value = str | int | dt.date | None
# (header, width in characters); "" is the view's column: view_column(view)
_COLUMNS = [
    ("Mã hồ sơ", 18),
    ("Mã đơn vị", 14),
    ("Tên đơn vị (ngày cuối kỳ)", 30),
    ("", 30),
    ("Mã thủ tục", 12),
    ("Tên thủ tục", 50),
    ("Lĩnh vực", 18),
    ("Kênh", 11),
    ("Ngày tiếp nhận", 12),
    ("Hạn trả", 12),
    ("Hạn theo quy định", 12),
    ("Ngày kết thúc", 12),
    ("Số ngày trễ (ngày làm việc)", 10),
    ("Tình trạng", 16),
    ("Dấu hiệu", 24),
    ("Lý do trễ hạn", 50),
    ("Mã bí danh người nộp", 20),
]


def view_column(view: UnitView) -> str:
    return f"Đơn vị theo cách xem: {view.label}"


def header(view: UnitView) -> list[str]:
    return [name or view_column(view) for name, _ in _COLUMNS]


def row_values(row: LateRow, show_applicant: bool, names: LateNames) -> list[Value]:
    """One row's cells: text made safe, dates as dates, days late as a number."""
    code = row.unit_code
    return [
        safe_cell(row.code),
        safe_cell(code),
        safe_cell(names.unit(code)),
        safe_cell(names.shown(code)),
        safe_cell(row.procedure_code),
        safe_cell(names.procedure(row.procedure_code)),
        safe_cell(row.sector),
        channel_label(row.channel),
        row.received_on,
        row.deadline_on,
        row.statutory_due_on,
        row.finished_on,
        row.days_late,
        row.status_label,
        "; ".join(FLAGS.get(f, f) for f in row.flags),
        row.reasons_text,
        safe_cell(row.applicant_pseudonym) if show_applicant else "",
    ]


class _Echo:
    def write(self, value: str) -> str:
        return value


def _text(value: Value) -> str | int:
    if isinstance(value, dt.date):
        return vn_date(value)
    return "" if value is None else value


def csv_lines(
    rows: Iterable[LateRow], show_applicant: Callable[[str], bool], names: LateNames
) -> Iterator[str]:
    """CSV text, UTF-8 with BOM first so that Excel reads Vietnamese letters right."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(header(names.frame.view))
    for row in rows:
        values = row_values(row, show_applicant(row.unit_code), names)
        yield writer.writerow([_text(v) for v in values])


def write_xlsx(
    rows: Iterable[LateRow],
    show_applicant: Callable[[str], bool],
    names: LateNames,
    title: list[str],
) -> Path:
    """A temporary XLSX file (write-only mode: constant memory); the caller deletes it.

    `title`: the lines above the header (what, period, unit view, data as of)."""
    book = new_book()
    columns = [
        SheetColumn(name, width, "number" if name.startswith("Số ngày") else "text")
        for name, (_, width) in zip(header(names.frame.view), _COLUMNS, strict=True)
    ]
    values = (row_values(row, show_applicant(row.unit_code), names) for row in rows)
    add_sheet(book, "Hồ sơ trễ hạn", title, columns, values)
    return save_temporary(book, "cchc-late-")
