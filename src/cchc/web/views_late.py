"""The late-dossier work list (hồ sơ trễ hạn), its CSV and XLSX exports; with `count`, the same
list shows the dossiers behind one figure of the summary (/ho-so/?count=ended: late.COUNTS)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    StreamingHttpResponse,
)
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext

from cchc.core.models import Procedure
from cchc.core.units import distinct_names_on
from cchc.core.vn_format import vn_date, vn_datetime
from cchc.dossiers.late import COUNTS, FLAGS, LATE_TITLE, ORDERS, STATES, LateRow
from cchc.dossiers.late_names import LateNames
from cchc.web.access import role_required, scope_of
from cchc.web.exports import csv_lines, write_xlsx
from cchc.web.figures import as_of_context
from cchc.web.late_links import has_row_links, row_links
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
from cchc.web.xlsx_sheet import xlsx_response

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
    """Filter choices; units by their names on `day` (the view's structure), a name several
    units share told apart by parent and dates."""
    names = distinct_names_on(day)
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
        "state_choices": list(STATES.items()),
        "count_choices": list(COUNTS.items()),
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
            "list_title": gettext(LATE_TITLE),
            "list_path": _list_path(request),
            **_choices(scope_of(request).for_dossiers(), dt.date.today()),
        }
        return render(request, "web/late_list.html", context, status=400)
    rows, total = query.page(number)
    pages = max(1, -(-total // PAGE_SIZE))
    params = request.GET.copy()
    params.pop("page", None)
    params["view"] = query.frame.view.slug
    names = LateNames(query.frame, query.period.end, {r.procedure_code for r in rows})
    links = row_links(request, scope, rows)
    notice = own_unit_notice(own_unit(request), query.period.end)
    context = {
        "query": query,
        "list_title": list_title(query, names),
        "list_path": _list_path(request),
        "period": query.period,
        "period_value": request.GET.get("period", "") or query.period.label,
        "rows": [
            _shown_row(r, scope.can_see_applicant(r.unit_code), names)
            | {"links": links.get(r.code)}
            for r in rows
        ],
        "links_column": has_row_links(),
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


def list_title(query: LateQuery, names: LateNames) -> str:
    """What is listed, for whom, when: "Hồ sơ đã giải quyết — Xã Kim Long — 6 tháng đầu năm
    2025" (the unit left out when none was asked for)."""
    parts = [gettext(query.filt.title)]
    if query.unit:
        parts.append(names.unit(query.unit))
    parts.append(query.period.display)
    return " — ".join(parts)


def _list_path(request: HttpRequest) -> str:
    """The list's own path (/ho-so/ or /ho-so-tre-han/), for its export links."""
    return "/ho-so/" if request.path.startswith("/ho-so/") else "/ho-so-tre-han/"


def _shown_row(row: LateRow, show_applicant: bool, names: LateNames) -> dict[str, Any]:
    """A row as the page shows it: names, codes beside them, reasons in the page's language."""
    code, procedure = row.unit_code, row.procedure_code
    return {
        "r": row,
        "show_applicant": show_applicant,
        "unit_name": names.unit(code),
        "shown_unit": names.shown(code),
        "shown_code": names.shown_code(code),
        "procedure_name": names.procedure(procedure),
        "reasons": [reason.render(gettext) for reason in row.reasons],
    }


def export_title(query: LateQuery, names: LateNames) -> list[str]:
    """The lines above an XLSX export's header: what, period, filters, unit view, data as of."""
    p, frame = query.period, query.frame
    lines = [f"{query.filt.title} · {p.display} ({vn_date(p.start)} – {vn_date(p.end)})"]
    asked = [
        ("Đơn vị", names.unit(query.unit) if query.unit else None),
        ("Lĩnh vực", query.filt.sector),
        ("Mã thủ tục", query.filt.procedure_code),
        ("Dấu hiệu", FLAGS.get(query.filt.flag or "")),
        ("Tình trạng", STATES.get(query.filt.state or "")),
    ]
    filters = [f"{label}: {value}" for label, value in asked if value]
    lines.append("Lọc: " + ("; ".join(filters) if filters else "không (mọi hồ sơ được xem)"))
    lines.append(f"Số liệu theo: {frame.view.label}, cơ cấu đơn vị ngày {vn_date(frame.day)}")
    moment = as_of_context()["data_as_of"]
    when = vn_datetime(timezone.localtime(moment)) if moment else "chưa có lần nhập"
    lines.append(f"Dữ liệu đến: {when}")
    return lines


def _filename(query: LateQuery, ext: str) -> str:
    unit = f"-{query.unit}" if query.unit else ""
    view = query.frame.view.slug
    if query.filt.count:
        what = query.filt.count.replace("_", "-")
        return f"ho-so-{what}-{query.period.label.replace('..', '_')}{unit}-{view}.{ext}"
    return f"ho-so-tre-han-{query.period.label.replace('..', '_')}{unit}-{view}.{ext}"


@role_required()
def late_export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    try:
        scope, query = _query(request)
    except FilterError as exc:
        return HttpResponseBadRequest(str(exc), content_type="text/plain; charset=utf-8")
    names = LateNames(query.frame, query.period.end)
    if fmt == "csv":
        response = StreamingHttpResponse(
            csv_lines(query.all_rows(), scope.can_see_applicant, names),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{_filename(query, "csv")}"'
        return response
    title = export_title(query, names)
    path = write_xlsx(query.all_rows(), scope.can_see_applicant, names, title)
    return xlsx_response(path, _filename(query, "xlsx"))
