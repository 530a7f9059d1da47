"""Inspection pages: the list, one inspection (checklist, findings, actions, effect, audit trail),
its DOCX documents and evidence files. Thin: reads are cut by the caller's Scope
(web_queries.py); every change goes through cchc.inspections.services with request.user."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from cchc.dossiers.periods import parse_date
from cchc.inspections import services, unit_picker
from cchc.inspections.audit_display import describe_all
from cchc.inspections.checklists import DEFAULT_TEMPLATE, load_template
from cchc.inspections.documents import conclusion_notice, inspection_record
from cchc.inspections.effect_db import inspection_effect
from cchc.inspections.models import (
    Answer,
    FindingCategory,
    Inspection,
    InspectionKind,
    Severity,
)
from cchc.inspections.permissions import can_record, can_report, role_of
from cchc.inspections.visit_display import visit_context
from cchc.inspections.web_queries import audit_trail, evidence_for, inspection_for, inspections_for
from cchc.web.access import role_required, scope_of

AUDIT_LABELS = {
    "inspection_create": "Tạo cuộc kiểm tra",
    "inspection_status": "Chuyển trạng thái cuộc kiểm tra",
    "team_change": "Thay đổi thành viên đoàn",
    "checklist_answer": "Ghi kết quả theo nội dung",
    "finding_create": "Ghi nhận tồn tại, hạn chế",
    "finding_update": "Sửa tồn tại, hạn chế",
    "action_create": "Yêu cầu khắc phục",
    "action_report": "Báo cáo đã khắc phục",
    "action_verify": "Xác minh, kết thúc",
    "action_reopen": "Yêu cầu khắc phục lại",
}
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def optional_date(text: str | None) -> dt.date | None:
    return parse_date(text) if text and text.strip() else None


@dataclass(frozen=True)
class Refused:
    """A refused form: which form, what was typed, the refused field ("" = the whole form)."""

    form: str
    typed: QueryDict
    field: str
    message: str


def uploads(request: HttpRequest, name: str = "evidence") -> list[Any]:
    files = request.FILES.getlist(name)
    for f in files:
        if (f.size or 0) > MAX_UPLOAD_BYTES:
            raise ValueError(f"Tệp {f.name} quá 20 MB (file larger than 20 MB)")
    return list(files)


def _day_of(post: Any) -> dt.date:
    """The inspection's date as typed, for the unit picker; today until one is valid."""
    try:
        return parse_date(post.get("date", "")) if post.get("date", "").strip() else dt.date.today()
    except ValueError:
        return dt.date.today()


def can_create(request: HttpRequest) -> bool:
    return role_of(request.user) in {"admin", "officer", "inspector"}


@role_required()
@require_http_methods(["GET", "POST"])
def inspection_list(request: HttpRequest) -> HttpResponse:
    """Inspections the caller may see; inspectors and officers add one here (POST)."""
    scope = scope_of(request)
    error = unit_error = None
    if request.method == "POST":
        try:
            unit = unit_picker.resolve(request.POST.get("unit", ""), _day_of(request.POST))
        except unit_picker.UnitNotFound as exc:
            unit_error = str(exc)
        try:
            if unit_error:
                raise ValueError(unit_error)
            inspection = services.create_inspection(
                request.user,
                kind=request.POST.get("kind", ""),
                unit=unit,
                date=parse_date(request.POST.get("date", "")),
                team=[request.user],  # type: ignore[list-item]
                leader=request.user,  # type: ignore[arg-type]
                decision_number=request.POST.get("decision_number", "").strip(),
            )
        except ValueError as exc:
            error = None if unit_error else str(exc)
        else:
            messages.success(request, "Đã tạo cuộc kiểm tra (inspection created)")
            return HttpResponseRedirect(f"/kiem-tra/{inspection.pk}/")
    rows = inspections_for(scope).prefetch_related("findings")[:500]
    context = {
        "rows": rows,
        "error": error,
        "unit_error": unit_error,
        "unit_choices": unit_picker.choices(_day_of(request.POST)) if can_create(request) else [],
        "can_create": can_create(request),
        "kind_choices": InspectionKind.choices,
        "sees_everything": scope.sees_everything,
        "get": request.POST,
    }
    http_status = 400 if error or unit_error else 200
    return render(request, "inspections/list.html", context, status=http_status)


def _items(inspection: Inspection, refused: Refused | None) -> list[dict[str, Any]]:
    """Each checklist item with its saved answer, and what the form shows: the saved answer and
    note, or after a refused save what was typed. Nothing is chosen for an unanswered item."""
    template = inspection.template or load_template(DEFAULT_TEMPLATE)
    texts = {str(i["code"]): str(i["text"]) for i in template.items}
    answers = {a.item_code: a for a in inspection.answers.prefetch_related("evidence")}
    typed = refused.typed if refused is not None and refused.form == "checklist" else None
    rows = []
    for n, code in enumerate(inspection.content_items, 1):
        saved = answers.get(code)
        rows.append(
            {
                "n": n,
                "code": code,
                "text": texts.get(code, code),
                "answer": saved,
                "chosen": typed.get(f"answer-{code}", "")
                if typed is not None
                else (saved.answer if saved else ""),
                "note": typed.get(f"note-{code}", "")
                if typed is not None
                else (saved.note if saved else ""),
                "error": refused.message
                if refused is not None and refused.field == f"answer-{code}"
                else "",
            }
        )
    return rows


def _banner(refused: Refused | None) -> str | None:
    if refused is None:
        return None
    if refused.field:
        return "Chưa lưu: xem thông báo bên cạnh ô nhập (not saved: see the message by the field)"
    return refused.message


def render_inspection(
    request: HttpRequest,
    inspection: Inspection,
    error: str | None = None,
    status: int = 200,
    refused: Refused | None = None,
) -> HttpResponse:
    user = request.user
    findings = []
    for finding in inspection.findings.prefetch_related("actions__reports__evidence"):
        actions = [
            {
                "obj": a,
                "overdue": a.is_overdue(dt.date.today()),
                "can_report": can_report(user, a),
                "reports": list(a.reports.all()),
            }
            for a in finding.actions.all()
        ]
        mine = refused if refused and refused.form == f"action-{finding.pk}" else None
        findings.append({"obj": finding, "actions": actions, "form": mine})
    effect = inspection_effect(inspection)
    context = {
        "inspection": inspection,
        "checklist": _items(inspection, refused),  # not "items": the nav tag sets that name
        "findings": findings,
        "can_record": can_record(user, inspection),
        "effect": effect,
        "audit": describe_all(audit_trail(inspection), AUDIT_LABELS),
        "answer_choices": Answer.choices,
        "category_choices": FindingCategory.choices,
        "severity_choices": Severity.choices,
        "error": error or _banner(refused),
        "refused": refused,
        "finding_form": refused if refused and refused.form == "finding" else None,
        **visit_context(user, inspection),
    }
    return render(request, "inspections/inspection.html", context, status=status)


@role_required()
def inspection_page(request: HttpRequest, pk: int) -> HttpResponse:
    return render_inspection(request, inspection_for(scope_of(request), pk))


@role_required()
def inspection_document(request: HttpRequest, pk: int, kind: str) -> FileResponse:
    """Biên bản kiểm tra (record) or thông báo kết luận (conclusion) as DOCX."""
    import io

    inspection = inspection_for(scope_of(request), pk)
    doc = inspection_record(inspection) if kind == "record" else conclusion_notice(inspection)
    buffer = io.BytesIO()
    doc.save(buffer)
    buffer.seek(0)
    name = "bien-ban" if kind == "record" else "thong-bao-ket-luan"
    return FileResponse(
        buffer,
        as_attachment=True,
        filename=f"{name}-{inspection.unit.code}-{inspection.date:%Y%m%d}.docx",
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


@role_required()
def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    evidence = evidence_for(scope_of(request), pk)
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        from django.http import Http404

        raise Http404("Tệp không còn trên máy chủ (file missing)") from None
    name = evidence.file.name.rsplit("/", 1)[-1] if evidence.file.name else "minh-chung"
    return FileResponse(handle, as_attachment=True, filename=name)


def forbid_if_hidden(request: HttpRequest, pk: int) -> Inspection:
    inspection = inspection_for(scope_of(request), pk)
    if not can_record(request.user, inspection):
        raise PermissionDenied(
            "Không có quyền ghi nhận kết quả kiểm tra (not allowed to record inspection results)"
        )
    return inspection
