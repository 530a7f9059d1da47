"""Workbooks of new plans pre-filled with targets (`cchc plans template papi|par|766`): PAPI's 8
dimensions, PAR INDEX's 8 areas, Decision 766's 5 groups. The id cell is empty, so importing the
filled-in workbook creates a new plan; the target values are left for the user to fill in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from cchc.core.models import Unit, UnitKind
from cchc.core.toml_file import read_toml
from cchc.indicators.catalogue import load_catalogue
from cchc.plans.indices_names import DIMENSIONS, PAPI_NAMES
from cchc.plans.indices_queries import external_series, served_province
from cchc.plans.models_plans import TargetKind
from cchc.plans.xlsx_layout import DIRECTION_WORDS, KIND_WORDS, MEASURE_WORDS, PLAN, TARGETS
from cchc.plans.xlsx_write import Row, write_book

TEMPLATES_FILE = Path(__file__).resolve().parent / "data" / "templates" / "plan_templates.toml"
KINDS = ("papi", "par", "766")


def load_templates(path: Path = TEMPLATES_FILE) -> dict[str, Any]:
    return read_toml(path)


def template_targets(kind: str, end: dt.date) -> list[Row]:
    """The targets of template `kind` ("papi", "par", "766"), due at `end`; an external index's
    baseline is the served province's latest published figure of an earlier year, if stored."""
    data = load_templates()[kind]
    if kind == "papi":
        rows = [(code, PAPI_NAMES[code]) for code in DIMENSIONS]
        return [_with_baseline(_external(c, n, data, end), end.year) for c, n in rows]
    if kind == "par":
        areas = [(a["code"], a["name"]) for a in data["areas"]]
        return [_with_baseline(_external(c, n, data, end), end.year) for c, n in areas]
    return [
        _target(
            f"N{g.number}",
            g.name_vi,
            end,
            data["source"],
            kind=KIND_WORDS[TargetKind.INDICATOR],
            indicator_code=data["indicator_code_format"].format(number=g.number),
        )
        for g in load_catalogue().groups
    ]


def _external(code: str, name: str, data: dict[str, Any], end: dt.date) -> Row:
    return _target(
        code,
        name,
        end,
        data["source"],
        kind=KIND_WORDS[TargetKind.EXTERNAL],
        index_name=data["index_name"],
        index_code=code,
    )


def _with_baseline(row: Row, year: int) -> Row:
    province = served_province()
    if province is None:
        return row
    series = external_series(str(row["index_name"]), str(row["index_code"]), province.key)
    earlier = [y for y, v in series.items() if y < year and v.value is not None]
    if not earlier:
        return row
    last = max(earlier)
    value = series[last].value
    assert value is not None
    return {**row, "baseline_value": float(value), "baseline_date": dt.date(last, 12, 31)}


def _target(code: str, name: str, end: dt.date, source: str, **fields: str) -> Row:
    return {
        "code": code,
        "name": name,
        "measure": MEASURE_WORDS["value"],
        "direction": DIRECTION_WORDS["up"],
        "target_date": end,
        "source": source,
        **fields,
    }


def template_rows(kind: str, year: int) -> dict[str, list[Row]]:
    if kind not in KINDS:
        raise ValueError(f"Không có mẫu (unknown template) {kind!r}: {', '.join(KINDS)}")
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    owner = _province_unit()
    plan: Row = {
        "name": load_templates()[kind]["plan_name"],
        "period_start": start,
        "period_end": end,
        "owner_code": owner.code if owner else "",
        "owner_name": owner.name if owner else "",
    }
    return {PLAN.name: [plan], TARGETS.name: template_targets(kind, end)}


def write_template(kind: str, path: Path, year: int) -> None:
    write_book(path, template_rows(kind, year))


def _province_unit() -> Unit | None:
    """The province itself when the unit list has exactly one (the usual owner of a plan)."""
    provinces = list(Unit.objects.filter(kind=UnitKind.PROVINCE)[:2])
    return provinces[0] if len(provinces) == 1 else None
