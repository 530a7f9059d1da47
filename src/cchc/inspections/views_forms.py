"""The forms of the inspection page (POST only, CSRF-protected): the whole checklist (answer,
note and evidence files per item), a finding, a corrective action, and an action's report /
verification / reopening.

Each calls one service function with request.user; a refused role is 403 (PermissionDenied from
the service); bad input re-renders the page with status 400, what was typed still in the form and
the message beside the refused field (FieldRefused) or above the form; success redirects back to
the page (post/redirect/get, usable without JavaScript).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.views.decorators.http import require_POST

from cchc.inspections import services, unit_picker
from cchc.inspections.models import Finding
from cchc.inspections.refusals import FieldRefused
from cchc.inspections.views import (
    Refused,
    forbid_if_hidden,
    optional_date,
    render_inspection,
    uploads,
)
from cchc.inspections.web_queries import action_for, inspection_for
from cchc.web.access import role_required, scope_of


def run_form(
    request: HttpRequest,
    pk: int,
    anchor: str,
    done: str,
    change: Callable[[], object],
    form: str = "",
) -> HttpResponse:
    """Run `change`; refused, the page again with `form`'s input kept and the message placed."""
    try:
        change()
    except ValueError as exc:
        inspection = inspection_for(scope_of(request), pk)
        refused = Refused(
            form=form,
            typed=request.POST,
            field=exc.field if isinstance(exc, FieldRefused) else "",
            message=str(exc),
        )
        return render_inspection(request, inspection, refused=refused, status=400)
    messages.success(request, done)
    return HttpResponseRedirect(f"/kiem-tra/{pk}/#{anchor}")


def _date_field(field: str, text: str | None) -> dt.date | None:
    try:
        return optional_date(text)
    except ValueError as exc:
        raise FieldRefused(field, str(exc)) from None


@role_required()
@require_POST
def checklist(request: HttpRequest, pk: int) -> HttpResponse:
    """The whole checklist with one button: items left unanswered stay unanswered."""
    inspection = forbid_if_hidden(request, pk)
    post = request.POST

    def change() -> object:
        given: dict[str, tuple[str, str, Sequence[Any]]] = {}
        for code in inspection.content_items:
            answer = post.get(f"answer-{code}", "")
            note = post.get(f"note-{code}", "").strip()
            files = uploads(request, f"evidence-{code}")
            if answer:
                given[code] = (answer, note, files)
            elif note or files:
                raise FieldRefused(
                    f"answer-{code}",
                    "Chọn kết quả cho nội dung có ghi chú hoặc minh chứng "
                    "(choose a result for an item with a note or evidence)",
                )
        return services.answer_checklist(request.user, inspection, given)

    return run_form(
        request,
        pk,
        "noi-dung-kiem-tra",
        "Đã lưu kết quả kiểm tra (checklist saved)",
        change,
        "checklist",
    )


@role_required()
@require_POST
def finding(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = forbid_if_hidden(request, pk)
    post = request.POST

    def change() -> object:
        description = post.get("description", "").strip()
        if not description:
            raise FieldRefused(
                "description", "Cần nêu nội dung tồn tại (a description is required)"
            )
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

    return run_form(
        request, pk, "ton-tai", "Đã ghi nhận tồn tại (finding recorded)", change, "finding"
    )


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
            raise FieldRefused(
                "description", "Cần nêu yêu cầu khắc phục (a description is required)"
            )
        owner = None
        if typed := post.get("owner_unit", "").strip():
            owner = unit_picker.resolve(typed, inspection.date)
        return services.raise_action(
            request.user,
            found,
            description=description,
            owner_unit=owner,
            deadline=_date_field("deadline", post.get("deadline")),
            report_required=post.get("report_required", "on") == "on",
        )

    return run_form(
        request,
        pk,
        f"tt-{finding_id}",
        "Đã giao yêu cầu khắc phục (action raised)",
        change,
        f"action-{finding_id}",
    )


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
            request.user, target, text, _date_field("deadline", request.POST.get("deadline"))
        )

    labels = {
        "report": "Đã báo cáo khắc phục",
        "verify": "Đã xác minh, kết thúc",
        "reopen": "Đã yêu cầu khắc phục lại",
    }
    return run_form(request, pk, f"kp-{action_id}", labels[event], change, f"{event}-{action_id}")
