"""A province's unit history before the structure a package gives (units that ended, merges,
former names and parents), kept as a TOML file a user can correct.

`cchc units load-vn` applies the shipped file of the province (`data/unit_history/<code>.toml`)
after the package's units, or the file given with `--history`. The file is checked whole before
anything is written: an error names the file, the line of its table and the field.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cchc.core.importing import ImportRejected, RowError
from cchc.core.models import LineageKind, UnitKind

HISTORY_DIR = Path(__file__).parent / "data" / "unit_history"
_TABLES = {"unit", "change", "former"}
_UNIT_FIELDS = {"code", "name", "kind", "parent", "valid_from", "valid_to", "unconfirmed", "note"}
_CHANGE_FIELDS = {"kind", "date", "act", "from", "to", "note", "unconfirmed"}
_FORMER_FIELDS = {"code", "codes", "until", "name", "kind", "parent", "act", "note", "unconfirmed"}


@dataclass(frozen=True)
class Change:
    line: int
    kind: str
    date: dt.date
    act: str
    predecessors: tuple[str, ...]
    successor: str
    note: str


@dataclass(frozen=True)
class Former:
    line: int
    code: str
    until: dt.date
    name: str | None
    kind: str | None
    parent: str | None
    act: str
    note: str


@dataclass
class History:
    path: Path
    province: str
    units: list[dict[str, Any]] = field(default_factory=list)  # each with "line"
    changes: list[Change] = field(default_factory=list)
    formers: list[Former] = field(default_factory=list)

    def codes_defined(self) -> set[str]:
        return {u["code"] for u in self.units if "name" in u}


def shipped_history(province_code: str) -> Path | None:
    path = HISTORY_DIR / f"{province_code}.toml"
    return path if path.exists() else None


def _table_lines(text: str) -> dict[str, list[int]]:
    lines: dict[str, list[int]] = {name: [] for name in _TABLES}
    for number, line in enumerate(text.splitlines(), 1):
        match = re.match(r"\s*\[\[(\w+)\]\]", line)
        if match and match.group(1) in lines:
            lines[match.group(1)].append(number)
    return lines


class _Checker:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.errors: list[RowError] = []

    def fail(self, line: int | None, name: str, value: Any, vi: str, en: str) -> None:
        self.errors.append(RowError(self.path.name, line, name, str(value), vi, en))

    def date(self, table: dict[str, Any], line: int, name: str, required: bool) -> dt.date | None:
        value = table.get(name)
        if value is None:
            if required:
                self.fail(line, name, "", "thiếu ngày", "date missing")
            return None
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            self.fail(line, name, value, "cần ngày dạng 2025-01-01", "expected a date 2025-01-01")
            return None
        return value

    def text(self, table: dict[str, Any], line: int, name: str, required: bool) -> str | None:
        value = table.get(name)
        if value is None or value == "":
            if required:
                self.fail(line, name, "", "thiếu giá trị", "value missing")
            return None
        if not isinstance(value, str):
            self.fail(line, name, value, "cần chuỗi ký tự", "expected a string")
            return None
        return value

    def unknown_fields(self, table: dict[str, Any], line: int, allowed: set[str]) -> None:
        for name in sorted(set(table) - allowed):
            self.fail(line, name, "", "trường không biết", "unknown field")


def read_history(path: Path | str) -> History:
    """Read and check a history file; ImportRejected (nothing written) on any error."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except OSError as exc:
        raise ImportRejected(
            [RowError(path.name, None, "", "", f"không đọc được tệp: {exc}", "cannot read file")]
        ) from exc
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        raise ImportRejected(
            [RowError(path.name, line, "", "", f"TOML sai cú pháp: {exc}", "TOML syntax error")]
        ) from exc
    check = _Checker(path)
    lines = _table_lines(text)
    for name in sorted(set(data) - _TABLES - {"province"}):
        check.fail(None, name, "", "bảng không biết", "unknown table")
    history = History(path, str(data.get("province", "")))
    for table, line in zip(data.get("unit", []), lines["unit"], strict=False):
        _read_unit(check, table, line, history)
    for table, line in zip(data.get("change", []), lines["change"], strict=False):
        _read_change(check, table, line, history)
    for table, line in zip(data.get("former", []), lines["former"], strict=False):
        _read_former(check, table, line, history)
    if check.errors:
        raise ImportRejected(check.errors)
    return history


def _kind(check: _Checker, table: dict[str, Any], line: int) -> str | None:
    kind = check.text(table, line, "kind", False)
    if kind is not None and kind not in UnitKind.values:
        check.fail(line, "kind", kind, "loại đơn vị không biết", f"one of {UnitKind.values}")
        return None
    return kind


def _read_unit(check: _Checker, table: dict[str, Any], line: int, history: History) -> None:
    check.unknown_fields(table, line, _UNIT_FIELDS)
    code = check.text(table, line, "code", True)
    spec: dict[str, Any] = {"line": line, "code": code}
    if "name" in table:  # a unit of its own, not an amendment of the package's
        spec["name"] = check.text(table, line, "name", True)
        spec["kind"] = _kind(check, table, line) or check.text(table, line, "kind", True)
        spec["parent"] = check.text(table, line, "parent", False)
    for name in ("valid_from", "valid_to"):
        if name in table:
            spec[name] = check.date(table, line, name, False)
    start, end = spec.get("valid_from"), spec.get("valid_to")
    if start and end and end < start:
        check.fail(line, "valid_to", end, "trước ngày bắt đầu", "before valid_from")
    spec["note"] = table.get("note", "")
    history.units.append(spec)


def _read_change(check: _Checker, table: dict[str, Any], line: int, history: History) -> None:
    check.unknown_fields(table, line, _CHANGE_FIELDS)
    kind = check.text(table, line, "kind", True)
    if kind is not None and kind not in LineageKind.values:
        check.fail(line, "kind", kind, "hình thức không biết", f"one of {LineageKind.values}")
    date = check.date(table, line, "date", True)
    predecessors = table.get("from")
    if not isinstance(predecessors, list) or not predecessors:
        check.fail(line, "from", predecessors or "", "cần danh sách mã", "expected a list of codes")
        predecessors = []
    successor = check.text(table, line, "to", True)
    if kind and date and successor and predecessors:
        history.changes.append(
            Change(line, kind, date, str(table.get("act", "")), tuple(map(str, predecessors)),
                   successor, str(table.get("note", "")))
        )  # fmt: skip


def _read_former(check: _Checker, table: dict[str, Any], line: int, history: History) -> None:
    check.unknown_fields(table, line, _FORMER_FIELDS)
    codes = table.get("codes") or ([table["code"]] if "code" in table else [])
    if not codes:
        check.fail(line, "code", "", "thiếu mã đơn vị", "code or codes missing")
    until = check.date(table, line, "until", True)
    name = check.text(table, line, "name", False)
    kind = _kind(check, table, line)
    parent = check.text(table, line, "parent", False)
    if name is None and kind is None and parent is None:
        check.fail(line, "name", "", "cần tên, loại hoặc cấp trên", "name, kind or parent needed")
    if until is None:
        return
    act, note = str(table.get("act", "")), str(table.get("note", ""))
    for code in codes:
        history.formers.append(Former(line, str(code), until, name, kind, parent, act, note))
