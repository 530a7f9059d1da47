"""Shared pieces of every file import: reading a table, row errors, rejection reports.

The contract (used by units, procedures and dossier imports; keep the API stable):

- `RowError(file, line, field, value, reason_vi, reason_en)`: one problem in one cell. `line` is
  the line a user sees in a spreadsheet or text editor (the header is line 1; `None` for a problem
  with the whole file).
- `ImportRejected(errors)`: raised when a batch is refused as a whole; `str()` / `.report()` give a
  readable Vietnamese + English list.
- `write_rejected(path, header, rejected)`: the `--rejected OUT.csv` file for `--skip-invalid`:
  the bad rows as they were read, plus `line` and `reason` columns.
- `read_table(path, required=...)`: CSV (UTF-8 with or without BOM, `,` or `;`) or XLSX (first
  sheet) as a header and `(line, row dict)` pairs, cells stripped, empty rows skipped.
- `parse_date(text)`: ISO `2025-07-01` or `01/07/2025`.
- `ImportReport`: what an import did (counts, batch id, notes), printable with `.lines()`.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

MAX_ERRORS_SHOWN = 50
HEADER_SEARCH_ROWS = 10


@dataclass(frozen=True)
class RowError:
    """One problem in one cell of an import file."""

    file: str
    line: int | None
    field: str
    value: str
    reason_vi: str
    reason_en: str

    def message(self) -> str:
        where = f"{self.file}, dòng (line) {self.line}" if self.line is not None else self.file
        cell = f"cột (field) '{self.field}'" if self.field else ""
        value = f" = {self.value!r}" if self.value else ""
        place = f"{where}, {cell}{value}" if cell else where
        return f"{place}: {self.reason_vi} ({self.reason_en})"

    def __str__(self) -> str:
        return self.message()


class ImportRejected(Exception):
    """The whole batch was refused; nothing was written."""

    def __init__(self, errors: Sequence[RowError], rows_total: int | None = None) -> None:
        self.errors = list(errors)
        self.rows_total = rows_total
        super().__init__(self.report())

    def report(self, limit: int = MAX_ERRORS_SHOWN) -> str:
        bad_lines = {e.line for e in self.errors if e.line is not None}
        head = (
            f"Tệp bị từ chối, không có thay đổi nào được ghi: {len(self.errors)} lỗi"
            f" trên {len(bad_lines)} dòng"
            f" (file rejected, nothing was written: {len(self.errors)} errors"
            f" on {len(bad_lines)} lines)"
        )
        lines = [head]
        lines.extend(f"  - {e.message()}" for e in self.errors[:limit])
        if len(self.errors) > limit:
            rest = len(self.errors) - limit
            lines.append(f"  … và {rest} lỗi khác (and {rest} more errors)")
        return "\n".join(lines)


def errors_by_line(errors: Iterable[RowError]) -> dict[int, list[RowError]]:
    """Group row errors by line (file-level errors, with no line, are left out)."""
    grouped: dict[int, list[RowError]] = {}
    for error in errors:
        if error.line is not None:
            grouped.setdefault(error.line, []).append(error)
    return grouped


def reason_text(errors: Iterable[RowError]) -> str:
    return "; ".join(
        f"{e.field}: {e.reason_vi} ({e.reason_en})" if e.field else f"{e.reason_vi} ({e.reason_en})"
        for e in errors
    )


def write_rejected(
    path: Path | str,
    header: Sequence[str],
    rejected: Iterable[tuple[int, Mapping[str, str], Sequence[RowError]]],
) -> int:
    """Write the rejected rows (as read, plus `line` and `reason`) to a UTF-8 CSV; return the count.

    The BOM makes Excel open the Vietnamese text correctly.
    """
    count = 0
    with Path(path).open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow([*header, "line", "reason"])
        for line, row, errors in rejected:
            writer.writerow([*(row.get(h, "") for h in header), line, reason_text(errors)])
            count += 1
    return count


@dataclass
class ImportReport:
    """What one import did; `lines()` is what the command prints."""

    file: str
    kind: str
    rows_total: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    batch_id: int | None = None
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [
            f"{self.file}: {self.rows_total} dòng (rows); thêm mới {self.inserted}, cập nhật"
            f" {self.updated}, không đổi {self.unchanged}, bị loại {self.rejected}"
            f" (inserted, updated, unchanged, rejected)",
            *self.notes,
        ]


@dataclass
class Table:
    """A small file read whole: header names and `(line, row)` pairs."""

    file: str
    header: list[str]
    rows: list[tuple[int, dict[str, str]]]

    def missing_columns(self, required: Collection[str], header_line: int = 1) -> list[RowError]:
        return [
            RowError(
                self.file,
                header_line,
                column,
                "",
                "Thiếu cột bắt buộc",
                "missing required column",
            )
            for column in required
            if column not in self.header
        ]


def file_sha256(path: Path | str) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _raw_rows(path: Path) -> Iterator[list[str]]:
    suffix = path.suffix.lower()
    if suffix in {".xlsx", ".xlsm"}:
        from openpyxl import load_workbook

        workbook = load_workbook(path, read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            for values in sheet.iter_rows(values_only=True):
                yield [_cell(v) for v in values]
        finally:
            workbook.close()
        return
    with path.open(encoding="utf-8-sig", newline="") as handle:
        first = handle.readline()
        handle.seek(0)
        delimiter = ";" if first.count(";") > first.count(",") else ","
        for values in csv.reader(handle, delimiter=delimiter):
            yield [v.strip() for v in values]


def read_table(path: Path | str, required: Collection[str] = ()) -> Table:
    """Read a CSV or XLSX file. The header is the first row holding all `required` columns
    (within the first rows, so a title row above it is allowed), else the first non-empty row.

    Raises `ImportRejected` when the file cannot be read as text or has no header.
    """
    path = Path(path)
    name = path.name
    try:
        raw = list(_raw_rows(path))
    except UnicodeDecodeError as exc:
        raise ImportRejected(
            [RowError(name, None, "", "", "Tệp không phải UTF-8", f"file is not UTF-8: {exc}")]
        ) from exc
    except (OSError, ValueError, KeyError) as exc:
        raise ImportRejected(
            [RowError(name, None, "", "", "Không đọc được tệp", f"cannot read file: {exc}")]
        ) from exc
    header_index = None
    for index, values in enumerate(raw[:HEADER_SEARCH_ROWS]):
        if required and set(required) <= set(values):
            header_index = index
            break
    if header_index is None:
        header_index = next((i for i, values in enumerate(raw) if any(values)), None)
    if header_index is None:
        raise ImportRejected([RowError(name, None, "", "", "Tệp rỗng", "file is empty")])
    header = [h.lstrip("\ufeff") for h in raw[header_index]]
    rows: list[tuple[int, dict[str, str]]] = []
    for offset, values in enumerate(raw[header_index + 1 :], start=header_index + 2):
        if not any(values):
            continue
        padded = values + [""] * (len(header) - len(values))
        rows.append((offset, dict(zip(header, padded, strict=False))))
    return Table(name, header, rows)


def parse_date(text: str) -> dt.date:
    """`2025-07-01` or `01/07/2025` (also `1/7/2025`, `01-07-2025`). Raises ValueError."""
    text = text.strip()
    if len(text) >= 10 and text[4] == "-":
        return dt.date.fromisoformat(text[:10])
    for sep in ("/", "-", "."):
        parts = text.split(sep)
        if len(parts) == 3 and len(parts[2]) == 4:
            day, month, year = (int(p) for p in parts)
            return dt.date(year, month, day)
    raise ValueError(text)


DATE_ERROR_VI = "Ngày không hợp lệ, cần dạng yyyy-mm-dd hoặc dd/mm/yyyy"
DATE_ERROR_EN = "invalid date, expected yyyy-mm-dd or dd/mm/yyyy"
