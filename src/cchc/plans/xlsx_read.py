"""Read a plan workbook's cells: each sheet of the layout found by name, its columns by header, and
each cell turned into text, a date, a number or a stored value, every problem kept as a RowError
naming the sheet, the row, the column (letter and header) and the reason."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from zipfile import BadZipFile

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from cchc.core.importing import DATE_ERROR_EN, DATE_ERROR_VI, RowError, parse_date
from cchc.plans.xlsx_layout import SHEETS, Sheet, folded, value_of_word


def where(file: str, sheet: Sheet) -> str:
    return f"{file}, trang tính (sheet) '{sheet.name}'"


@dataclass
class Cells:
    """One row of a sheet; each reader records a RowError for a bad cell and returns None."""

    file: str
    sheet: Sheet
    line: int
    raw: dict[str, object]
    letters: dict[str, str]
    errors: list[RowError]

    def error(self, key: str, value: object, reason_vi: str, reason_en: str) -> None:
        column = self.sheet.column(key)
        letter = self.letters.get(key, "")
        name = f"{letter}: {column.header}" if letter else column.header
        shown = "" if value is None else str(value)
        self.errors.append(
            RowError(where(self.file, self.sheet), self.line, name, shown, reason_vi, reason_en)
        )

    def text(self, key: str, required: bool = False) -> str:
        value = self.raw.get(key)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = "" if value is None else str(value).strip()
        if required and not text:
            self.error(key, "", "Ô bắt buộc bị trống", "required cell is empty")
        return text

    def date(self, key: str, required: bool = False) -> dt.date | None:
        value = self.raw.get(key)
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        text = self.text(key, required)
        if not text:
            return None
        try:
            return parse_date(text)
        except ValueError:
            self.error(key, text, DATE_ERROR_VI, DATE_ERROR_EN)
            return None

    def number(self, key: str, required: bool = False) -> float | None:
        value = self.raw.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        text = self.text(key, required)
        if not text:
            return None
        try:
            return float(text.replace(" ", "").replace(",", "."))
        except ValueError:
            self.error(key, text, "Không phải số", "not a number")
            return None

    def whole(self, key: str) -> int | None:
        number = self.number(key)
        if number is None:
            return None
        if not number.is_integer():
            self.error(key, number, "Cần số nguyên", "a whole number is expected")
            return None
        return int(number)

    def word(self, key: str, words: dict[str, str], default: str | None = None) -> str | None:
        text = self.text(key, required=default is None and "" not in words)
        if not text and default is not None:
            return default
        value = value_of_word(words, text)
        if value is None and text:
            listed = ", ".join(w for w in words.values() if w)
            self.error(
                key, text, f"Giá trị không hợp lệ, chọn một trong: {listed}", "unknown value"
            )
        return value


@dataclass
class SheetRows:
    sheet: Sheet
    rows: list[Cells] = field(default_factory=list)


def read_book(path: Path, errors: list[RowError]) -> dict[str, SheetRows]:
    """The layout's sheets found in the file (a missing sheet or required column is an error)."""
    try:
        book = load_workbook(path, data_only=True)
    except (OSError, ValueError, KeyError, InvalidFileException, BadZipFile) as exc:
        errors.append(
            RowError(path.name, None, "", "", "Không đọc được tệp XLSX", f"cannot read: {exc}")
        )
        return {}
    found: dict[str, SheetRows] = {}
    by_name = {folded(ws.title): ws for ws in book.worksheets}
    for sheet in SHEETS:
        ws = by_name.get(folded(sheet.name))
        if ws is None:
            if not sheet.read_only:
                errors.append(
                    RowError(path.name, None, "", sheet.name, "Thiếu trang tính", "missing sheet")
                )
            continue
        values = list(ws.iter_rows(values_only=True))
        header = [folded(str(v)) if v is not None else "" for v in (values[0] if values else ())]
        letters: dict[str, str] = {}
        positions: dict[str, int] = {}
        for column in sheet.columns:
            if folded(column.header) in header:
                position = header.index(folded(column.header))
                positions[column.key] = position
                letters[column.key] = get_column_letter(position + 1)
            elif not column.shown_only and not sheet.read_only:
                error = RowError(
                    where(path.name, sheet), 1, column.header, "", "Thiếu cột", "missing column"
                )
                errors.append(error)
        rows = SheetRows(sheet)
        for line, cells in enumerate(values[1:], start=2):
            raw = {key: cells[p] if p < len(cells) else None for key, p in positions.items()}
            if all(v is None or str(v).strip() == "" for v in raw.values()):
                continue
            rows.rows.append(Cells(path.name, sheet, line, raw, letters, errors))
        found[sheet.name] = rows
    return found
