"""Compute indicators for a period: choose weights, map units, run an engine, score.

Units are reported as-was (each dossier under the unit that handled it, the tree and names as
they stood at the period's end) or as-is (old units' dossiers under the unit that carries on
their work today, `core.lineage.rollup_map`; a split unit's as `rollup_map` says):
`core.unit_views.UnitFrame`. The same period a year earlier is counted like with like: as is on
today's units too, as was rolled onto the structure of this period's end.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from cchc.analytics.store import StoreStamp, ensure_store
from cchc.analytics.store_schema import analytics_dir
from cchc.core.lineage import rollup_map
from cchc.core.models import Procedure, Unit
from cchc.core.unit_views import UnitFrame, UnitView, unit_frame
from cchc.core.units import descendants_codes, names_on, tree_as_of
from cchc.dossiers.models import Channel
from cchc.dossiers.periods import Period
from cchc.dossiers.rulebook.period import reference_date
from cchc.indicators.catalogue import Catalogue, Indicator
from cchc.indicators.combined import run_all
from cchc.indicators.engines import Engine, Inputs, get_engine
from cchc.indicators.results import ResultRow, assemble
from cchc.indicators.sources import source_of
from cchc.indicators.sql import explain_query
from cchc.indicators.sql_sources import EXPLAIN_FIELDS, source_explain_query
from cchc.indicators.weights import catalogue_for


@dataclass(frozen=True)
class Computation:
    period: Period
    by: str
    catalogue: Catalogue
    indicators: tuple[Indicator, ...]
    rows: list[ResultRow]
    engine: str
    frame: UnitFrame
    stamp: StoreStamp | None
    previous: list[ResultRow] = field(default_factory=list)
    previous_period: Period | None = None  # with compare: last year, cut like a running period

    @property
    def version(self) -> str:
        return self.catalogue.version

    @property
    def view(self) -> UnitView:
        return self.frame.view

    @property
    def as_is(self) -> bool:
        return self.frame.view == UnitView.AS_IS


def _children(code: str, day: dt.date) -> list[str]:
    """The units directly below `code` on `day` (with the parents of then: Long Hải under Long
    Điền in 2024, under Long Đất in 2025)."""
    stack = list(tree_as_of(day))
    while stack:
        node = stack.pop()
        if node.unit.code == code:
            return [child.unit.code for child in node.children]
        stack.extend(node.children)
    return []


def unit_mapping(unit_code: str | None, by: str, frame: UnitFrame) -> list[tuple[str, str]]:
    """dossier unit code → group code. Empty (no restriction) for the whole province as-was."""
    if unit_code is None:
        return sorted(frame.targets.items())
    if not Unit.objects.filter(code=unit_code).exists():
        raise ValueError(f"Không có đơn vị (unknown unit) {unit_code!r}")
    target: dict[str, str] = {}
    if by == "unit":  # roll each child's subtree up to the child; the unit's own dossiers to it
        target[unit_code] = unit_code
        for child in _children(unit_code, frame.day):
            for code in descendants_codes(child, frame.day):
                target[code] = child
    else:
        target = {code: code for code in descendants_codes(unit_code, frame.day)}
    mapping = dict(target)
    for old, new in frame.targets.items():
        if new in target:
            mapping[old] = target[new]
    return sorted(mapping.items())


def year_before_frame(frame: UnitFrame) -> UnitFrame:
    """Where the same period a year earlier is shown, like with like: as is, today's units; as
    was, this period's structure, onto which last year's units are rolled up."""
    if frame.view == UnitView.AS_IS:
        return frame
    return UnitFrame(frame.view, frame.day, rollup_map(frame.day))


def _names(by: str, codes: Sequence[str], day: dt.date) -> dict[str, str]:
    if by == "unit":
        names = names_on(day)
        return {c: names[c] for c in codes if c in names}
    if by == "procedure":
        return {
            c: n[:80]
            for c, n in Procedure.objects.filter(code__in=codes).values_list("code", "name")
        }
    if by == "channel":
        return {c.value: str(c.label) for c in Channel}
    if by in ("total", "month"):
        return {"*": "Tổng (total)"}
    return {}


def _inputs(
    period: Period,
    by: str,
    split_months: bool,
    mapping: list[tuple[str, str]],
    today: dt.date,
    root: Path,
) -> Inputs:
    parts = period.months() if by == "month" or split_months else [period]
    periods = [(p.label, p.start, p.end, reference_date(p.end, today)) for p in parts]
    return Inputs(root, periods, mapping)


def run_rows(
    period: Period,
    catalogue: Catalogue,
    frame: UnitFrame,
    *,
    by: str = "total",
    unit_code: str | None = None,
    engine: Engine | None = None,
    today: dt.date | None = None,
    split_months: bool = False,
    root: Path | None = None,
) -> tuple[tuple[Indicator, ...], list[ResultRow]]:
    today = today or dt.date.today()
    mapping = unit_mapping(unit_code, by, frame)
    indicators = catalogue.for_period(period.start, period.end)
    restrict = unit_code is not None
    inputs = _inputs(period, by, split_months, mapping, today, root or analytics_dir())
    columns, raw = run_all(
        indicators,
        by,
        inputs,
        engine or get_engine("duckdb"),
        restrict_units=restrict,
        mapped=restrict or bool(mapping),
    )
    names = _names(by, sorted({str(r[1]) for r in raw}), frame.day)
    return indicators, assemble(catalogue, indicators, columns, raw, names)


def view_of(as_is: bool, view: UnitView | None) -> UnitView:
    """`view`, else the older flag `as_is`."""
    if view is not None:
        return view
    return UnitView.AS_IS if as_is else UnitView.AS_WAS


def compute(
    period: Period,
    *,
    by: str = "total",
    unit_code: str | None = None,
    as_is: bool = False,
    view: UnitView | None = None,
    engine: str = "duckdb",
    today: dt.date | None = None,
    compare: bool = False,
    split_months: bool = False,
) -> Computation:
    """Every indicator for every group of the period (and the same period a year earlier), in
    `view` (or as-is when `as_is`; as-was by default)."""
    stamp = ensure_store()
    catalogue = catalogue_for(period.end)
    runner = get_engine(engine)
    frame = unit_frame(view_of(as_is, view), period.end, today)
    indicators, rows = run_rows(
        period,
        catalogue,
        frame,
        by=by,
        unit_code=unit_code,
        engine=runner,
        today=today,
        split_months=split_months,
    )
    previous: list[ResultRow] = []
    before: Period | None = None
    if compare:
        # A running period is compared with the same elapsed part of last year (as the pages).
        before = period.previous_year_to(today or dt.date.today())
        _, previous = run_rows(
            before,
            catalogue_for(before.end),
            year_before_frame(frame),
            by=by,
            unit_code=unit_code,
            engine=runner,
            today=today,
            split_months=split_months,
        )
    return Computation(
        period, by, catalogue, indicators, rows, runner.name, frame, stamp, previous, before
    )


@dataclass(frozen=True)
class ExplainRow:
    code: str
    unit_code: str
    procedure_code: str
    channel: str
    received_on: dt.date
    deadline_on: dt.date | None
    finished_on: dt.date | None
    in_numerator: bool
    in_denominator: bool


@dataclass(frozen=True)
class ItemRow:
    """A citizens' item in an indicator's drill-down: a survey answer (response id, date,
    element, score) or a feedback item (id, dates, state). No personal data: the store has none."""

    code: str  # the response's or the item's id
    unit_code: str
    received_on: dt.date | None
    due_on: dt.date | None
    answered_on: dt.date | None
    closed_on: dt.date | None
    state: str | None  # feedback
    element: str | None  # survey
    score: int | None  # survey
    in_numerator: bool
    in_denominator: bool
    procedure_code: str = ""  # as a dossier row's, for the pages' shared code


def _item(r: tuple[object, ...]) -> ItemRow:
    """An engine row (sql_sources.EXPLAIN_FIELDS, in_numerator, in_denominator) → ItemRow."""
    values = dict(zip(EXPLAIN_FIELDS, r, strict=False))
    n = len(EXPLAIN_FIELDS)
    return ItemRow(**values, in_numerator=bool(r[n]), in_denominator=bool(r[n + 1]))  # type: ignore[arg-type]


def explain(
    code: str,
    period: Period,
    unit_code: str,
    *,
    as_is: bool = False,
    view: UnitView | None = None,
    today: dt.date | None = None,
) -> tuple[Indicator, list[ExplainRow] | list[ItemRow]]:
    """The dossiers (or a citizens' source's items: ItemRow) of a unit (and the units below it)
    in an indicator's numerator/denominator."""
    ensure_store()
    ind = catalogue_for(period.end).indicator(code)
    if not ind.has_data:
        return ind, []
    today = today or dt.date.today()
    frame = unit_frame(view_of(as_is, view), period.end, today)
    mapping = unit_mapping(unit_code, "total", frame)
    inputs = _inputs(period, "total", False, mapping, today, analytics_dir())
    if ind.source != "dossiers":
        table = source_of(ind.source).table
        found = get_engine("duckdb").run(source_explain_query(ind), replace(inputs, table=table))
        return ind, [_item(r) for r in found]
    rows = get_engine("duckdb").run(explain_query(ind), inputs)
    return ind, [
        ExplainRow(
            str(r[0]), str(r[1]), str(r[2]), str(r[3]), r[4], r[5], r[6], bool(r[7]), bool(r[8])
        )
        for r in rows
    ]
