"""The procedure catalogue: `cchc import procedures FILE [--mapping NAME|PATH]` and the shipped
national catalogue.

A mapping (TOML, `mappings/*.toml`, same shape as the dossier mappings) names the source column(s)
of each canonical field; a `[channels]` table derives time limit, online level and fee from the
per-channel columns of the national procedure database (docs/procedures.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.db import transaction

from cchc.core.batches import record_done, record_rejected
from cchc.core.change_stamp import touch
from cchc.core.importing import ImportRejected, ImportReport, RowError, read_table
from cchc.core.models import OnlineLevel, Procedure, TimeUnit
from cchc.core.toml_file import read_toml
from cchc.core.units_vn import name_key

MAPPINGS_DIR = Path(__file__).parent / "mappings"
NATIONAL_FILE = Path(__file__).parent / "data" / "national-procedures-2642.csv"
FIELDS = ("procedure_code", "name", "sector", "level", "time_limit", "time_unit", "cutoff",
          "online_level", "has_fee")  # fmt: skip
REQUIRED = ("procedure_code", "name")

TIME_UNITS = {
    **{name_key(v): v for v in TimeUnit.values},
    **{name_key(str(label)): v for v, label in TimeUnit.choices},
    "ngay": TimeUnit.CALENDAR_DAYS,
    "gio": TimeUnit.WORKING_HOURS,
}
ONLINE_LEVELS = {
    **{name_key(v): v for v in OnlineLevel.values},
    **{name_key(str(label)): v for v, label in OnlineLevel.choices},
    "": OnlineLevel.NONE,
}
BOOLEANS = {"true": True, "1": True, "co": True, "yes": True, "x": True,
            "false": False, "0": False, "khong": False, "no": False, "": False}  # fmt: skip
NO_INFO = {"", "khongcothongtin", "khong"}


class MappingError(ValueError):
    pass


@dataclass(frozen=True)
class ProcedureMapping:
    name: str
    columns: dict[str, tuple[str, ...]]
    channel_order: tuple[str, ...] = ()
    online_channel: str = ""
    notes: list[str] = field(default_factory=list)


def load_mapping(name_or_path: str) -> ProcedureMapping:
    """A built-in mapping by name (`canonical`, `national-catalogue`) or a TOML file."""
    path = Path(name_or_path)
    if not path.is_file():
        builtin = {
            read_toml(p, MappingError)["mapping"]["name"]: p for p in MAPPINGS_DIR.glob("*.toml")
        }
        if name_or_path not in builtin:
            names = ", ".join(sorted(builtin))
            raise MappingError(
                f"Không có ánh xạ {name_or_path!r}; có: {names}"
                f" (unknown mapping; built-in: {names})"
            )
        path = builtin[name_or_path]
    data = read_toml(path, MappingError)
    try:
        columns = {
            key: (value,) if isinstance(value, str) else tuple(value)
            for key, value in data["columns"].items()
        }
        channels = data.get("channels", {})
        unknown = set(columns) - set(FIELDS)
        if unknown:
            raise MappingError(f"Trường không có (unknown fields): {', '.join(sorted(unknown))}")
        return ProcedureMapping(
            name=data["mapping"]["name"],
            columns=columns,
            channel_order=tuple(channels.get("order", ())),
            online_channel=channels.get("online", ""),
        )
    except (KeyError, TypeError) as exc:
        raise MappingError(f"Tệp ánh xạ sai cấu trúc (bad mapping file) {path}: {exc}") from exc


def _number(text: str) -> Decimal | None:
    try:
        value = Decimal(text.replace(",", ".").strip())
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


@dataclass
class _Derived:
    time_limit: str = ""
    time_unit: str = ""
    online_level: str = OnlineLevel.NONE
    has_fee: str = "false"
    fallback: bool = False


def _from_channels(mapping: ProcedureMapping, raw: dict[str, str]) -> _Derived:
    """National database rule (docs/procedures.md): first channel with a number and a unit gives
    the limit; online level `full` when the online channel has its own limit, `partial` when it
    is listed without one, `none` when absent; a fee exists when any fee text holds a number."""
    derived = _Derived()
    for index, prefix in enumerate(mapping.channel_order):
        limit, unit = raw.get(f"{prefix}_thoi_han", ""), raw.get(f"{prefix}_don_vi", "")
        if _number(limit) is not None and name_key(unit) in TIME_UNITS:
            derived.time_limit, derived.time_unit = limit, unit
            derived.fallback = index > 0
            break
    online = mapping.online_channel
    if online and any(
        raw.get(f"{online}_{c}", "") for c in ("thoi_han", "don_vi", "phi_le_phi_dau")
    ):
        has_limit = _number(raw.get(f"{online}_thoi_han", "")) is not None
        derived.online_level = OnlineLevel.FULL if has_limit else OnlineLevel.PARTIAL
    fees = [raw.get(f"{prefix}_phi_le_phi_dau", "") for prefix in mapping.channel_order]
    if any(any(ch.isdigit() for ch in fee) for fee in fees if name_key(fee) not in NO_INFO):
        derived.has_fee = "true"
    return derived


def _convert(
    file: str, line: int, values: dict[str, str], errors: list[RowError]
) -> dict[str, Any]:
    def bad(column: str, vi: str, en: str) -> None:
        errors.append(RowError(file, line, column, values.get(column, ""), vi, en))

    out: dict[str, Any] = {}
    for column, limit in (
        ("procedure_code", 40),
        ("name", 100_000),
        ("sector", 255),
        ("level", 80),
    ):
        text = values.get(column, "")
        if column in REQUIRED and not text:
            bad(column, "Thiếu giá trị bắt buộc", "required value is empty")
        elif len(text) > limit:
            bad(column, f"Dài quá {limit} ký tự", f"longer than {limit} characters")
        out[column] = text
    limit_text, unit_text = values.get("time_limit", ""), values.get("time_unit", "")
    out["time_limit"] = _number(limit_text) if name_key(limit_text) not in NO_INFO else None
    if out["time_limit"] is None and name_key(limit_text) not in NO_INFO:
        bad("time_limit", "Thời hạn không phải là số", "time limit is not a number")
    elif out["time_limit"] is not None and not Decimal(0) <= out["time_limit"] < Decimal(10**6):
        bad("time_limit", "Thời hạn phải từ 0 đến 999999", "time limit out of range")
    out["time_unit"] = TIME_UNITS.get(name_key(unit_text), TimeUnit.WORKING_DAYS)
    if unit_text and name_key(unit_text) not in TIME_UNITS:
        bad("time_unit", "Đơn vị thời hạn không hợp lệ", "unknown time unit")
    elif out["time_limit"] is not None and not unit_text:
        bad("time_unit", "Có thời hạn nhưng thiếu đơn vị", "time limit without a unit")
    cutoff = values.get("cutoff", "")
    try:
        out["cutoff"] = dt.time.fromisoformat(cutoff.zfill(5)) if cutoff else None
    except ValueError:
        bad("cutoff", "Giờ không hợp lệ, cần dạng HH:MM", "invalid time, expected HH:MM")
    online = ONLINE_LEVELS.get(name_key(values.get("online_level", "")))
    if online is None:
        bad("online_level", "Mức trực tuyến cần: full, partial, none", "unknown online level")
    out["online_level"] = online or OnlineLevel.NONE
    fee = BOOLEANS.get(name_key(values.get("has_fee", "")))
    if fee is None:
        bad("has_fee", "Cần có/không (true/false)", "expected true or false")
    out["has_fee"] = bool(fee)
    return out


def import_procedures(path: Path | str, mapping: str | None = None) -> ImportReport:
    """Validate the whole file, then upsert by procedure code; rejects the batch on any error."""
    path = Path(path)
    mapping_name = mapping or ""
    try:
        table = read_table(path, required=("ma_thu_tuc",) if mapping is None else ())
        mapping_name = mapping or (
            "national-catalogue" if "ma_thu_tuc" in table.header else "canonical"
        )
        report = _import(path, table, load_mapping(mapping_name))
    except ImportRejected as rejected:
        record_rejected(path, "procedures", rejected, mapping_name)
        raise
    return report


def _import(path: Path, table: Any, mapping: ProcedureMapping) -> ImportReport:
    resolved: dict[str, str] = {}
    missing: list[RowError] = []
    for field_name, candidates in mapping.columns.items():
        found = next((c for c in candidates if c in table.header), None)
        if found:
            resolved[field_name] = found
        elif field_name in REQUIRED:
            missing.append(
                RowError(
                    table.file,
                    1,
                    " | ".join(candidates),
                    "",
                    "Thiếu cột bắt buộc",
                    "missing required column",
                )
            )
    if missing:
        raise ImportRejected(missing, rows_total=len(table.rows))
    errors: list[RowError] = []
    records: dict[str, dict[str, Any]] = {}
    first_line: dict[str, int] = {}
    no_limit = fallback = 0
    for line, raw in table.rows:
        values = {f: raw.get(column, "") for f, column in resolved.items()}
        if mapping.channel_order:
            derived = _from_channels(mapping, raw)
            values.update(time_limit=derived.time_limit, time_unit=derived.time_unit,
                          online_level=derived.online_level, has_fee=derived.has_fee)  # fmt: skip
            fallback += derived.fallback
        record = _convert(table.file, line, values, errors)
        code = record["procedure_code"]
        if code in first_line:
            errors.append(
                RowError(
                    table.file,
                    line,
                    resolved["procedure_code"],
                    code,
                    f"Mã thủ tục trùng với dòng {first_line[code]}",
                    f"duplicate procedure code, first on line {first_line[code]}",
                )
            )
        first_line.setdefault(code, line)
        no_limit += record["time_limit"] is None
        records[code] = record
    if errors:
        raise ImportRejected(errors, rows_total=len(table.rows))
    report = ImportReport(table.file, "procedures", rows_total=len(table.rows))
    report.notes.append(
        f"{no_limit} thủ tục không có thời hạn giải quyết (procedures without a time limit)"
    )
    if mapping.channel_order:
        report.notes.append(
            f"{fallback} thủ tục lấy thời hạn từ kênh trực tuyến/bưu chính"
            f" (time limit taken from the online or postal channel)"
        )
    with transaction.atomic():
        _upsert(records, report)
        record_done(path, report, mapping.name)
    return report


def _upsert(records: dict[str, dict[str, Any]], report: ImportReport) -> None:
    existing = {p.code: p for p in Procedure.objects.filter(code__in=list(records))}
    new: list[Procedure] = []
    changed: list[Procedure] = []
    for code, record in records.items():
        values = {k: v for k, v in record.items() if k != "procedure_code"}
        procedure = existing.get(code)
        if procedure is None:
            new.append(Procedure(code=code, **values))
        elif any(getattr(procedure, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(procedure, key, value)
            changed.append(procedure)
    Procedure.objects.bulk_create(new, batch_size=500)
    fields = [f for f in FIELDS if f != "procedure_code"]
    Procedure.objects.bulk_update(changed, fields, batch_size=500)
    touch()  # remembered names (cchc.core.change_stamp)
    report.inserted, report.updated = len(new), len(changed)
    report.unchanged = len(records) - len(new) - len(changed)


def load_national_catalogue() -> ImportReport:
    """Load the shipped national procedure catalogue (2,642 procedures)."""
    return import_procedures(NATIONAL_FILE, "national-catalogue")
