"""Render rows for the terminal (aligned, Vietnamese headers and number formats), CSV, JSON.

Each column has an English code (CSV/JSON keys) and a Vietnamese header (table). Rates are
fractions 0–1 in CSV/JSON and percentages with a decimal comma (93,5%) in tables.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from cchc.core.vn_format import vn_date, vn_number, vn_percent

FORMATS = ("table", "csv", "json")


@dataclass(frozen=True)
class Column:
    code: str  # English, for CSV and JSON
    header: str  # Vietnamese, for tables
    get: Callable[[Any], Any]
    kind: str = "text"  # text | int | rate | date | list


def _cell(col: Column, value: Any) -> str:
    if value is None:
        return "–" if col.kind == "rate" else ""
    if col.kind == "int":
        return vn_number(int(value))
    if col.kind == "rate":
        return vn_percent(float(value))
    if col.kind == "date":
        return vn_date(value)
    if col.kind == "list":
        return ", ".join(str(v) for v in value)
    return str(value)


def _width(text: str) -> int:
    """Terminal width: wide (East Asian) characters take two cells, combining marks none."""
    text = unicodedata.normalize("NFC", text)
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * max(width - _width(text), 0)
    return gap + text if right else text + gap


def render_table(columns: Sequence[Column], rows: Sequence[Any], footer: Any = None) -> str:
    """Aligned columns; numbers right-aligned; an optional footer row under a rule."""
    body = [[_cell(c, c.get(r)) for c in columns] for r in rows]
    foot = [_cell(c, c.get(footer)) for c in columns] if footer is not None else None
    table = [[c.header for c in columns], *body, *([foot] if foot else [])]
    widths = [max(_width(line[i]) for line in table) for i in range(len(columns))]
    right = [c.kind in {"int", "rate"} for c in columns]

    def line(cells: list[str]) -> str:
        return "  ".join(_pad(t, w, r) for t, w, r in zip(cells, widths, right, strict=True))

    rule = "  ".join("-" * w for w in widths)
    out = [line(table[0]), rule, *(line(b) for b in body)]
    if foot:
        out += [rule, line(foot)]
    return "\n".join(s.rstrip() for s in out) + "\n"


def _plain(col: Column, value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if col.kind == "list":
        return list(value)
    return value


def render_csv(columns: Sequence[Column], rows: Sequence[Any]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([c.code for c in columns])
    for row in rows:
        values = [_plain(c, c.get(row)) for c in columns]
        writer.writerow(
            ["" if v is None else ";".join(v) if isinstance(v, list) else v for v in values]
        )
    return buffer.getvalue()


def records(columns: Sequence[Column], rows: Sequence[Any]) -> list[dict[str, Any]]:
    return [{c.code: _plain(c, c.get(r)) for c in columns} for r in rows]


def render_json(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
