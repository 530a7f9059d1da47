"""Corrective-action list (open / overdue / reported / closed, by unit), review statistics for a
period against the same period a year earlier."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cchc.core.models import Unit
from cchc.core.vn_format import vn_date
from cchc.inspections.models import FindingCategory, InspectionKind
from cchc.inspections.stats import compare, ratio_text
from cchc.inspections.web_queries import (
    ACTION_FILTERS,
    actions_for,
    filter_actions,
    require_province_view,
)
from cchc.web.access import role_required, scope_of
from cchc.web.periods import period_from_query

PAGE_SIZE = 200


@role_required()
def action_list(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    today = dt.date.today()
    state = request.GET.get("state", "").strip()
    unit = request.GET.get("unit", "").strip()
    qs = actions_for(scope)
    error = None
    try:
        qs = filter_actions(qs, state, today)
    except ValueError as exc:
        error, qs = str(exc), qs.none()
    if unit:
        if not scope.can_see_unit(unit):
            raise PermissionDenied(f"Không xem được đơn vị {unit!r} (unit outside your scope)")
        qs = qs.filter(owner_unit__code=unit)
    codes = sorted(set(actions_for(scope).values_list("owner_unit__code", flat=True)))
    units = Unit.objects.filter(code__in=codes).order_by("code").values_list("code", "name")
    rows = [(a, a.is_overdue(today)) for a in qs.order_by("deadline", "id")[:PAGE_SIZE]]
    context = {
        "rows": rows,
        "total": qs.count(),
        "state": state,
        "unit": unit,
        "state_choices": list(ACTION_FILTERS.items()),
        "unit_choices": list(units),
        "error": error,
        "sees_everything": scope.sees_everything,
    }
    return render(request, "inspections/actions.html", context, status=400 if error else 200)


@role_required()
def stats_page(request: HttpRequest) -> HttpResponse:
    require_province_view(scope_of(request))
    try:
        period = period_from_query(request.GET, None, dt.date.today())
    except ValueError as exc:
        context: dict[str, Any] = {"error": str(exc), "period_value": request.GET.get("period", "")}
        return render(request, "inspections/stats.html", context, status=400)
    now, before = compare(period)

    def row(label: str, a: int, b: int) -> tuple[str, int, int, str]:
        return (label, a, b, ratio_text(a, b))

    kinds = [
        row(
            f"– {label}",
            now.by_kind[k],
            before.by_kind[k],
        )
        for k, label in InspectionKind.choices
    ]
    categories = [
        row(f"– {label}", now.findings_by_category[k], before.findings_by_category[k])
        for k, label in FindingCategory.choices
    ]
    rows = [
        row("Cuộc kiểm tra", now.inspections, before.inspections),
        *kinds,
        row("Đơn vị được kiểm tra", now.units_covered, before.units_covered),
        row("Tồn tại, hạn chế", now.findings, before.findings),
        *categories,
        row("Yêu cầu khắc phục đang thực hiện", now.actions_open, before.actions_open),
        row("– trong đó quá hạn", now.actions_overdue, before.actions_overdue),
        row("Đã báo cáo, chờ xác minh", now.actions_reported, before.actions_reported),
        row("Đã xác minh, kết thúc", now.actions_closed, before.actions_closed),
    ]
    context = {
        "period": period,
        "previous": before.period,
        "period_value": request.GET.get("period", "") or period.label,
        "rows": rows,
        "units_label": f"{now.frame.view.label}, cơ cấu ngày {vn_date(now.frame.day)}",
    }
    return render(request, "inspections/stats.html", context)
