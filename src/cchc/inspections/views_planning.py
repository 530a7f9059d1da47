"""Risk ranking with factor contributions, the plan form, stored plan runs (reasons per pick,
dossier sample per visit) and starting an inspection from a pick. Thin: the risk model and the
planner are cchc.inspections.risk / plans; the province-wide pages need a see-everything scope."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_http_methods, require_POST

from cchc.core.models import Unit
from cchc.core.unit_views import UnitFrame
from cchc.dossiers.periods import Period, parse_date, resolve_period
from cchc.inspections import services, unit_picker
from cchc.inspections.config import load_risk_config
from cchc.inspections.input_source import InputSource, resolve, source_label
from cchc.inspections.models import InspectionKind, PlanPick, PlanRun
from cchc.inspections.permissions import PLANNERS, role_of
from cchc.inspections.plans import frame_units, input_source_of, run_plan, units_of, units_text
from cchc.inspections.risk import RiskTable, UnitRisk, score_units
from cchc.inspections.risk_inputs import gather_risk_inputs, planner_frame
from cchc.inspections.web_queries import require_province_view
from cchc.web.access import role_required, scope_of
from cchc.web.periods import default_period, period_from_query

DEFAULT_TOP = 30


def risk_table(
    period: Period,
    as_of: dt.date | None = None,
    source: InputSource | str = "auto",
    frame: UnitFrame | None = None,
) -> RiskTable:
    """Every unit's risk, counted in the analytics store when current, else the database; the
    units as they are on `frame`'s day (default: risk_inputs.planner_frame)."""
    config = load_risk_config()
    return score_units(gather_risk_inputs(period, config, None, as_of, source, frame), config)


def unit_names(codes: list[str]) -> dict[str, str]:
    return dict(Unit.objects.filter(code__in=codes).values_list("code", "name"))


def positive_int(text: str | None, default: int, what: str, high: int = 1000) -> int:
    if text is None or not text.strip():
        return default
    try:
        value = int(text)
    except ValueError:
        raise ValueError(f"{what} phải là số nguyên (must be a whole number)") from None
    if not 0 <= value <= high:
        raise ValueError(f"{what} phải từ 0 đến {high} (must be between 0 and {high})")
    return value


@role_required()
def risk_page(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    require_province_view(scope)
    error = None
    ranked: list[UnitRisk] = []
    period = None
    table = None
    source: InputSource | None = None
    units_label = ""
    try:
        period = period_from_query(request.GET, None, dt.date.today())
        top = positive_int(request.GET.get("top"), DEFAULT_TOP, "Số đơn vị (top)", 5000)
        source = resolve("auto")
        frame = planner_frame(period)
        units_label = units_text(frame_units(frame))
        table = risk_table(period, source=source, frame=frame)
        ranked = table.ranked()[: top or None]
    except ValueError as exc:
        error = str(exc)
    names = unit_names([r.unit_code for r in ranked])
    context = {
        "period": period,
        "period_value": request.GET.get("period", "") or (period.label if period else ""),
        "top_value": request.GET.get("top", DEFAULT_TOP),
        "rows": [(r, names.get(r.unit_code, "")) for r in ranked],
        "factors": ranked[0].factors if ranked else (),
        "province_rates": table.province_rates if table else {},
        "weights_version": table.config_version if table else "",
        "source_label": source_label(source.source) if source else "",
        "units_label": units_label,
        "error": error,
    }
    return render(request, "inspections/risk.html", context, status=400 if error else 200)


PERIODIC_INPUTS = 3  # picker inputs shown at least (one more than filled when more are typed)


def _plan_period(post: Any, today: dt.date) -> Period:
    """The period picked (web/_period_select.html: a year, half, quarter, month or a relative
    code); ValueError for none, a bad code or one that begins after `today`."""
    code = (post.get("period") or "").strip()
    if not code:
        raise ValueError("Chọn kỳ của kế hoạch (choose the plan's period)")
    return resolve_period(code, None, None, today)


def _plan_day(post: Any) -> dt.date:
    """The day the plan's units are named on: the period's end once one is picked, else today."""
    today = dt.date.today()
    try:
        return _plan_period(post, today).end
    except ValueError:
        return today


def _periodic_inputs(post: Any) -> list[str]:
    typed = [t for t in post.getlist("periodic") if t.strip()] if post else []
    return typed + [""] * max(PERIODIC_INPUTS - len(typed), 1)


def _plan_args(post: Any, periodic_errors: list[str]) -> dict[str, Any]:
    typed = [t for t in post.getlist("periodic") if t.strip()]
    units, errors = unit_picker.resolve_many(typed, _plan_day(post))
    if any(errors):
        periodic_errors[:] = errors
        raise ValueError(
            "Kiểm tra lại các đơn vị định kỳ (see the periodic units): "
            + "; ".join(e for e in errors if e)
        )
    periodic = list(dict.fromkeys(u.code for u in units))
    seed_text = post.get("seed", "").strip()
    return {
        "period": _plan_period(post, dt.date.today()),
        "periodic": periodic,
        "surprise_k": positive_int(post.get("surprise"), 0, "Số đơn vị đột xuất (surprise)"),
        "rotation_k": positive_int(post.get("rotation"), 0, "Số đơn vị luân phiên (rotation)"),
        "seed": positive_int(seed_text, 0, "Hạt giống (seed)", 2**62) if seed_text else None,
    }


@role_required()
@require_http_methods(["GET", "POST"])
def plans_page(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    require_province_view(scope)
    error = None
    can_plan = role_of(request.user) in PLANNERS
    periodic_errors: list[str] = []
    if request.method == "POST":
        try:
            args = _plan_args(request.POST, periodic_errors)
            run, _plan = run_plan(args.pop("period"), user=request.user, **args)
        except ValueError as exc:
            error = str(exc)
        else:
            messages.success(request, f"Đã lập kế hoạch #{run.pk} (plan stored)")
            return HttpResponseRedirect(f"/kiem-tra/ke-hoach/{run.pk}/")
    context = {
        "runs": PlanRun.objects.select_related("created_by").prefetch_related("picks")[:100],
        "can_plan": can_plan,
        "error": None if periodic_errors else error,
        "periodic": [
            (i, text, periodic_errors[i] if i < len(periodic_errors) else "")
            for i, text in enumerate(_periodic_inputs(request.POST))
        ],
        "unit_choices": unit_picker.choices(_plan_day(request.POST)) if can_plan else [],
        "get": request.POST,
        # the picker's choice: the one sent, else the last half-year ended with data
        "period_value": request.POST.get("period", "")
        or default_period(None, dt.date.today()).label,
    }
    return render(request, "inspections/plans.html", context, status=400 if error else 200)


@role_required()
def plan_page(request: HttpRequest, pk: int) -> HttpResponse:
    require_province_view(scope_of(request))
    run = PlanRun.objects.filter(pk=pk).select_related("created_by").first()
    if run is None:
        raise Http404("Không tìm thấy kế hoạch (plan not found)")
    picks = list(run.picks.all())
    names = unit_names([p.unit_code for p in picks])
    started = dict(run.picks.filter(inspection__isnull=False).values_list("pk", "inspection__pk"))
    context = {
        "run": run,
        "picks": [(p, names.get(p.unit_code, ""), started.get(p.pk)) for p in picks],
        "warnings": run.result.get("warnings", []),
        "source_label": source_label(input_source_of(run)["source"]),
        "units_label": units_text(units_of(run)),
        "can_create": role_of(request.user) in {"admin", "officer", "inspector"},
        "today": dt.date.today(),
    }
    return render(request, "inspections/plan.html", context)


@role_required()
@require_POST
def start_from_pick(request: HttpRequest, pk: int) -> HttpResponse:
    """Create the inspection of a plan pick, with the caller as team leader."""
    require_province_view(scope_of(request))
    pick = PlanPick.objects.filter(pk=pk).first()
    unit = Unit.objects.filter(code=pick.unit_code).first() if pick else None
    if pick is None or unit is None:
        raise Http404("Không tìm thấy đơn vị được chọn (pick not found)")
    try:
        inspection = services.create_inspection(
            request.user,
            kind=pick.kind if pick.kind in InspectionKind.values else "",
            unit=unit,
            date=parse_date(request.POST.get("date", "")),
            team=[request.user],  # type: ignore[list-item]
            leader=request.user,  # type: ignore[arg-type]
            plan_pick=pick,
            decision_number=request.POST.get("decision_number", "").strip(),
        )
    except ValueError as exc:
        messages.error(request, str(exc))
        return HttpResponseRedirect(f"/kiem-tra/ke-hoach/{pick.run_id}/")
    messages.success(request, "Đã tạo cuộc kiểm tra (inspection created)")
    return HttpResponseRedirect(f"/kiem-tra/{inspection.pk}/")
