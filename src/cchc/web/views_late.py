"""The late-dossier work list (hồ sơ trễ hạn), its CSV and XLSX exports."""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import (
    FileResponse,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    StreamingHttpResponse,
)
from django.http.response import HttpResponseBase
from django.shortcuts import render

from cchc.core.models import Procedure, Unit
from cchc.dossiers.late import FLAGS, ORDERS
from cchc.web.access import role_required, scope_of
from cchc.web.exports import csv_lines, write_xlsx
from cchc.web.figures import as_of_context
from cchc.web.late_query import (
    PAGE_SIZE,
    FilterError,
    LateQuery,
    OutOfScope,
    page_number,
    parse_late_query,
)
from cchc.web.scope import Scope

SORT_LABELS = {
    "-days_late": "Trễ nhiều nhất",
    "days_late": "Trễ ít nhất",
    "-received_on": "Tiếp nhận mới nhất",
    "received_on": "Tiếp nhận cũ nhất",
    "deadline_on": "Hạn trả sớm nhất",
    "-deadline_on": "Hạn trả muộn nhất",
    "finished_on": "Ngày kết thúc",
    "unit_code": "Đơn vị",
    "code": "Mã hồ sơ",
}


def _query(request: HttpRequest) -> tuple[Scope, LateQuery]:
    today = dt.date.today()
    scope = scope_of(request).for_dossiers()
    try:
        query = parse_late_query(request.GET, scope, today)
        # Re-scope as of the period viewed (a unit head's subtree follows the reorganisations).
        scope = scope_of(request, query.period.end).for_dossiers()
        return scope, parse_late_query(request.GET, scope, today)
    except OutOfScope as exc:
        raise PermissionDenied(str(exc)) from exc


def _choices(scope: Scope) -> dict[str, Any]:
    units = Unit.objects.order_by("code").values_list("code", "name")
    if scope.unit_codes is not None:
        units = units.filter(code__in=sorted(scope.unit_codes))
    return {
        "unit_choices": list(units),
        "sector_choices": list(
            Procedure.objects.exclude(sector="")
            .order_by("sector")
            .values_list("sector", flat=True)
            .distinct()
        ),
        "flag_choices": list(FLAGS.items()),
        "sort_choices": [(k, SORT_LABELS.get(k, k)) for k in ORDERS],
    }


@role_required()
def late_list(request: HttpRequest) -> HttpResponse:
    try:
        scope, query = _query(request)
        number = page_number(request.GET)
    except FilterError as exc:
        context = {
            "error": str(exc),
            "get": request.GET,
            "period": None,
            "query": None,
            "period_value": request.GET.get("period", ""),
            **_choices(scope_of(request).for_dossiers()),
        }
        return render(request, "web/late_list.html", context, status=400)
    rows, total = query.page(number)
    pages = max(1, -(-total // PAGE_SIZE))
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "query": query,
        "period": query.period,
        "period_value": request.GET.get("period", "") or query.period.label,
        "rows": [(r, scope.can_see_applicant(r.unit_code)) for r in rows],
        "total": total,
        "page": number,
        "pages": pages,
        "prev_page": number - 1 if number > 1 else None,
        "next_page": number + 1 if number < pages else None,
        "base_query": params.urlencode(),
        "get": request.GET,
        **as_of_context(),
        "flag_labels": FLAGS,
        **_choices(scope),
    }
    return render(request, "web/late_list.html", context)


def _filename(query: LateQuery, ext: str) -> str:
    unit = f"-{query.unit}" if query.unit else ""
    return f"ho-so-tre-han-{query.period.label.replace('..', '_')}{unit}.{ext}"


@role_required()
def late_export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    try:
        scope, query = _query(request)
    except FilterError as exc:
        return HttpResponseBadRequest(str(exc), content_type="text/plain; charset=utf-8")
    if fmt == "csv":
        response = StreamingHttpResponse(
            csv_lines(query.all_rows(), scope.can_see_applicant),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{_filename(query, "csv")}"'
        return response
    path = write_xlsx(query.all_rows(), scope.can_see_applicant)
    handle = path.open("rb")
    os.unlink(path)  # the open handle keeps the data until the response is sent (POSIX)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=_filename(query, "xlsx"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
