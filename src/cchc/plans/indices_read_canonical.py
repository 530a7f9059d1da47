"""The canonical CSV (or XLSX) of external index results, one figure a row (docs/plans.md):

    index, year, province, level, code, name, value, max, rank, rank_of, source, source_url,
    page, origin, unconfirmed, note  (+ optional province_code, name_en, rank_origin)

Required: index, year, province, level, code, origin, and a value or a rank, and a source or a
source_url (a figure without its source is not accepted).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from cchc.core.importing import RowError, Table
from cchc.plans.indices_figures import LEVELS, ORIGINS, Figure, parse_decimal, parse_rank
from cchc.plans.indices_names import INDEX_NAMES, PAPI, PAPI_NAMES
from cchc.plans.indices_read_papi import Parsed

REQUIRED = ("index", "year", "province", "level", "code", "origin")
COLUMNS = (
    *REQUIRED[:5],
    "name",
    "value",
    "max",
    "rank",
    "rank_of",
    "source",
    "source_url",
    "page",
    "origin",
    "unconfirmed",
    "note",
)
TRUE = {"1", "true", "yes", "có", "x"}
FALSE = {"", "0", "false", "no", "không"}


def read_canonical(table: Table) -> Parsed:
    out = Parsed()
    for line, row in table.rows:
        figure, errors = _read_row(table.file, line, row)
        out.errors.extend(errors)
        if figure is not None:
            out.figures.append(figure)
    return out


def _read_row(file: str, line: int, row: dict[str, str]) -> tuple[Figure | None, list[RowError]]:
    errors: list[RowError] = []

    def bad(column: str, reason_vi: str, reason_en: str) -> None:
        errors.append(RowError(file, line, column, row.get(column, ""), reason_vi, reason_en))

    def number(column: str, parse: Callable[[str], object]) -> object | None:
        text = row.get(column, "")
        if not text:
            return None
        try:
            return parse(text)
        except ValueError:
            bad(column, "Không phải số hợp lệ", "not a valid number")
            return None

    for column in ("index", "province", "code"):
        if not row.get(column):
            bad(column, "Thiếu giá trị", "missing value")
    year_text = row.get("year", "")
    if not (year_text.isdigit() and 1990 <= int(year_text) <= 2100):
        bad("year", "Năm không hợp lệ", "invalid year (1990–2100)")
    level = row.get("level", "").lower()
    if level not in LEVELS:
        bad(
            "level",
            "Cấp không hợp lệ, cần total, dimension hoặc subdimension",
            "invalid level, expected total, dimension or subdimension",
        )
    origin = row.get("origin", "").lower()
    if origin not in ORIGINS:
        bad(
            "origin",
            "Nguồn gốc không hợp lệ, cần read hoặc computed",
            "invalid origin, expected read or computed",
        )
    value = number("value", parse_decimal)
    maximum = number("max", parse_decimal)
    rank = number("rank", parse_rank)
    rank_of = number("rank_of", parse_rank)
    rank_origin = row.get("rank_origin", "").lower()
    if rank_origin and rank_origin not in ORIGINS:
        bad(
            "rank_origin",
            "Nguồn gốc không hợp lệ, cần read hoặc computed",
            "invalid origin, expected read or computed",
        )
    if value is None and rank is None and not any(e.field in ("value", "rank") for e in errors):
        bad("value", "Cần giá trị hoặc thứ hạng", "a value or a rank is required")
    source, url = row.get("source", ""), row.get("source_url", "")
    if not source and not url:
        bad("source", "Cần nguồn (source hoặc source_url)", "a source or source_url is required")
    if url and not url.startswith(("http://", "https://")):
        bad(
            "source_url",
            "Địa chỉ phải bắt đầu bằng http:// hoặc https://",
            "address must start with http:// or https://",
        )
    flag = row.get("unconfirmed", "").lower()
    if flag not in TRUE | FALSE:
        bad("unconfirmed", "Cần có/không (1/0)", "expected yes/no (1/0)")
    if errors:
        return None, errors
    index, code = row["index"], row["code"]
    return (
        Figure(
            index=index,
            year=int(year_text),
            province=row["province"],
            province_code=row.get("province_code", ""),
            level=level,
            code=code,
            name=row.get("name")
            or (PAPI_NAMES.get(code, code) if index == PAPI else INDEX_NAMES.get(index, code)),
            name_en=row.get("name_en", ""),
            value=value if isinstance(value, Decimal) else None,
            maximum=maximum if isinstance(maximum, Decimal) else None,
            rank=rank if isinstance(rank, int) else None,
            rank_of=rank_of if isinstance(rank_of, int) else None,
            rank_origin=rank_origin or (origin if rank is not None else ""),
            source=source,
            source_url=url,
            source_page=row.get("page", ""),
            origin=origin,
            unconfirmed=flag in TRUE,
            note=row.get("note", ""),
            line=line,
        ),
        [],
    )
