"""Province overview and the list of units (a unit's page: views_unit.py)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cchc.analytics.freshness import current_source
from cchc.core import clock
from cchc.core.unit_views import UnitView
from cchc.core.units import units_as_of
from cchc.web.access import role_required, scope_of
from cchc.web.figure_source import cached_fragment
from cchc.web.figures import MIN_DOSSIERS_RANKED, data_day, period_figures, worst
from cchc.web.home_sections import home_sections
from cchc.web.page_header import page_header


@role_required()
def overview(request: HttpRequest) -> HttpResponse:
    header = page_header(request)
    period, scope, frame = header.period, header.viewer, header.frame
    source = current_source()

    def figures_context() -> dict[str, Any]:
        figures = period_figures(
            period, scope.unit_codes, source=source, frame=frame, visible=scope.unit_codes
        )
        return {
            "period": period,
            "figures": figures,
            "chart": figures.monthly_chart(),
            "worst_units": worst(figures.units),
            "worst_sectors": worst(figures.sectors),
            "min_ranked": MIN_DOSSIERS_RANKED,
            "view_slug": frame.view.slug,
            "linkable": None if scope.unit_codes is None else sorted(scope.unit_codes),
        }

    context = {
        **header.context(request, source),
        "previous": period.previous_year_to(data_day(source, clock.today())),
        "show_figures": header.own_unit is None or header.own_unit.ended_on is None,
        "home_sections": home_sections(request.user, clock.today()),
    }
    if context["show_figures"]:
        context["figures_html"] = cached_fragment(
            source,
            "web/_overview_figures.html",
            period,
            scope.unit_codes,
            figures_context,
            variant=f"{frame.view.slug}:{frame.day.isoformat()}",
        )
    return render(request, "web/overview.html", context)


@role_required()
def unit_list(request: HttpRequest) -> HttpResponse:
    """As was: the units of the period's end, with their names then; as is: today's units."""
    header = page_header(request)
    scope, frame = header.viewer, header.frame
    if frame.view == UnitView.AS_IS:
        scope = scope_of(request, frame.day)  # today's structure: whom the caller sees today
    units = units_as_of(frame.day)
    names = {u.pk: u.name for u in units}
    units = [u for u in units if scope.can_see_unit(u.code)]
    rows = [(u, names.get(u.parent_id, "") if u.parent_id else "") for u in units]
    context = {**header.context(request), "rows": rows}
    return render(request, "web/unit_list.html", context)
