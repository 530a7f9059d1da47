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

from cchc.core.models import Procedure
from cchc.core.units import names_on
from cchc.dossiers.late import FLAGS, ORDERS
from cchc.web.access import role_required, scope_of
from cchc.web.exports import ShownUnit, csv_lines, write_xlsx
from cchc.web.figures import as_of_context
from cchc.web.late_query import (
    PAGE_SIZE,
    FilterError,
    LateQuery,
    OutOfScope,
    late_period,
    page_number,
    parse_late_query,
)
from cchc.web.lineage_access import own_unit_notice
from cchc.web.page_header import own_unit
from cchc.web.scope import Scope
from cchc.web.unit_frames import view_context

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
    period = late_period(request.GET, scope_of(request).for_dossiers(), today)
    # Scope as of the period viewed (a unit head's subtree follows the reorganisations).
    scope = scope_of(request, period.end).for_dossiers()
    try:
        return scope, parse_late_query(request.GET, scope, today, period)
    except OutOfScope as exc:
        raise PermissionDenied(str(exc)) from exc


def _choices(scope: Scope, day: dt.date) -> dict[str, Any]:
    """Filter choices; units by their names on `day` (the view's structure)."""
    names = names_on(day)
    codes = sorted(names) if scope.unit_codes is None else sorted(scope.unit_codes & set(names))
    return {
        "unit_choices": [(code, names[code]) for code in codes],
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
            **_choices(scope_of(request).for_dossiers(), dt.date.today()),
        }
        return render(request, "web/late_list.html", context, status=400)
    rows, total = query.page(number)
    pages = max(1, -(-total // PAGE_SIZE))
    params = request.GET.copy()
    params.pop("page", None)
    params["view"] = query.frame.view.slug
    shown = ShownUnit(query.frame)
    notice = own_unit_notice(own_unit(request), query.period.end)
    context = {
        "query": query,
        "period": query.period,
        "period_value": request.GET.get("period", "") or query.period.label,
        "rows": [(r, scope.can_see_applicant(r.unit_code), shown(r.unit_code)) for r in rows],
        "total": total,
        "page": number,
        "pages": pages,
        "prev_page": number - 1 if number > 1 else None,
        "next_page": number + 1 if number < pages else None,
        "base_query": params.urlencode(),
        "get": request.GET,
        **as_of_context(),
        "flag_labels": FLAGS,
        **_choices(scope, query.frame.day),
        **view_context(request, query.frame),
        "own_unit": notice,
    }
    return render(request, "web/late_list.html", context)


def _filename(query: LateQuery, ext: str) -> str:
    unit = f"-{query.unit}" if query.unit else ""
    view = query.frame.view.slug
    return f"ho-so-tre-han-{query.period.label.replace('..', '_')}{unit}-{view}.{ext}"


@role_required()
def late_export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    try:
        scope, query = _query(request)
    except FilterError as exc:
        return HttpResponseBadRequest(str(exc), content_type="text/plain; charset=utf-8")
    if fmt == "csv":
        response = StreamingHttpResponse(
            csv_lines(query.all_rows(), scope.can_see_applicant, query.frame),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{_filename(query, "csv")}"'
        return response
    path = write_xlsx(query.all_rows(), scope.can_see_applicant, query.frame)
    handle = path.open("rb")
    os.unlink(path)  # the open handle keeps the data until the response is sent (POSIX)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=_filename(query, "xlsx"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
