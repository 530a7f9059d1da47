"""`cchc import units FILE`: units from CSV/XLSX, validated as a whole, upserted by code.

Columns: unit_code, name, kind, parent_code, valid_from, valid_to. A parent may be in the database
or anywhere in the same file (also below its children).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from cchc.core.batches import record_done, record_rejected
from cchc.core.importing import (
    DATE_ERROR_EN,
    DATE_ERROR_VI,
    ImportRejected,
    ImportReport,
    RowError,
    errors_by_line,
    parse_date,
    read_table,
    write_rejected,
)
from cchc.core.models import Unit, UnitKind
from cchc.core.units_vn import name_key

COLUMNS = ("unit_code", "name", "kind", "parent_code", "valid_from", "valid_to")

# Accepted kind spellings, compared after name_key (no marks, no spaces, lower case).
KIND_ALIASES: dict[str, str] = {
    **{name_key(value): value for value in UnitKind.values},
    **{name_key(str(label)): value for value, label in UnitKind.choices},
    "tinh": UnitKind.PROVINCE,
    "thanhphotructhuoctrunguong": UnitKind.PROVINCE,
    "so": UnitKind.AGENCY,
    "coquan": UnitKind.AGENCY,
    "sobannganh": UnitKind.AGENCY,
    "huyen": UnitKind.DISTRICT,
    "quan": UnitKind.DISTRICT,
    "thixa": UnitKind.DISTRICT,
    "thanhphothuoctinh": UnitKind.DISTRICT,
    "caphuyen": UnitKind.DISTRICT,
    "xa": UnitKind.COMMUNE,
    "phuong": UnitKind.COMMUNE,
    "thitran": UnitKind.COMMUNE,
    "dackhu": UnitKind.COMMUNE,
    "capxa": UnitKind.COMMUNE,
    "phong": UnitKind.DIVISION,
    "phongban": UnitKind.DIVISION,
}


@dataclass
class _Row:
    line: int
    code: str
    values: dict[str, Any]
    parent_code: str


def _check_row(file: str, line: int, raw: dict[str, str]) -> tuple[_Row | None, list[RowError]]:
    errors: list[RowError] = []

    def bad(column: str, vi: str, en: str) -> None:
        errors.append(RowError(file, line, column, raw.get(column, ""), vi, en))

    code = raw.get("unit_code", "")
    if not code:
        bad("unit_code", "Thiếu mã đơn vị", "unit_code is empty")
    elif len(code) > 40 or any(c.isspace() for c in code):
        bad(
            "unit_code",
            "Mã đơn vị quá 40 ký tự hoặc có khoảng trắng",
            "code too long or has spaces",
        )
    name = raw.get("name", "")
    if not name:
        bad("name", "Thiếu tên đơn vị", "name is empty")
    elif len(name) > 255:
        bad("name", "Tên đơn vị quá 255 ký tự", "name longer than 255 characters")
    kind = KIND_ALIASES.get(name_key(raw.get("kind", "")))
    if kind is None:
        bad(
            "kind",
            "Loại đơn vị không hợp lệ, cần: province, agency, district, commune, division",
            "unknown kind",
        )
    dates: dict[str, dt.date | None] = {}
    for column in ("valid_from", "valid_to"):
        text = raw.get(column, "")
        try:
            dates[column] = parse_date(text) if text else None
        except ValueError:
            bad(column, DATE_ERROR_VI, DATE_ERROR_EN)
            dates[column] = None
    start, end = dates["valid_from"], dates["valid_to"]
    if start and end and start > end:
        bad("valid_to", "Ngày hết hiệu lực trước ngày bắt đầu", "valid_to is before valid_from")
    parent_code = raw.get("parent_code", "")
    if parent_code and parent_code == code:
        bad("parent_code", "Đơn vị không thể là cấp trên của chính nó", "unit is its own parent")
    if errors:
        return None, errors
    values = {"name": name, "kind": kind, "valid_from": start, "valid_to": end}
    return _Row(line, code, values, parent_code), []


def _check_links(file: str, rows: dict[str, _Row], known: dict[str, str]) -> list[RowError]:
    """Parents must exist (in the file or the database) and the parent chain must not loop.

    `known` maps every database unit code to its parent code ('' when none).
    """
    parents = {**known, **{code: row.parent_code for code, row in rows.items()}}
    errors: list[RowError] = []
    for code, row in rows.items():
        if row.parent_code and row.parent_code not in parents:
            errors.append(
                RowError(
                    file,
                    row.line,
                    "parent_code",
                    row.parent_code,
                    "Không có đơn vị cấp trên mã này (trong tệp hoặc cơ sở dữ liệu)",
                    "unknown parent code (neither in the file nor in the database)",
                )
            )
            continue
        seen = {code}
        current = row.parent_code
        while current:
            if current in seen:
                errors.append(
                    RowError(
                        file,
                        row.line,
                        "parent_code",
                        row.parent_code,
                        "Quan hệ cấp trên tạo thành vòng lặp",
                        "parent chain forms a loop",
                    )
                )
                break
            seen.add(current)
            current = parents.get(current, "")
    return errors


def import_units(
    path: Path | str, skip_invalid: bool = False, rejected_out: Path | str | None = None
) -> ImportReport:
    """Validate the whole file, then upsert every unit by code in one transaction.

    Raises ImportRejected (after logging a rejected batch) when any row is bad, unless
    `skip_invalid`, in which case bad rows (and rows whose parent was rejected) are left out and
    written to `rejected_out`.
    """
    path = Path(path)
    try:
        report = _import(path, skip_invalid, rejected_out)
    except ImportRejected as rejected:
        record_rejected(path, "units", rejected)
        raise
    return report


def _import(path: Path, skip_invalid: bool, rejected_out: Path | str | None) -> ImportReport:
    table = read_table(path, required=("unit_code",))
    if missing := table.missing_columns(COLUMNS):
        raise ImportRejected(missing, rows_total=len(table.rows))
    errors: list[RowError] = []
    rows: dict[str, _Row] = {}
    first_line: dict[str, int] = {}
    for line, raw in table.rows:
        row, row_errors = _check_row(table.file, line, raw)
        code = raw.get("unit_code", "")
        if code in first_line:
            row_errors.append(
                RowError(
                    table.file,
                    line,
                    "unit_code",
                    code,
                    f"Mã đơn vị trùng với dòng {first_line[code]}",
                    f"duplicate unit_code, first on line {first_line[code]}",
                )
            )
        elif code:
            first_line[code] = line
        errors.extend(row_errors)
        if row and not row_errors:
            rows[row.code] = row
    known = {
        code: parent or "" for code, parent in Unit.objects.values_list("code", "parent__code")
    }
    while True:  # a row whose parent was rejected is rejected too
        link_errors = _check_links(table.file, rows, known)
        if not link_errors:
            break
        errors.extend(link_errors)
        for error in link_errors:
            rows = {code: row for code, row in rows.items() if row.line != error.line}
    report = ImportReport(table.file, "units", rows_total=len(table.rows))
    if errors and not skip_invalid:
        raise ImportRejected(errors, rows_total=len(table.rows))
    if errors:
        bad = errors_by_line(errors)
        by_line = dict(table.rows)
        report.rejected = len(bad)
        if rejected_out is not None:
            write_rejected(
                rejected_out, table.header, ((ln, by_line[ln], errs) for ln, errs in bad.items())
            )
            report.notes.append(f"Dòng bị loại ghi vào (rejected rows written to) {rejected_out}")
    with transaction.atomic():
        _upsert(rows, report)
        record_done(path, report)
    return report


def _upsert(rows: dict[str, _Row], report: ImportReport) -> None:
    existing = {u.code: u for u in Unit.objects.filter(code__in=list(rows))}
    parent_codes = {row.parent_code for row in rows.values() if row.parent_code}
    by_code = dict(existing)
    for code, row in rows.items():
        if code not in existing:
            by_code[code] = Unit.objects.create(code=code, source=report.file, **row.values)
            report.inserted += 1
    by_code.update({u.code: u for u in Unit.objects.filter(code__in=parent_codes - set(by_code))})
    for code, row in rows.items():
        unit = by_code[code]
        wanted = {**row.values, "parent": by_code[row.parent_code] if row.parent_code else None}
        changed = [name for name, value in wanted.items() if getattr(unit, name) != value]
        if not changed:
            if code in existing:
                report.unchanged += 1
            continue
        for name in changed:
            setattr(unit, name, wanted[name])
        unit.save(update_fields=changed)
        if code in existing:
            report.updated += 1
