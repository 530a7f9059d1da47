"""Plan pages under /ke-hoach/: the list, one plan (targets, tasks as a tree, filters), and the
forms of plans and targets for the reform officer and the administrator. Thin: read through
plan_display, write through cchc.plans.changes (audit log). Everyone with a role reads; a form
or a POST by anyone else is 403 (access.require_edit)."""

from __future__ import annotations

from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.db.models import Model, ProtectedError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from cchc.core import clock
from cchc.plans import changes
from cchc.plans.access import can_edit_plans, require_edit
from cchc.plans.forms_plans import PlanForm, ReviewForm, TargetForm
from cchc.plans.models_plans import Plan, Target, TargetReview, TaskStatus
from cchc.plans.plan_display import filtered, parse_filters, plan_view
from cchc.plans.progress import plan_progress
from cchc.web.access import role_required, scope_of

M = TypeVar("M", bound=Model)
SAVED = "Đã lưu (saved)"
DELETED = "Đã xóa (deleted)"


def render_form(
    request: HttpRequest, form: forms.BaseForm, title: str, back: str, extra: dict[str, Any]
) -> HttpResponse:
    http_status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "title": title, "back": back, **extra}
    return render(request, "plans/plans/form.html", context, status=http_status)


def confirm_delete(
    request: HttpRequest, obj: Any, what: str, back: str, done: str, warning: str = ""
) -> HttpResponse:
    """GET: the confirmation page; POST: delete (audited) and go to `done`."""
    require_edit(scope_of(request))
    if request.method == "POST":
        try:
            changes.delete(request.user, obj)
        except ProtectedError:
            messages.error(request, "Không xóa được: còn dữ liệu liên quan (still referenced)")
            return HttpResponseRedirect(back)
        messages.success(request, DELETED)
        return HttpResponseRedirect(done)
    context = {"obj": obj, "what": what, "back": back, "warning": warning}
    return render(request, "plans/plans/confirm_delete.html", context)


@role_required()
def plan_list(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    # each plan's progress and overdue tasks only: not its targets' rows nor evidence counts
    rows = [plan_progress(plan, today) for plan in Plan.objects.select_related("owner_unit")]
    context = {"rows": rows, "can_edit": can_edit_plans(scope_of(request))}
    return render(request, "plans/plans/list.html", context)


@role_required()
def plan_page(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan.objects.select_related("owner_unit"), pk=pk)
    view = plan_view(plan, clock.today())
    filters = parse_filters(
        request.GET.get("unit", ""), request.GET.get("status", ""), request.GET.get("overdue", "")
    )
    units = sorted(
        {(r.task.lead_unit.code, r.task.lead_unit.name) for r in view.rows},
        key=lambda pair: pair[1],
    )
    context = {
        "plan": plan,
        "view": view,
        "rows": filtered(view.rows, filters),
        "filters": filters,
        "units": units,
        "status_choices": TaskStatus.choices,
        "can_edit": can_edit_plans(scope_of(request)),
    }
    return render(request, "plans/plans/plan.html", context)


@role_required()
@require_http_methods(["GET", "POST"])
def plan_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require_edit(scope_of(request))
    plan = get_object_or_404(Plan, pk=pk) if pk is not None else None
    back = f"/ke-hoach/{plan.pk}/" if plan else "/ke-hoach/"
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        if plan is None:
            plan = form.save(commit=False)
            changes.create(request.user, plan)
        else:
            changes.update(request.user, fresh(plan), model_fields(form))
        messages.success(request, SAVED)
        return HttpResponseRedirect(f"/ke-hoach/{plan.pk}/")
    title = "Sửa kế hoạch" if plan else "Kế hoạch mới"
    return render_form(request, form, title, back, {"plan": plan})


@role_required()
@require_http_methods(["GET", "POST"])
def plan_delete(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=pk)
    warning = "Các chỉ tiêu và nhiệm vụ của kế hoạch cũng bị xóa."
    return confirm_delete(request, plan, "kế hoạch", f"/ke-hoach/{pk}/", "/ke-hoach/", warning)


@role_required()
@require_http_methods(["GET", "POST"])
def target_form(
    request: HttpRequest, pk: int | None = None, target_id: int | None = None
) -> HttpResponse:
    require_edit(scope_of(request))
    target = get_object_or_404(Target, pk=target_id) if target_id is not None else None
    plan = target.plan if target else get_object_or_404(Plan, pk=pk)
    back = f"/ke-hoach/{plan.pk}/#chi-tieu"
    form = TargetForm(request.POST or None, instance=target, plan=plan)
    if request.method == "POST" and form.is_valid():
        if target is None:
            target = form.save(commit=False)
            target.plan = plan
            changes.create(request.user, target)
        else:
            changes.update(request.user, fresh(target), model_fields(form))
        messages.success(request, SAVED)
        return HttpResponseRedirect(back)
    title = "Sửa chỉ tiêu" if target else "Chỉ tiêu mới"
    return render_form(request, form, title, back, {"plan": plan})


@role_required()
@require_http_methods(["GET", "POST"])
def review_form(request: HttpRequest, target_id: int) -> HttpResponse:
    """A value at a review: a new date adds one, a date already reviewed corrects it."""
    require_edit(scope_of(request))
    target = get_object_or_404(Target.objects.select_related("plan"), pk=target_id)
    back = f"/ke-hoach/{target.plan_id}/chi-tieu/{target.pk}/"
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        day = form.cleaned_data["review_date"]
        known = TargetReview.objects.filter(target=target, review_date=day).first()
        values = model_fields(form)
        if known is None:
            changes.create(request.user, TargetReview(target=target, **values))
        else:
            changes.update(request.user, known, values)
        messages.success(request, SAVED)
        return HttpResponseRedirect(back)
    title = "Giá trị tại kỳ đánh giá"
    return render_form(request, form, title, back, {"plan": target.plan})


@role_required()
@require_http_methods(["GET", "POST"])
def target_delete(request: HttpRequest, target_id: int) -> HttpResponse:
    target = get_object_or_404(Target, pk=target_id)
    back = f"/ke-hoach/{target.plan_id}/#chi-tieu"
    warning = "Các nhiệm vụ của chỉ tiêu được giữ lại, không còn gắn với chỉ tiêu."
    return confirm_delete(request, target, "chỉ tiêu", back, back, warning)


def fresh(obj: M) -> M:
    """`obj` as stored: a bound model form has already set the typed values on its instance,
    and the audit log needs the values before the change."""
    return type(obj)._default_manager.get(pk=obj.pk)


def model_fields(form: forms.ModelForm) -> dict[str, Any]:  # type: ignore[type-arg]
    """The typed values of a model form's own fields (not its many-to-many ones)."""
    many = {f.name for f in form.instance._meta.many_to_many}
    return {k: v for k, v in form.cleaned_data.items() if k not in many}
