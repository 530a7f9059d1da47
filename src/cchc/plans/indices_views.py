"""/chi-so/ben-ngoai/: the served province's PAPI position and trend, PAR INDEX and SIPAS."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cchc.plans.indices_access import can_read_indices
from cchc.plans.indices_chart import AXIS_Y, HEIGHT, WIDTH, chart_points, polyline
from cchc.plans.indices_names import INDEX_NAMES, PAPI_NAMES
from cchc.plans.indices_page import build_page
from cchc.plans.indices_queries import served_province
from cchc.web.access import role_required, scope_of


@role_required()
def indices_page(request: HttpRequest) -> HttpResponse:
    if not can_read_indices(scope_of(request)):
        raise PermissionDenied("Không có quyền xem (not allowed)")
    year_text = request.GET.get("nam", "")
    year = int(year_text) if year_text.isdigit() else None
    page = build_page(served_province(), year)
    points = chart_points(page.chart)
    return render(
        request,
        "plans/indices/page.html",
        {
            "page": page,
            "code_names": PAPI_NAMES,
            "index_names": INDEX_NAMES,
            "points": points,
            "polyline": polyline(points),
            "chart_width": WIDTH,
            "chart_height": HEIGHT,
            "axis_y": AXIS_Y,
        },
    )
