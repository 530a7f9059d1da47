"""JSON API for indicators (django-ninja router, mounted at /api/indicators by cchc.web.api).

The same scope rules as the pages (cchc.web.scope), the same figures as the CLI: `GET
/api/indicators` answers exactly what `cchc indicators --format json` prints.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router
from ninja.errors import HttpError

from cchc.core.unit_views import UnitView, parse_view
from cchc.dossiers.periods import Period
from cchc.indicators.compute import compute, explain
from cchc.indicators.ranking_out import as_dict
from cchc.indicators.render import as_json
from cchc.indicators.scorecard import scorecard
from cchc.indicators.sql import GROUP_KEYS
from cchc.indicators.web_data import min_ranked, ranking
from cchc.web.api import VIEW_DOC
from cchc.web.periods import period_from_query
from cchc.web.scope import Scope

router = Router(tags=["indicators"])


def _scope(request: HttpRequest, day: dt.date | None = None) -> Scope:
    scope = Scope.for_user(request.user, day or dt.date.today())
    if not scope.has_role:
        raise HttpError(403, "Tài khoản chưa được gán vai trò (no role assigned)")
    return scope


def _period(request: HttpRequest, period: str | None, start: str | None, end: str | None) -> Period:
    raw = {k: v for k, v in {"period": period, "from": start, "to": end}.items() if v}
    try:
        return period_from_query(raw, _scope(request).unit_codes, dt.date.today())
    except ValueError as exc:
        raise HttpError(400, str(exc)) from exc


def _visible_unit(scope: Scope, unit: str | None) -> str | None:
    """The unit asked for, checked; a unit head asking for nothing gets their own unit."""
    if unit is None and not scope.sees_everything:
        unit = scope.unit_code
        if unit is None:
            raise HttpError(403, "Tài khoản chưa gắn đơn vị (no unit assigned)")
    if unit is not None and not scope.can_see_unit(unit):
        raise HttpError(403, f"Không được xem đơn vị (unit not allowed) {unit}")
    return unit


@router.get("", response=dict[str, Any], summary="Chỉ số QĐ 766 (every indicator, as the CLI)")
def indicators(
    request: HttpRequest,
    period: str | None = None,
    start: str | None = Query(None, alias="from"),  # type: ignore[type-arg]
    end: str | None = Query(None, alias="to"),  # type: ignore[type-arg]
    by: str = "total",
    unit: str | None = None,
    view: str | None = None,
    as_is: bool = False,
) -> dict[str, Any]:
    if by not in GROUP_KEYS:
        raise HttpError(400, f"Nhóm không hợp lệ (invalid 'by') {by!r}: {', '.join(GROUP_KEYS)}")
    try:
        unit_view = parse_view(view, UnitView.AS_IS if as_is else UnitView.AS_WAS)
    except ValueError as exc:
        raise HttpError(400, str(exc)) from exc
    p = _period(request, period, start, end)
    code = _visible_unit(_scope(request, p.end), unit)
    try:
        comp = compute(p, by=by, unit_code=code, view=unit_view)
    except ValueError as exc:
        raise HttpError(400, str(exc)) from exc
    result: dict[str, Any] = json.loads(as_json(comp))
    return result


@router.get("/scorecard/{unit}", response=dict[str, Any], summary="Phiếu điểm (scorecard)")
def unit_scorecard(
    request: HttpRequest,
    unit: str,
    period: str | None = None,
    start: str | None = Query(None, alias="from"),  # type: ignore[type-arg]
    end: str | None = Query(None, alias="to"),  # type: ignore[type-arg]
) -> dict[str, Any]:
    p = _period(request, period, start, end)
    _visible_unit(_scope(request, p.end), unit)
    try:
        card = scorecard(unit, p)
    except ValueError as exc:
        raise HttpError(404, str(exc)) from exc
    data = dataclasses.asdict(card)
    data["period"] = {"label": p.label, "start": p.start.isoformat(), "end": p.end.isoformat()}
    return data


@router.get("/rankings", response=dict[str, Any], summary="Xếp hạng đơn vị (rankings)")
def rankings(
    request: HttpRequest,
    period: str | None = None,
    start: str | None = Query(None, alias="from"),  # type: ignore[type-arg]
    end: str | None = Query(None, alias="to"),  # type: ignore[type-arg]
    min: int | None = None,
    view: str | None = Query(None, description=VIEW_DOC),  # type: ignore[type-arg]
) -> dict[str, Any]:
    p = _period(request, period, start, end)
    scope = _scope(request, p.end)
    try:
        unit_view = parse_view(view)
    except ValueError as exc:
        raise HttpError(400, str(exc)) from exc
    return as_dict(ranking(p, scope.unit_codes, min_ranked(min), view=unit_view))


@router.get("/explain/{unit}/{code}", response=dict[str, Any], summary="Hồ sơ của một chỉ số")
def drilldown(
    request: HttpRequest,
    unit: str,
    code: str,
    period: str | None = None,
    start: str | None = Query(None, alias="from"),  # type: ignore[type-arg]
    end: str | None = Query(None, alias="to"),  # type: ignore[type-arg]
    limit: int = Query(1000, ge=1, le=10_000),  # type: ignore[type-arg]
) -> dict[str, Any]:
    p = _period(request, period, start, end)
    scope = _scope(request, p.end)
    _visible_unit(scope, unit)
    try:
        ind, rows = explain(code, p, unit)
    except KeyError as exc:
        raise HttpError(404, "Không có chỉ số (unknown indicator)") from exc
    except ValueError as exc:
        raise HttpError(404, str(exc)) from exc
    visible = [r for r in rows if scope.can_see_unit(r.unit_code)]
    return {
        "indicator": ind.code,
        "unit": unit,
        "period": p.label,
        "numerator": sum(r.in_numerator for r in visible),
        "denominator": sum(r.in_denominator for r in visible),
        "total_rows": len(visible),
        "rows": [
            {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in vars(r).items()}
            for r in visible[:limit]
        ],
    }
