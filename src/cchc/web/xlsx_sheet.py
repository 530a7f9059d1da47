"""One sheet of an XLSX made for people: a title block (what, period, unit view, data as of), a
blank line, a bold header row that stays frozen, an autofilter over the table, column widths,
real dates (dd/mm/yyyy), real numbers and percentages.

Write-only mode (constant memory); text cells starting with = + - @ (or tab / carriage return)
are prefixed with ' so that a spreadsheet does not run them as formulas (OWASP "CSV injection").
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from django.http import FileResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

Value = str | int | float | dt.date | None
DATE_FORMAT = "DD/MM/YYYY"
PERCENT_FORMAT = "0.0%"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    return "'" + value if value.startswith(_DANGEROUS) else value


@dataclass(frozen=True)
class SheetColumn:
    header: str
    width: int  # in characters
    kind: str = "text"  # text | number | percent (a fraction 0–1) | date


def add_sheet(
    book: Workbook,
    name: str,
    title: Sequence[str],
    columns: Sequence[SheetColumn],
    rows: Iterable[Sequence[Value]],
) -> int:
    """Append a sheet holding `title`, then the table; returns the number of rows written."""
    sheet = book.create_sheet(name)
    head_row = len(title) + 2  # the title, a blank line, the header
    sheet.freeze_panes = f"A{head_row + 1}"
    for i, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = column.width
    for i, line in enumerate(title):
        cell = WriteOnlyCell(sheet, value=safe_cell(line))
        cell.font = Font(bold=i == 0, size=14 if i == 0 else 11)
        sheet.append([cell])
    sheet.append([])
    heads = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column.header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        heads.append(cell)
    sheet.append(heads)
    written = 0
    for row in rows:
        sheet.append([_cell(sheet, c, v) for c, v in zip(columns, row, strict=True)])
        written += 1
    last = head_row + written
    sheet.auto_filter.ref = f"A{head_row}:{get_column_letter(len(columns))}{last}"
    return written


def _cell(sheet: object, column: SheetColumn, value: Value) -> object:
    if isinstance(value, str):
        return safe_cell(value)
    if isinstance(value, dt.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    if column.kind == "percent" and value is not None:
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = PERCENT_FORMAT
        return cell
    return value


def new_book() -> Workbook:
    return Workbook(write_only=True)


def save_temporary(book: Workbook, prefix: str) -> Path:
    """Saved to a temporary file; the caller deletes it (FileResponse after sending)."""
    fd, name = tempfile.mkstemp(prefix=prefix, suffix=".xlsx")
    os.close(fd)
    book.save(name)
    return Path(name)


def xlsx_response(path: Path, filename: str) -> FileResponse:
    """Send the temporary file and remove it: the open handle keeps the data until the response is
    sent (POSIX)."""
    handle = path.open("rb")
    os.unlink(path)
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=XLSX_TYPE)
