"""The late list's filters, read from a query string and cut to the caller's scope.

Shared by the HTML page, its exports and the JSON API so that all three list the same rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from cchc.core.unit_views import UnitFrame
from cchc.core.units import UnknownUnit
from cchc.dossiers.late import LateFilter, LateRow, check_arguments
from cchc.dossiers.periods import Period
from cchc.web.late_cache import late_page
from cchc.web.periods import period_from_query
from cchc.web.scope import Scope
from cchc.web.unit_frames import frame_of, view_from_query

PAGE_SIZE = 50
EXPORT_CHUNK = 10_000
EXPORT_MAX_ROWS = 500_000


class FilterError(ValueError):
    """A filter value the caller must fix (shown to them, 400 in the API)."""


class OutOfScope(PermissionError):
    """The caller asked for a unit they may not see."""


@dataclass(frozen=True)
class LateQuery:
    period: Period
    filt: LateFilter
    order: str
    unit: str | None
    frame: UnitFrame  # the unit view: which units `unit` counts, where each row is shown

    def page(self, number: int, size: int = PAGE_SIZE) -> tuple[list[LateRow], int]:
        return late_page(self.period, self.filt, self.order, offset=(number - 1) * size, limit=size)

    def all_rows(self) -> Iterator[LateRow]:
        """Every row in order, read in chunks (for exports)."""
        offset = 0
        while offset < EXPORT_MAX_ROWS:
            rows, total = late_page(
                self.period, self.filt, self.order, offset=offset, limit=EXPORT_CHUNK
            )
            yield from rows
            offset += EXPORT_CHUNK
            if offset >= total or not rows:
                return


def unit_codes_for(scope: Scope, unit: str | None, frame: UnitFrame) -> frozenset[str] | None:
    """The units a query covers: the asked unit's members in the view (as was: it and its subtree
    at the period's end; as is: also every old unit rolled onto them), cut to the scope."""
    if not unit:
        return scope.unit_codes
    if not scope.can_see_unit(unit):
        raise OutOfScope(f"Không có quyền xem đơn vị {unit!r} (not allowed to see this unit)")
    try:
        return scope.restrict(frame.members(unit))
    except UnknownUnit as exc:
        raise FilterError(str(exc)) from exc


def _text(query: Mapping[str, str], name: str) -> str | None:
    value = (query.get(name) or "").strip()
    return value or None


def late_period(query: Mapping[str, str], scope: Scope, today: dt.date) -> Period:
    """The period asked for (default: the scope's last half-year with data); FilterError."""
    try:
        return period_from_query(query, scope.unit_codes, today)
    except ValueError as exc:
        raise FilterError(str(exc)) from exc


def parse_late_query(
    query: Mapping[str, str], scope: Scope, today: dt.date, period: Period | None = None
) -> LateQuery:
    """Raises FilterError (bad value) or OutOfScope (unit not visible to the caller).

    Callers pass the `period` they read with late_period and a `scope` as of its end: a unit
    head's units on the day viewed (a unit of his ended district is his in 2023, not today)."""
    try:
        period = period or period_from_query(query, scope.unit_codes, today)
        frame = frame_of(view_from_query(query), period, today)
    except ValueError as exc:
        raise FilterError(str(exc)) from exc
    order = _text(query, "sort") or "-days_late"
    unit = _text(query, "unit")
    codes = unit_codes_for(scope, unit, frame)
    filt = LateFilter(
        unit_codes=codes,
        sector=_text(query, "sector"),
        procedure_code=_text(query, "procedure"),
        flag=_text(query, "flag"),
        state=_text(query, "state"),
        count=_text(query, "count"),
    )
    try:
        check_arguments(order, filt)
    except ValueError as exc:
        raise FilterError(str(exc)) from exc
    return LateQuery(period=period, filt=filt, order=order, unit=unit, frame=frame)


def page_number(query: Mapping[str, str]) -> int:
    raw = (query.get("page") or "1").strip()
    if not raw.isdigit() or int(raw) < 1 or int(raw) > 1_000_000:
        raise FilterError(f"Số trang không hợp lệ {raw!r} (invalid page number)")
    return int(raw)
