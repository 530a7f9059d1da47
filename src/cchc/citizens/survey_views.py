"""Survey pages under /khao-sat/: results per unit for a period, one unit's elements and items,
the paper-entry form. Reform officers, inspectors, steering and admins see every unit; a unit
head sees their own units (Scope); the paper form is for officers, admins and unit heads."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from cchc.citizens.survey_paper import form_fields, save_paper_response
from cchc.citizens.survey_queries import min_ranked, unit_detail, unit_results
from cchc.citizens.survey_questionnaire import ELEMENTS, read_questionnaire
from cchc.core import clock
from cchc.core.models import Role, Unit
from cchc.dossiers.periods import Period
from cchc.web.access import role_required, scope_of
from cchc.web.periods import default_period, form_query, period_from_query
from cchc.web.scope import Scope
from cchc.web.unit_frames import frame_of, page_view, view_context

PAPER_ROLES = frozenset({Role.ADMIN, Role.OFFICER, Role.UNIT_HEAD})


def _period(request: HttpRequest, scope: Scope) -> tuple[Period, str]:
    today = clock.today()
    query = form_query(request.GET)
    try:
        return period_from_query(query, scope.unit_codes, today), ""
    except ValueError as exc:
        return default_period(scope.unit_codes, today), str(exc)


def _period_context(request: HttpRequest, period: Period) -> dict[str, Any]:
    query = form_query(request.GET)
    return {
        "period": period,
        "period_value": query["period"] or period.label,
        "from_value": query["from"],
        "to_value": query["to"],
    }


@role_required()
def results_page(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    period, error = _period(request, scope)
    element = request.GET.get("element") or "overall"
    if element not in ELEMENTS:
        element = "overall"
    form = read_questionnaire()
    frame = frame_of(page_view(request), period, clock.today())
    rows = unit_results(period, element, scope.unit_codes, frame)
    context = {
        **_period_context(request, period),
        **view_context(request, frame),
        "error": error,
        "rows": rows,
        "element": element,
        "element_name": form.name_of(element),
        "elements": [(e, form.name_of(e)) for e in ELEMENTS],
        "extra_fields": [("element", element), ("view", frame.view.slug)],
        "min_ranked": min_ranked(),
        "can_enter": scope.role in PAPER_ROLES,
    }
    return render(request, "citizens/surveys/results.html", context)


@role_required()
def unit_page(request: HttpRequest, code: str) -> HttpResponse:
    scope = scope_of(request)
    if not scope.can_see_unit(code) or not Unit.objects.filter(code=code).exists():
        raise Http404("Không có đơn vị này hoặc bạn không được xem (no such unit, or not yours)")
    period, error = _period(request, scope)
    frame = frame_of(page_view(request), period, clock.today())
    detail = unit_detail(code, period, read_questionnaire(), frame=frame)
    context = {
        **_period_context(request, period),
        **view_context(request, frame),
        "error": error,
        "detail": detail,
        "last_year": period.previous_year(),
        "extra_fields": [("view", frame.view.slug)],
        "can_enter": scope.role in PAPER_ROLES,
    }
    return render(request, "citizens/surveys/unit.html", context)


def _allowed_units(scope: Scope) -> list[Unit]:
    """The units a paper form may be entered for: those of the caller's scope that exist today
    (a former unit's history is read, not added to)."""
    units = Unit.objects.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=clock.today()))
    if scope.unit_codes is not None:
        units = units.filter(code__in=sorted(scope.unit_codes))
    return list(units.order_by("name"))


@role_required()
@require_http_methods(["GET", "POST"])
def paper_form(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    if scope.role not in PAPER_ROLES:
        raise PermissionDenied("Không có quyền nhập phiếu (not allowed to enter responses)")
    form = read_questionnaire()
    units = _allowed_units(scope)
    errors: dict[str, str] = {}
    typed: dict[str, str] = {}
    if request.method == "POST":
        typed = {name: request.POST.get(name, "") for name in form_fields(form)}
        saved = save_paper_response(typed, form, {u.code for u in units}, request.user)
        if isinstance(saved, dict):
            errors = saved
        else:
            messages.success(request, f"Đã lưu phiếu {saved.response_id}")
            return HttpResponseRedirect("/khao-sat/nhap-phieu/")
    elif scope.unit_code and not scope.sees_everything:
        typed = {"unit_code": scope.unit_code}
    context = {
        "questionnaire": form,
        "units": units,
        "typed": typed,
        "errors": errors,
        "scale": list(enumerate(form.labels, start=1)),
    }
    return render(request, "citizens/surveys/paper.html", context, status=400 if errors else 200)
