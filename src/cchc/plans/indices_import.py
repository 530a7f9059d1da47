"""`cchc indices import`: read a file of published index results, check every row, then store all
of it or nothing. A figure already stored under the same (index, year, province, code) is
updated, and the report says which; an update is written to the audit log (a correction)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction

from cchc.core.audit import record_change
from cchc.core.importing import ImportRejected, RowError, read_table
from cchc.plans.indices_figures import Figure
from cchc.plans.indices_read_canonical import read_canonical
from cchc.plans.indices_read_papi import (
    Parsed,
    papi_kind,
    read_dimensions,
    read_history,
    read_other,
    read_totals,
)
from cchc.plans.models_indices import IndexResult

FORMATS = ("papi-long", "canonical")
UPDATES_SHOWN = 10
KEPT_WHEN_EMPTY = (
    "province_code",
    "name_en",
    "source_page",
    "confirmed_by",
    "note",
    "origin_detail",
)


@dataclass
class IndicesImport:
    file: str
    kind: str
    rows_total: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    changes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        lines = [
            f"{self.file} ({self.kind}): {self.rows_total} dòng (rows); thêm mới {self.inserted},"
            f" cập nhật {self.updated}, không đổi {self.unchanged}, bỏ qua vì không có số liệu"
            f" {self.skipped} (inserted, updated, unchanged, skipped: no figure)"
        ]
        lines += [f"  cập nhật (updated): {c}" for c in self.changes[:UPDATES_SHOWN]]
        if len(self.changes) > UPDATES_SHOWN:
            rest = len(self.changes) - UPDATES_SHOWN
            lines.append(f"  … và {rest} số liệu khác được cập nhật (and {rest} more updated)")
        return lines


def _parse(path: Path, fmt: str, province: str | None) -> tuple[str, int, Parsed]:
    if fmt == "canonical":
        table = read_table(path, required=("index", "year", "province", "code"))
        missing = table.missing_columns(("index", "year", "province", "level", "code", "origin"))
        if missing:
            raise ImportRejected(missing)
        return "canonical", len(table.rows), read_canonical(table)
    table = read_table(path)
    kind = papi_kind(table.header)
    if kind is None or kind == "readings":
        why_vi = (
            "Đây là tệp đối chiếu số liệu in trên báo, không phải kết quả chỉ số"
            if kind
            else "Không nhận ra tệp PAPI dạng dài (cột year, province_vi, …)"
        )
        why_en = (
            "this is the file of printed readings, not index results"
            if kind
            else "not one of the long PAPI files (columns year, province_vi, …)"
        )
        raise ImportRejected([RowError(table.file, 1, "", "", why_vi, why_en)])
    if kind == "other":
        if not province:
            raise ImportRejected(
                [
                    RowError(
                        table.file,
                        None,
                        "",
                        "",
                        "Tệp không có cột tỉnh: cần --province",
                        "the file has no province column: give --province",
                    )
                ]
            )
        return kind, len(table.rows), read_other(table, province)
    readers = {"dimensions": read_dimensions, "totals": read_totals, "history": read_history}
    return kind, len(table.rows), readers[kind](table)


def _duplicates(file: str, figures: list[Figure]) -> list[RowError]:
    seen: dict[tuple[str, int, str, str], int] = {}
    errors = []
    for figure in figures:
        if figure.key in seen:
            errors.append(
                RowError(
                    file,
                    figure.line,
                    "code",
                    figure.code,
                    f"Trùng số liệu với dòng {seen[figure.key]}",
                    f"same index, year, province and code as line {seen[figure.key]}",
                )
            )
        seen.setdefault(figure.key, figure.line)
    return errors


def _describe(row: IndexResult, before: dict[str, Any], after: dict[str, Any]) -> str:
    changed = [k for k in after if before.get(k) != after[k]]
    detail = ", ".join(f"{k}: {before.get(k)} → {after[k]}" for k in changed[:3])
    return f"{row.index} {row.year} {row.province} {row.code} ({detail})"


def import_indices(
    path: Path | str,
    fmt: str = "papi-long",
    province: str | None = None,
    user: AbstractBaseUser | AnonymousUser | None = None,
) -> IndicesImport:
    """Raises ImportRejected (nothing written) when any row is wrong."""
    path = Path(path)
    kind, rows_total, parsed = _parse(path, fmt, province)
    errors = parsed.errors + _duplicates(path.name, parsed.figures)
    if errors:
        raise ImportRejected(errors, rows_total)
    report = IndicesImport(path.name, kind, rows_total=rows_total, skipped=parsed.skipped)
    names = [f.index for f in parsed.figures]
    years = [f.year for f in parsed.figures]
    with transaction.atomic():
        existing = {
            (r.index, r.year, r.province_key, r.code): r
            for r in IndexResult.objects.filter(index__in=set(names), year__in=set(years))
        }
        new: list[IndexResult] = []
        for figure in parsed.figures:
            fields = figure.stored_fields()
            row = existing.get(figure.key)
            if row is None:
                new.append(IndexResult(**fields))
                continue
            for name in KEPT_WHEN_EMPTY:  # a file without these columns does not erase them
                fields[name] = fields[name] or getattr(row, name)
            before = {k: getattr(row, k) for k in fields}
            if all(before[k] == v for k, v in fields.items()):
                report.unchanged += 1
                continue
            for k, v in fields.items():
                setattr(row, k, v)
            row.save()
            record_change(user, "index_result.update", row, before, fields)
            report.updated += 1
            report.changes.append(_describe(row, before, fields))
        IndexResult.objects.bulk_create(new, batch_size=500)
        report.inserted = len(new)
    return report
