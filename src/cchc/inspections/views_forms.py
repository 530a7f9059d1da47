"""The forms of the inspection page (POST only, CSRF-protected): a checklist answer with note and
evidence files, a finding, a corrective action, and an action's report / verification / reopening.

Each calls one service function with request.user; a refused role is 403 (PermissionDenied from
the service), bad input re-renders the page with the message and status 400, success redirects
back to the page (post/redirect/get, usable without JavaScript).
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.views.decorators.http import require_POST

from cchc.inspections import services, unit_picker
from cchc.inspections.models import Finding
from cchc.inspections.views import (
    forbid_if_hidden,
    optional_date,
    render_inspection,
    uploads,
)
from cchc.inspections.web_queries import action_for, inspection_for
from cchc.web.access import role_required, scope_of


def _run(
    request: HttpRequest, pk: int, anchor: str, done: str, change: Callable[[], object]
) -> HttpResponse:
    try:
        change()
    except ValueError as exc:
        inspection = inspection_for(scope_of(request), pk)
        return render_inspection(request, inspection, error=str(exc), status=400)
    messages.success(request, done)
    return HttpResponseRedirect(f"/kiem-tra/{pk}/#{anchor}")


@role_required()
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = forbid_if_hidden(request, pk)
    post = request.POST

    def change() -> object:
        return services.answer_item(
            request.user,
            inspection,
            post.get("item", ""),
            post.get("answer", ""),
            post.get("note", "").strip(),
            uploads(request),
        )

    return _run(request, pk, "noi-dung-kiem-tra", "Đã ghi kết quả (answer saved)", change)


@role_required()
@require_POST
def finding(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = forbid_if_hidden(request, pk)
    post = request.POST

    def change() -> object:
        description = post.get("description", "").strip()
        if not description:
            raise ValueError("Cần nêu nội dung tồn tại (a description is required)")
        codes = [c.strip() for c in post.get("dossier_codes", "").replace(";", ",").split(",")]
        return services.record_finding(
            request.user,
            inspection,
            category=post.get("category", ""),
            severity=post.get("severity", ""),
            description=description,
            dossier_codes=[c for c in codes if c],
            responsible_official=post.get("responsible_official", "").strip(),
        )

    return _run(request, pk, "ton-tai", "Đã ghi nhận tồn tại (finding recorded)", change)


@role_required()
@require_POST
def action(request: HttpRequest, pk: int, finding_id: int) -> HttpResponse:
    inspection = forbid_if_hidden(request, pk)
    post = request.POST

    def change() -> object:
        found = Finding.objects.filter(pk=finding_id, inspection=inspection).first()
        if found is None:
            raise ValueError("Không có tồn tại này (unknown finding)")
        description = post.get("description", "").strip()
        if not description:
            raise ValueError("Cần nêu yêu cầu khắc phục (a description is required)")
        owner = None
        if typed := post.get("owner_unit", "").strip():
            owner = unit_picker.resolve(typed, inspection.date)
        return services.raise_action(
            request.user,
            found,
            description=description,
            owner_unit=owner,
            deadline=optional_date(post.get("deadline")),
            report_required=post.get("report_required", "on") == "on",
        )

    return _run(request, pk, "ton-tai", "Đã giao yêu cầu khắc phục (action raised)", change)


@role_required()
@require_POST
def transition(request: HttpRequest, action_id: int, event: str) -> HttpResponse:
    """report (unit head, with evidence) | verify | reopen (the team)."""
    if event not in ("report", "verify", "reopen"):
        raise Http404("Không có thao tác này (no such step)")
    target = action_for(scope_of(request), action_id)
    pk = target.finding.inspection_id
    text = request.POST.get("text", "").strip()

    def change() -> object:
        if event == "report":
            if not text:
                raise ValueError("Cần nêu kết quả khắc phục (describe what was done)")
            return services.report_done(request.user, target, text, uploads(request))
        if event == "verify":
            return services.verify(request.user, target, text)
        return services.reopen(
            request.user, target, text, optional_date(request.POST.get("deadline"))
        )

    labels = {
        "report": "Đã báo cáo khắc phục",
        "verify": "Đã xác minh, kết thúc",
        "reopen": "Đã yêu cầu khắc phục lại",
    }
    return _run(request, pk, f"kp-{action_id}", labels[event], change)
