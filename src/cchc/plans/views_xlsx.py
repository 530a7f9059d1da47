"""A plan's workbook on the web, for the reform officer and the administrator: download it
(/ke-hoach/<id>/xlsx/), upload it back or a filled template (/ke-hoach/nhap/), download a
template (/ke-hoach/mau/<kind>/); and the start of a task answering a finding when the plan is
still to choose (/ke-hoach/nhiem-vu/moi/?finding=<id>). The workbook's rules are those of
`cchc plans export|import|template` (xlsx_import, plan_templates; docs/plans.md)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from cchc.core import clock
from cchc.core.importing import ImportRejected
from cchc.plans.access import require_edit
from cchc.plans.models_plans import Plan
from cchc.plans.plan_templates import template_rows
from cchc.plans.views_tasks import finding_asked
from cchc.plans.xlsx_export import plan_rows
from cchc.plans.xlsx_import import import_plan_book, in_order
from cchc.plans.xlsx_write import plan_book
from cchc.web.access import role_required, scope_of
from cchc.web.xlsx_sheet import save_temporary, xlsx_response

TEMPLATES = {
    "papi": "8 nội dung PAPI",
    "par": "8 lĩnh vực PAR INDEX",
    "766": "5 nhóm chỉ số Quyết định 766",
}


@role_required()
def plan_xlsx(request: HttpRequest, pk: int) -> HttpResponseBase:
    require_edit(scope_of(request))
    plan = get_object_or_404(Plan, pk=pk)
    path = save_temporary(plan_book(plan_rows(plan, clock.today())), "cchc-plan-")
    return xlsx_response(path, f"ke-hoach-{plan.pk}.xlsx")


@role_required()
def template_xlsx(request: HttpRequest, kind: str) -> HttpResponseBase:
    require_edit(scope_of(request))
    if kind not in TEMPLATES:
        raise Http404("Không có mẫu này (no such template)")
    path = save_temporary(plan_book(template_rows(kind, clock.today().year)), "cchc-plan-")
    return xlsx_response(path, f"mau-ke-hoach-{kind}.xlsx")


@role_required()
@require_http_methods(["GET", "POST"])
def plan_import(request: HttpRequest) -> HttpResponse:
    """Upload a plan workbook: all or nothing; the errors name sheet, row, column and reason."""
    scope = scope_of(request)
    require_edit(scope)
    context: dict[str, object] = {"templates": TEMPLATES}
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            context["problem"] = "Chưa chọn tệp XLSX."
            return render(request, "plans/plans/import.html", context, status=400)
        with tempfile.TemporaryDirectory(prefix="cchc-plan-") as folder:
            path = Path(folder) / Path(upload.name or "ke-hoach.xlsx").name
            with path.open("wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
            try:
                result = import_plan_book(
                    path,
                    request.user,
                    remove_missing=bool(request.POST.get("remove_missing")),
                    day=clock.today(),
                    scope=scope,
                )
            except ImportRejected as rejected:
                context["errors"] = in_order(rejected.errors)
                context["file_name"] = path.name
                return render(request, "plans/plans/import.html", context, status=400)
        for line in result.lines():
            messages.success(request, line)
        return HttpResponseRedirect(f"/ke-hoach/{result.plan_id}/")
    return render(request, "plans/plans/import.html", context)


@role_required()
def task_for_finding(request: HttpRequest) -> HttpResponse:
    """Choose the plan of a new task answering a finding; with one plan running today, go to
    its form straight away."""
    require_edit(scope_of(request))
    finding = finding_asked(request)
    if finding is None:
        raise Http404("Không tìm thấy tồn tại (finding not found)")
    today = clock.today()
    running = list(
        Plan.objects.filter(period_start__lte=today, period_end__gte=today).order_by("name")
    )
    if len(running) == 1:
        return HttpResponseRedirect(f"/ke-hoach/{running[0].pk}/nhiem-vu/moi/?finding={finding.pk}")
    plans = running or list(Plan.objects.order_by("-period_start", "name"))
    context = {"finding": finding, "plans": plans, "running": bool(running)}
    return render(request, "plans/plans/choose_plan.html", context)
