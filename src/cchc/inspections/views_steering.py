"""The steering committee's workbook (steering_export.py), for whoever sees the whole province."""

from __future__ import annotations

from django.http import HttpRequest
from django.http.response import HttpResponseBase

from cchc.analytics.freshness import current_source
from cchc.core import clock
from cchc.inspections.steering_export import steering_workbook
from cchc.inspections.web_queries import require_province_view
from cchc.web.access import role_required, scope_of
from cchc.web.page_header import page_header
from cchc.web.xlsx_sheet import xlsx_response


@role_required()
def steering_export(request: HttpRequest) -> HttpResponseBase:
    require_province_view(scope_of(request))
    header = page_header(request)
    today = clock.today()
    path = steering_workbook(header.period, header.frame, current_source(), today)
    name = f"tong-quan-{header.period.label}-{header.frame.view.slug}.xlsx"
    return xlsx_response(path, name)
