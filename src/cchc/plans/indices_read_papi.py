"""The shared data's long PAPI files as they are (data/papi/README.md): the 2023 dimensions, the
2023 totals, one province's history, and one province's other indices. The kind of file is told
by its columns. Rows the data marks as having no figure (`not_available`, `not_found`,
`not_determined`) are skipped and counted."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from cchc.core.importing import RowError, Table
from cchc.plans.indices_figures import (
    Figure,
    first_url,
    page_of,
    parse_decimal,
    parse_rank,
    source_label,
)
from cchc.plans.indices_names import (
    INDEX_NAMES,
    PAPI,
    PAPI_NAMES,
    PERCENT_MAX,
    TOTAL,
    TOTAL_MAX,
    papi_code,
    papi_level,
    papi_maximum,
)

NO_FIGURE = {"not_available", "not_found", "not_determined"}
DIMENSIONS_COLUMNS = ("year", "province_vi", "dimension_no", "subdimension_no", "score")
TOTALS_COLUMNS = ("year", "province_vi", "total_score", "rank_of_61")
HISTORY_COLUMNS = ("year", "province_vi", "measure", "value", "value_origin")
OTHER_COLUMNS = ("year", "index", "measure", "value", "value_origin")
READINGS_COLUMNS = ("province_as_printed", "dataset_value_hnks_gh")


@dataclass
class Parsed:
    figures: list[Figure] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    skipped: int = 0


def _origin(raw: str) -> str:
    return "computed" if raw.startswith("computed") else "read"


def _number(
    table: Table, line: int, column: str, text: str, out: Parsed, parse: Callable[[str], object]
) -> object | None:
    try:
        return parse(text)
    except ValueError:
        out.errors.append(RowError(table.file, line, column, text, "Không phải số", "not a number"))
        return None


def _year(table: Table, line: int, row: dict[str, str], out: Parsed) -> int | None:
    text = row.get("year", "")
    if text.isdigit() and 1990 <= int(text) <= 2100:
        return int(text)
    out.errors.append(
        RowError(table.file, line, "year", text, "Năm không hợp lệ", "invalid year (1990–2100)")
    )
    return None


def read_dimensions(table: Table) -> Parsed:
    out = Parsed()
    for line, row in table.rows:
        if row.get("value_origin") in NO_FIGURE:
            out.skipped += 1
            continue
        year = _year(table, line, row, out)
        value = _number(table, line, "score", row["score"], out, parse_decimal)
        if year is None or not isinstance(value, Decimal):
            continue
        code = papi_code(row["dimension_no"], row["subdimension_no"])
        url = first_url(row.get("source_url", ""))
        confirmed = row.get("confirmed_by_independent_source", "")
        out.figures.append(
            Figure(
                index=PAPI,
                year=year,
                province=row["province_vi"],
                province_code=row.get("province_code", ""),
                level=papi_level(code),
                code=code,
                name=PAPI_NAMES.get(code, row.get("subdimension") or row.get("dimension", "")),
                name_en=row.get("subdimension") or row.get("dimension", ""),
                value=value,
                maximum=papi_maximum(code),
                origin=_origin(row.get("value_origin", "")),
                origin_detail=row.get("value_origin", ""),
                source=source_label(url),
                source_url=url,
                source_page=page_of(url),
                confirmed_by=confirmed,
                unconfirmed=not confirmed,
                note=row.get("note", ""),
                line=line,
            )
        )
    return out


def read_totals(table: Table) -> Parsed:
    out = Parsed()
    for line, row in table.rows:
        if row.get("value_origin") in NO_FIGURE:
            out.skipped += 1
            continue
        year = _year(table, line, row, out)
        value = _number(table, line, "total_score", row["total_score"], out, parse_decimal)
        rank = None
        if row.get("rank_of_61"):
            rank = _number(table, line, "rank_of_61", row["rank_of_61"], out, parse_rank)
        if year is None or not isinstance(value, Decimal):
            continue
        url = first_url(row.get("source_url", ""))
        printed = row.get("reported_total_values", "")
        out.figures.append(
            Figure(
                index=PAPI,
                year=year,
                province=row["province_vi"],
                province_code=row.get("province_code", ""),
                level="total",
                code=TOTAL,
                name=PAPI_NAMES[TOTAL],
                value=value,
                maximum=TOTAL_MAX,
                rank=rank if isinstance(rank, int) else None,
                rank_of=61 if isinstance(rank, int) else None,
                rank_origin=(
                    ("read" if row.get("reported_rank") else "computed")
                    if isinstance(rank, int)
                    else ""
                ),
                origin=_origin(row.get("value_origin", "")),
                origin_detail=row.get("value_origin", ""),
                source=source_label(url),
                source_url=url,
                confirmed_by=row.get("reported_sources", "") if printed else "",
                unconfirmed=not printed,
                note=f"giá trị in trên báo: {printed}" if printed else "",
                line=line,
            )
        )
    return out


def read_history(table: Table) -> Parsed:
    """D1–D8 and TOTAL rows become figures; a year's RANK row goes on its TOTAL."""
    out = Parsed()
    ranks: list[tuple[int, dict[str, str]]] = []
    totals: dict[int, Figure] = {}
    for line, row in table.rows:
        measure = row.get("measure", "")
        if measure == "RANK":
            ranks.append((line, row))
            continue
        if row.get("value_origin") in NO_FIGURE:
            out.skipped += 1
            continue
        year = _year(table, line, row, out)
        value = _number(table, line, "value", row["value"], out, parse_decimal)
        if measure != TOTAL and not re.fullmatch(r"D[1-8]", measure):
            out.errors.append(
                RowError(
                    table.file,
                    line,
                    "measure",
                    measure,
                    "Mã không hợp lệ",
                    "unknown measure, expected D1–D8, TOTAL or RANK",
                )
            )
            continue
        if year is None or not isinstance(value, Decimal):
            continue
        printed = row.get("reported_value_as_printed", "")
        url = row.get("dataset_url", "")
        figure = Figure(
            index=PAPI,
            year=year,
            province=row["province_vi"],
            level=papi_level(measure),
            code=measure,
            name=PAPI_NAMES[measure],
            name_en=row.get("measure_name", ""),
            value=value,
            maximum=papi_maximum(measure),
            origin=_origin(row.get("value_origin", "")),
            origin_detail=row.get("value_origin", ""),
            source=source_label(url),
            source_url=url,
            confirmed_by=row.get("reported_source_url", "") if printed else "",
            unconfirmed=not printed,
            note=row.get("note", ""),
            line=line,
        )
        out.figures.append(figure)
        if measure == TOTAL:
            totals[year] = figure
    for line, row in ranks:
        year = _year(table, line, row, out)
        if year is None:
            continue
        total = totals.get(year)
        if total is None:
            out.errors.append(
                RowError(
                    table.file,
                    line,
                    "measure",
                    "RANK",
                    "Không có dòng TOTAL cùng năm",
                    "no TOTAL row of the same year for this rank",
                )
            )
            continue
        if row.get("value_origin") in NO_FIGURE or not row.get("value"):
            total.extra_notes.append(row.get("note", ""))
            continue
        rank = _number(table, line, "value", row["value"], out, parse_rank)
        if isinstance(rank, int):
            of = re.search(r"\((\d+) in dataset\)", row.get("measure_name", ""))
            total.rank, total.rank_of = rank, int(of.group(1)) if of else None
            printed = row.get("reported_value_as_printed", "")
            total.rank_origin = "read" if printed else "computed"
            if printed and row.get("reported_source_url"):
                total.extra_notes.append(f"thứ hạng in trên báo: {row['reported_source_url']}")
    return out


def read_other(table: Table, province: str) -> Parsed:
    """One province's PAR INDEX, SIPAS (and PCI) by year: a score and, where printed, a rank."""
    out = Parsed()
    by_key: dict[tuple[str, int], Figure] = {}
    for line, row in table.rows:
        if row.get("value_origin") in NO_FIGURE:
            out.skipped += 1
            continue
        year = _year(table, line, row, out)
        index = row.get("index", "").strip()
        measure = row.get("measure", "")
        if not index:
            out.errors.append(
                RowError(table.file, line, "index", "", "Thiếu tên chỉ số", "missing index name")
            )
            continue
        parse: Callable[[str], object] = parse_rank if measure == "rank" else parse_decimal
        value = _number(table, line, "value", row.get("value", ""), out, parse)
        if year is None or value is None:
            continue
        url = row.get("source_url", "")
        figure = by_key.get((index, year))
        if figure is None:
            figure = Figure(
                index=index,
                year=year,
                province=province,
                level="total",
                code=TOTAL,
                name=INDEX_NAMES.get(index, index),
                value=None,
                maximum=PERCENT_MAX,
                origin="read",
                origin_detail=row.get("value_origin", ""),
                source=source_label(url),
                source_url=url,
                line=line,
            )
            by_key[(index, year)] = figure
            out.figures.append(figure)
        elif url and url not in (figure.source_url, figure.confirmed_by):
            figure.confirmed_by = " | ".join(u for u in [figure.confirmed_by, url] if u)
        if isinstance(value, int) and measure == "rank":
            figure.rank, figure.rank_origin = value, "read"
            figure.rank_of = 63 if "/63" in row.get("value_as_printed", "") else figure.rank_of
        elif isinstance(value, Decimal):
            figure.value = value
            figure.source, figure.source_url = source_label(url), url
        if row.get("note"):
            figure.extra_notes.append(row["note"])
    return out


def papi_kind(header: list[str]) -> str | None:
    """Which of the shared data's files this is, by its columns."""
    columns = set(header)
    for kind, needed in (
        ("readings", READINGS_COLUMNS),
        ("dimensions", DIMENSIONS_COLUMNS),
        ("totals", TOTALS_COLUMNS),
        ("history", HISTORY_COLUMNS),
        ("other", OTHER_COLUMNS),
    ):
        if set(needed) <= columns:
            return kind
    return None
