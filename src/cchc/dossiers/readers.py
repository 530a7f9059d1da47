"""Streaming readers: a file becomes batches of string columns, each row with the line a user sees.

CSV (polars, in batches), XLSX (openpyxl read-only), JSON (an array of records; the national
synchronisation record's nested lists become supplement, result and step columns) and XES (IEEE
XML, parsed incrementally; trace attributes become `case:<key>` columns, one row per event).

`line` is the spreadsheet row for CSV/XLSX (header = 1), the record number for JSON and the trace
number for XES.
"""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from cchc.core.importing import ImportRejected, RowError
from cchc.dossiers.mapping import Mapping

LINE = "__line"
BATCH_ROWS = 200_000
STEP_COLUMNS = ("seq", "name", "department", "officer", "started_at", "ended_at", "deadline_at")


@dataclass
class RawBatch:
    rows: pl.DataFrame  # LINE (u32) + source columns, all strings
    steps: pl.DataFrame | None = None  # LINE of the dossier + STEP_COLUMNS (nested JSON only)
    pauses: pl.DataFrame | None = None  # LINE, start, end (nested JSON only)


def file_error(name: str, vi: str, en: str) -> ImportRejected:
    return ImportRejected([RowError(name, None, "", "", vi, en)])


def detect_format(path: Path) -> str:
    suffix = path.suffix.lower()
    formats = {".csv": "csv", ".txt": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx", ".json": "json"}
    if suffix in formats:
        return formats[suffix]
    if suffix == ".xes":
        return "xes"
    raise file_error(
        path.name,
        "Định dạng tệp không được hỗ trợ, cần .csv, .xlsx, .json hoặc .xes",
        "unsupported file type, expected .csv, .xlsx, .json or .xes",
    )


def read_batches(path: Path, mapping: Mapping) -> Iterator[RawBatch]:
    fmt = detect_format(path)
    if fmt == "csv":
        yield from _csv(path)
    elif fmt == "xlsx":
        yield from _xlsx(path)
    elif fmt == "json":
        yield from _json(path, mapping)
    else:
        yield from _xes(path)


def _csv(path: Path) -> Iterator[RawBatch]:
    with path.open("rb") as handle:
        first = handle.readline().decode("utf-8-sig", errors="replace")
    separator = ";" if first.count(";") > first.count(",") else ","
    lazy = pl.scan_csv(
        path,
        separator=separator,
        infer_schema=False,
        row_index_name=LINE,
        row_index_offset=2,
        encoding="utf8",
    )
    try:
        for frame in lazy.collect_batches(chunk_size=BATCH_ROWS):
            yield RawBatch(frame.rename(lambda c: c.strip()))
    except pl.exceptions.ComputeError as exc:
        raise file_error(
            path.name, "Không đọc được tệp CSV (UTF-8)", f"cannot read the CSV file: {exc}"
        ) from exc


def cell_text(value: object) -> str | None:
    """A spreadsheet or JSON cell as text; Excel date-times are local times."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    return text or None


def _frame(header: list[str], lines: list[int], columns: list[list[str | None]]) -> pl.DataFrame:
    data: dict[str, Any] = {LINE: pl.Series(LINE, lines, dtype=pl.UInt32)}
    for name, values in zip(header, columns, strict=True):
        data[name] = pl.Series(name, values, dtype=pl.String)
    return pl.DataFrame(data)


def _xlsx(path: Path) -> Iterator[RawBatch]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise file_error(path.name, "Không đọc được tệp XLSX", f"cannot read XLSX: {exc}") from exc
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        header_values = next(rows, None)
        if header_values is None:
            raise file_error(path.name, "Tệp rỗng", "file is empty")
        header = [cell_text(v) or f"column_{i + 1}" for i, v in enumerate(header_values)]
        width = len(header)
        lines: list[int] = []
        columns: list[list[str | None]] = [[] for _ in header]
        for line, values in enumerate(rows, start=2):
            texts = [cell_text(v) for v in values[:width]]
            if not any(texts):
                continue
            texts.extend([None] * (width - len(texts)))
            lines.append(line)
            for column, text in zip(columns, texts, strict=True):
                column.append(text)
            if len(lines) >= BATCH_ROWS:
                yield RawBatch(_frame(header, lines, columns))
                lines, columns = [], [[] for _ in header]
        if lines or not columns[0]:
            yield RawBatch(_frame(header, lines, columns))
    finally:
        workbook.close()


def _first(item: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        text = cell_text(item.get(key))
        if text is not None:
            return text
    return None


def _json(path: Path, mapping: Mapping) -> Iterator[RawBatch]:
    try:
        records = json.loads(path.read_text(encoding="utf-8-sig"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise file_error(path.name, "JSON không hợp lệ", f"invalid JSON: {exc}") from exc
    if isinstance(records, dict):  # {"data": [...]} envelopes
        records = next((v for v in records.values() if isinstance(v, list)), None)
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise file_error(
            path.name, "JSON phải là một mảng bản ghi", "JSON must be an array of records"
        )
    nested = mapping.nested
    for start in range(0, max(len(records), 1), BATCH_ROWS):
        chunk = records[start : start + BATCH_ROWS]
        rows: list[dict[str, str | None]] = []
        steps: list[dict[str, Any]] = []
        pauses: list[dict[str, Any]] = []
        for line, record in enumerate(chunk, start=start + 1):
            row: dict[str, str | None] = {LINE: None}
            for key, value in record.items():
                if not isinstance(value, list | dict):
                    row[key] = cell_text(value)
            row[LINE] = str(line)
            if nested is not None:
                supplements = record.get(nested.supplements) or []
                if nested.supplements and isinstance(supplements, list):
                    row["__supplement_requests"] = str(len(supplements))
                    for item in supplements:
                        if isinstance(item, dict):
                            pauses.append(
                                {
                                    LINE: line,
                                    "start": cell_text(item.get(nested.supplement_start)),
                                    "end": cell_text(item.get(nested.supplement_end)),
                                }
                            )
                results = record.get(nested.results) or []
                if nested.results and isinstance(results, list):
                    linked = any(
                        isinstance(r, dict) and _first(r, nested.result_links) for r in results
                    )
                    row["__e_result"] = "1" if linked else "0"
                items = record.get(nested.steps) or []
                if nested.steps and isinstance(items, list):
                    for seq, item in enumerate((i for i in items if isinstance(i, dict)), 1):
                        step: dict[str, Any] = {LINE: line, "seq": seq}
                        for name in STEP_COLUMNS[1:]:
                            step[name] = _first(item, nested.step_fields.get(name, ()))
                        steps.append(step)
            rows.append(row)
        frame = pl.DataFrame(rows, infer_schema_length=None).with_columns(
            pl.col(LINE).cast(pl.UInt32)
        )
        if frame.width == 0:
            frame = pl.DataFrame({LINE: pl.Series(LINE, [], dtype=pl.UInt32)})
        yield RawBatch(
            frame.select(LINE, pl.exclude(LINE).cast(pl.String)),
            _steps_frame(steps) if nested and nested.steps else None,
            _pauses_frame(pauses) if nested and nested.supplements else None,
        )


def _steps_frame(steps: list[dict[str, Any]]) -> pl.DataFrame:
    schema: dict[str, Any] = {LINE: pl.UInt32, "seq": pl.UInt32}
    schema.update({name: pl.String for name in STEP_COLUMNS[1:]})
    return pl.DataFrame(steps, schema=schema)


def _pauses_frame(pauses: list[dict[str, Any]]) -> pl.DataFrame:
    return pl.DataFrame(pauses, schema={LINE: pl.UInt32, "start": pl.String, "end": pl.String})


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _attributes(element: ET.Element, prefix: str = "") -> dict[str, str]:
    found: dict[str, str] = {}
    for child in element:
        key, value = child.get("key"), child.get("value")
        if key is not None and value is not None and _local(child.tag) != "event":
            found[prefix + key] = value
    return found


def _xes(path: Path) -> Iterator[RawBatch]:
    rows: list[dict[str, str]] = []
    lines: list[int] = []
    trace_no = 0
    try:
        context = ET.iterparse(path, events=("start", "end"))
        root: ET.Element | None = None
        for event, element in context:
            if root is None and event == "start":
                root = element
            if event != "end" or _local(element.tag) != "trace":
                continue
            trace_no += 1
            case = _attributes(element, "case:")
            for child in element:
                if _local(child.tag) == "event":
                    rows.append({**case, **_attributes(child)})
                    lines.append(trace_no)
            element.clear()
            if root is not None:
                root.clear()  # drop processed traces: memory stays flat
            if len(rows) >= BATCH_ROWS:
                yield RawBatch(_event_frame(rows, lines))
                rows, lines = [], []
    except ET.ParseError as exc:
        raise file_error(path.name, "XML (XES) không hợp lệ", f"invalid XES XML: {exc}") from exc
    yield RawBatch(_event_frame(rows, lines))


def _event_frame(rows: list[dict[str, str]], lines: list[int]) -> pl.DataFrame:
    keys: dict[str, None] = {}
    for row in rows:
        keys.update(dict.fromkeys(row))
    data: dict[str, Any] = {LINE: pl.Series(LINE, lines, dtype=pl.UInt32)}
    for key in keys:
        data[key] = pl.Series(key, [r.get(key) for r in rows], dtype=pl.String)
    return pl.DataFrame(data)
