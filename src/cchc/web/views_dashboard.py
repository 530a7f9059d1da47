"""Province overview, the list of units and a unit's page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from cchc.analytics.freshness import Source, current_source
from cchc.core.models import Unit
from cchc.core.units import UnknownUnit, descendants_codes
from cchc.dossiers.late import FLAGS
from cchc.dossiers.periods import Period
from cchc.web.access import role_required, scope_of
from cchc.web.figure_source import cached_fragment
from cchc.web.figures import (
    MIN_DOSSIERS_RANKED,
    as_of_context,
    flag_counts,
    period_figures,
    worst,
)
from cchc.web.periods import default_period, period_from_query
from cchc.web.scope import Scope


def _period(request: HttpRequest, scope: Scope) -> Period:
    today = dt.date.today()
    try:
        return period_from_query(request.GET, scope.unit_codes, today)
    except ValueError as exc:
        messages.error(request, str(exc))
        return default_period(scope.unit_codes, today)


def _period_context(request: HttpRequest, period: Period, source: Source) -> dict[str, Any]:
    return {
        "period": period,
        "period_value": request.GET.get("period", "") or period.label,
        "from_value": request.GET.get("from", ""),
        "to_value": request.GET.get("to", ""),
        **as_of_context(source),
        "from_store": source.from_store,
    }


@role_required()
def overview(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    period = _period(request, scope)
    scope = scope_of(request, period.end)
    source = current_source()

    def figures_context() -> dict[str, Any]:
        figures = period_figures(period, scope.unit_codes, source=source)
        return {
            "period": period,
            "figures": figures,
            "chart": figures.monthly_chart(),
            "worst_units": worst(figures.units),
            "worst_sectors": worst(figures.sectors),
            "min_ranked": MIN_DOSSIERS_RANKED,
        }

    context = {
        **_period_context(request, period, source),
        "previous": period.previous_year(),
        "figures_html": cached_fragment(
            source, "web/_overview_figures.html", period, scope.unit_codes, figures_context
        ),
        "scope": scope,
    }
    return render(request, "web/overview.html", context)


@role_required()
def unit_list(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    units = Unit.objects.select_related("parent").order_by("code")
    if scope.unit_codes is not None:
        units = units.filter(code__in=sorted(scope.unit_codes))
    today = dt.date.today()
    shown = [u for u in units if u.is_valid_on(today)]
    return render(request, "web/unit_list.html", {"units": shown, **as_of_context()})


@role_required()
def unit_page(request: HttpRequest, code: str) -> HttpResponse:
    scope = scope_of(request)
    period = _period(request, scope)
    scope = scope_of(request, period.end)
    unit = Unit.objects.filter(code=code).select_related("parent").first()
    # Outside the caller's scope looks the same as unknown: no hint that the unit exists.
    if unit is None or not scope.can_see_unit(code):
        raise Http404("Không tìm thấy đơn vị (unit not found)")
    try:
        codes = descendants_codes(code, period.end)
    except UnknownUnit as exc:
        raise Http404(str(exc)) from exc
    allowed = scope.restrict(codes)
    source = current_source()
    figures = period_figures(period, allowed, source=source)
    sectors_late = sorted(
        (r for r in figures.sectors if r.late + r.open_overdue > 0),
        key=lambda r: -(r.late + r.open_overdue),
    )
    flags = flag_counts(period, allowed, source)
    context = {
        **_period_context(request, period, source),
        "unit": unit,
        "figures": figures,
        "chart": figures.monthly_chart(),
        "sub_units": [r for r in figures.units if r.group_code != code] or figures.units,
        "sectors_late": sectors_late,
        "flags": [(key, FLAGS[key], count) for key, count in flags.items()],
        "scope": scope,
    }
    return render(request, "web/unit.html", context)
