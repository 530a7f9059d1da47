"""Feedback pages: the list (/phan-anh/), the intake form, an item with its steps.

Views are thin: scope, parse, call feedback_intake / feedback_states, render. An item outside the
caller's units is 404 (its existence is not revealed); a step the caller may not take is 403; a
refused step re-renders the page with status 400, the message beside its field.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from cchc.citizens import feedback_states as states
from cchc.citizens.categories import FeedbackCategory
from cchc.citizens.feedback_access import can_answer, can_manage, can_see_contact, can_take_in
from cchc.citizens.feedback_forms import parse_intake
from cchc.citizens.feedback_history import history
from cchc.citizens.feedback_home import badge
from cchc.citizens.feedback_intake import earlier_from_same_citizen, take_in
from cchc.citizens.feedback_queries import ListFilters, filter_items, items_for
from cchc.citizens.feedback_refusals import FeedbackRefused
from cchc.citizens.models_feedback import (
    Feedback,
    FeedbackChannel,
    FeedbackContact,
    FeedbackRating,
    FeedbackState,
)
from cchc.core import clock
from cchc.core.importing import parse_date
from cchc.core.models import Unit
from cchc.web.access import role_required, scope_of

PAGE_SIZE = 200


@role_required()
def feedback_list(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    today = clock.today()
    f = ListFilters(
        state=request.GET.get("state", "").strip(),
        unit=request.GET.get("unit", "").strip(),
        category=request.GET.get("category", "").strip(),
        overdue=request.GET.get("overdue", "") == "1",
    )
    if f.unit and not scope.can_see_unit(f.unit):
        raise PermissionDenied("Không xem được đơn vị này (unit outside your scope)")
    visible = items_for(scope)
    error = None
    try:
        qs = filter_items(visible, f, today)
    except ValueError as exc:
        error, qs = str(exc), visible.none()
    codes = sorted(set(visible.values_list("unit__code", flat=True)))
    context = {
        "rows": [(i, badge(i, today)) for i in qs.order_by("due_on", "id")[:PAGE_SIZE]],
        "total": qs.count(),
        "filters": f,
        "state_choices": FeedbackState.choices,
        "category_choices": FeedbackCategory.choices,
        "unit_choices": list(
            Unit.objects.filter(code__in=codes).order_by("name").values_list("code", "name")
        ),
        "can_take_in": can_take_in(scope, scope.unit_code or ""),
        "error": error,
    }
    return render(request, "citizens/feedback/list.html", context, status=400 if error else 200)


def _intake_units(request: HttpRequest) -> list[tuple[str, str]]:
    scope = scope_of(request)
    qs = Unit.objects.order_by("name")
    if scope.unit_codes is not None:
        qs = qs.filter(code__in=scope.unit_codes)
    return [(u.code, u.name) for u in qs if can_take_in(scope, u.code)]


@role_required()
@require_http_methods(["GET", "POST"])
def feedback_new(request: HttpRequest) -> HttpResponse:
    units = _intake_units(request)
    if not units:
        raise PermissionDenied("Không có quyền tiếp nhận phản ánh (not allowed to take in)")
    typed: dict[str, str] = {}
    errors: dict[str, str] = {}
    refused = ""
    if request.method == "POST":
        typed = {k: str(v) for k, v in request.POST.items() if k != "csrfmiddlewaretoken"}
        intake, errors = parse_intake(request.POST, scope_of(request), timezone.now())
        if intake is not None:
            try:
                item = take_in(
                    request.user,
                    unit=intake.unit,
                    channel=intake.channel,
                    text=intake.text,
                    received_at=intake.received_at,
                    dossier_code=intake.dossier_code,
                    category=intake.category,
                    contact=intake.contact,
                )
            except FeedbackRefused as exc:
                refused = str(exc)
            else:
                messages.success(request, f"Đã tiếp nhận phản ánh {item.code}.")
                return HttpResponseRedirect(f"/phan-anh/{item.pk}/")
    context = {
        "units": units,
        "channels": FeedbackChannel.choices,
        "categories": FeedbackCategory.choices,
        "typed": typed,
        "errors": errors,
        "refused": refused,
        "today": clock.today(),
    }
    bad = bool(errors or refused)
    return render(request, "citizens/feedback/new.html", context, status=400 if bad else 200)


def _item(request: HttpRequest, pk: int) -> Feedback:
    item = (
        Feedback.objects.select_related("unit", "assignee", "received_by", "previous")
        .filter(pk=pk)
        .first()
    )
    if item is None or not scope_of(request).can_see_unit(item.unit.code):
        raise Http404("Không có phản ánh này (no such feedback item)")
    return item


def _render_item(
    request: HttpRequest, item: Feedback, refused: dict[str, str] | None = None, status: int = 200
) -> HttpResponse:
    scope = scope_of(request)
    today = clock.today()
    show_contact = can_see_contact(request.user, item)
    manage = can_manage(scope, item)
    earlier = [e for e in earlier_from_same_citizen(item) if scope.can_see_unit(e.unit.code)]
    context: dict[str, Any] = {
        "item": item,
        "badge": badge(item, today),
        "contact": FeedbackContact.objects.filter(feedback=item).first() if show_contact else None,
        "show_contact": show_contact,
        "can_manage": manage and item.is_open,
        "can_answer": can_answer(request.user, scope, item) and item.is_open,
        "can_close": manage and item.state == FeedbackState.ANSWERED,
        "can_categorise": manage and item.state != FeedbackState.CLOSED,
        "assignable": states.assignable_users(item),
        "ratings": FeedbackRating.choices,
        "categories": FeedbackCategory.choices,
        "recomplaints": list(item.recomplaints.all()),
        "earlier": earlier,
        "history": history(item),
        "refused": refused or {},
        "typed": request.POST if refused else {},
        "today": today,
    }
    return render(request, "citizens/feedback/detail.html", context, status=status)


@role_required()
def feedback_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_item(request, _item(request, pk))


def _day(text: str, field: str, form: str) -> dt.date:
    if not text.strip():
        return clock.today()
    try:
        return parse_date(text)
    except ValueError:
        raise _FormError(form, field, "Ngày cần dạng dd/mm/yyyy.") from None


class _FormError(Exception):
    def __init__(self, form: str, field: str, message: str) -> None:
        super().__init__(message)
        self.form, self.field = form, field


@role_required()
@require_POST
def feedback_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    item = _item(request, pk)
    scope = scope_of(request)
    allowed = can_answer(request.user, scope, item) if step == "answer" else can_manage(scope, item)
    if not allowed:
        raise PermissionDenied("Không có quyền thực hiện (not allowed)")
    post = request.POST
    field = ""
    try:
        if step == "assign":
            field = "assignee"
            assignee = (
                User.objects.filter(pk=post.get("assignee") or 0).first()
                if (post.get("assignee") or "").isdigit()
                else None
            )
            if assignee is None:
                raise FeedbackRefused("Chọn người xử lý.")
            states.assign(request.user, item, assignee)
            done = f"Đã giao phản ánh cho {assignee.get_full_name() or assignee.get_username()}."
        elif step == "answer":
            field = "answer"
            on = _day(post.get("answered_on", ""), "answered_on", step)
            states.answer(request.user, item, post.get("answer", ""), on)
            done = "Đã ghi nội dung trả lời."
        elif step == "close":
            field = "rating"
            on = _day(post.get("closed_on", ""), "closed_on", step)
            again = states.close(request.user, item, post.get("rating", ""), on)
            done = "Đã kết thúc phản ánh." + (
                f" Người dân không hài lòng: đã mở phản ánh tiếp theo {again.code}."
                if again
                else ""
            )
        elif step == "category":
            field = "category"
            states.choose_category(request.user, item, post.get("category", ""))
            done = "Đã lưu phân loại."
        else:
            raise Http404("Không có bước này (no such step)")
    except _FormError as exc:
        return _render_item(
            request, item, {"form": exc.form, "field": exc.field, "message": str(exc)}, 400
        )
    except FeedbackRefused as exc:
        item.refresh_from_db()
        where = {"form": step, "field": exc.field or field, "message": str(exc)}
        return _render_item(request, item, where, 400)
    messages.success(request, done)
    return HttpResponseRedirect(f"/phan-anh/{item.pk}/")
