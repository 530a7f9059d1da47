"""Write the plan layout (xlsx_layout) to a file: one sheet per part, a bold frozen header, real
dates shown dd/mm/yyyy, drop-down lists of the Vietnamese words of coded columns."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from cchc.plans.xlsx_layout import SHEETS, WORDS_OF_COLUMN, Sheet

Row = Mapping[str, object]
DATE_FORMAT = "DD/MM/YYYY"
SHOWN_ONLY_FILL = PatternFill("solid", fgColor="EEEEEE")
LIST_ROWS = 500  # rows a drop-down list covers below the header


def plan_book(rows: Mapping[str, Sequence[Row]]) -> Workbook:
    """Every sheet of the layout, each holding `rows[sheet name]` (keyed by column key)."""
    book = Workbook()
    book.remove(book.active)
    for sheet in SHEETS:
        _write_sheet(book, sheet, rows.get(sheet.name, ()))
    return book


def write_book(path: Path, rows: Mapping[str, Sequence[Row]]) -> None:
    plan_book(rows).save(path)


def _write_sheet(book: Workbook, sheet: Sheet, rows: Sequence[Row]) -> None:
    ws = book.create_sheet(sheet.name)
    ws.freeze_panes = "A2"
    for i, column in enumerate(sheet.columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = column.width
        head = ws.cell(1, i, column.header)
        head.font = Font(bold=True)
        if column.shown_only or sheet.read_only:
            head.fill = SHOWN_ONLY_FILL
    for r, row in enumerate(rows, start=2):
        for i, column in enumerate(sheet.columns, start=1):
            value = row.get(column.key)
            cell = ws.cell(r, i)
            if value is None or value == "":
                continue
            if isinstance(value, dt.date):
                cell.value = value
                cell.number_format = DATE_FORMAT
            elif isinstance(value, int | float):
                cell.value = value
            else:
                cell.value = str(value)
                cell.data_type = "s"  # a text starting with "=" stays text, never a formula
    for i, column in enumerate(sheet.columns, start=1):
        words = WORDS_OF_COLUMN.get((sheet.name, column.key))
        if words:
            letter = get_column_letter(i)
            listed = ",".join(w for w in words.values() if w)
            check = DataValidation(type="list", formula1=f'"{listed}"', allow_blank=True)
            check.add(f"{letter}2:{letter}{LIST_ROWS + 1}")
            ws.add_data_validation(check)
