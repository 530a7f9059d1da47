"""Task pages under /ke-hoach/nhiem-vu/: the task (deadlines and occurrences, sub-tasks,
evidence, comments, audit history) with its update form for who may (access.can_update_task),
and the task forms for the reform officer and the administrator. A refused update re-renders
the page (status 400) with the message beside its field; success redirects (post/redirect/get).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from django.contrib import messages
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods, require_POST

from cchc.core import clock
from cchc.core.models import AuditEntry
from cchc.core.vn_format import vn_date
from cchc.dossiers.periods import parse_date
from cchc.explanations.services import FILE_TYPES, MAX_FILES
from cchc.inspections.audit_display import AuditLine, Change, describe_all
from cchc.inspections.models import Finding
from cchc.plans import changes
from cchc.plans.access import can_edit_plans, can_update_task, require_edit
from cchc.plans.forms_plans import TaskForm, UpdateForm
from cchc.plans.models_plans import Plan, Task, TaskEvidence
from cchc.plans.plan_display import day_note
from cchc.plans.progress import plan_progress, task_deadlines
from cchc.plans.task_update import (
    Report,
    UpdateRefused,
    add_comment,
    mark_occurrence_done,
    report_progress,
)
from cchc.plans.views_plans import SAVED, confirm_delete, fresh, model_fields, render_form
from cchc.web.access import role_required, scope_of

AUDIT_LABELS = {"create": "Tạo", "update": "Cập nhật", "delete": "Xóa"}
FIELD_LABELS = {"plan": "kế hoạch", "task": "nhiệm vụ", "co units": "đơn vị phối hợp"}
HIDDEN = {"updated at", "created at"}


def _task(pk: int) -> Task:
    return get_object_or_404(
        Task.objects.select_related("plan", "lead_unit", "target", "parent", "finding__inspection"),
        pk=pk,
    )


def history(task: Task) -> list[Any]:
    """The audit entries of the task, its evidence, comments and occurrences, oldest first."""
    q = Q(object_type="plans.task", object_id=str(task.pk))
    for kind, related in (
        ("plans.taskevidence", task.evidence),
        ("plans.taskcomment", task.comments),
        ("plans.occurrence", task.occurrences),
    ):
        q |= Q(
            object_type=kind, object_id__in=[str(i) for i in related.values_list("pk", flat=True)]
        )
    entries = AuditEntry.objects.filter(q).select_related("user").order_by("at", "id")
    return [_in_vietnamese(line) for line in describe_all(entries, AUDIT_LABELS)]


def _in_vietnamese(line: AuditLine) -> AuditLine:
    """The plans' fields that have no Vietnamese name of their own; stamps left out."""
    out = []
    for change in line.changes:
        if change.label in HIDDEN:
            continue
        label = FIELD_LABELS.get(change.label, change.label)
        after = change.after
        if label == "tệp minh chứng" and after:
            after = after.rsplit("/", 1)[-1]
        out.append(Change(label, change.before, after))
    return replace(line, changes=out)


def render_task(
    request: HttpRequest,
    task: Task,
    form: UpdateForm | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    today = clock.today()
    scope = scope_of(request)
    state = plan_progress(task.plan, today)
    line = state.line(task.pk)
    deadlines = task_deadlines(task, task.plan.period_end)
    done = {o.due_on: o for o in task.occurrences.all()}
    may_update = can_update_task(scope, task)
    occurrences = [
        {"due_on": d, "done": done.get(d), "overdue": d < today and d not in done}
        for d in deadlines
    ] if task.recurrence else []  # fmt: skip
    subtasks = [ln for ln in state.lines if ln.task.parent_id == task.pk]
    if form is None and may_update:
        form = UpdateForm(
            initial={"status": task.status, "progress": task.progress, "note": task.note}
        )
    days_overdue = line.standing.days_overdue(today)
    context = {
        "task": task,
        "line": line,
        "days_overdue": days_overdue,
        "deadline_note": day_note(task.deadline),
        "occurrences": occurrences,
        "subtasks": subtasks,
        "evidence": [
            (e, e.file.name.rsplit("/", 1)[-1] if e.file else "")
            for e in task.evidence.select_related("by")
        ],
        "comments": list(task.comments.select_related("by")),
        "audit": history(task),
        "can_update": may_update,
        "can_edit": can_edit_plans(scope),
        "form": form if may_update else None,
        "errors": errors or {},
        "file_types": ", ".join(sorted(FILE_TYPES)),
        "max_files": MAX_FILES,
    }
    return render(request, "plans/plans/task.html", context, status=status)


@role_required()
def task_page(request: HttpRequest, pk: int) -> HttpResponse:
    return render_task(request, _task(pk))


@role_required()
@require_POST
def task_update(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(pk)
    form = UpdateForm(request.POST)
    if not form.is_valid():
        errors = {name: str(errs[0]) for name, errs in form.errors.items()}
        return render_task(request, task, form, errors, 400)
    data = form.cleaned_data
    report = Report(
        data["status"],
        data["progress"],
        data["note"].strip(),
        data["evidence_text"],
        request.FILES.getlist("evidence"),
    )
    try:
        report_progress(request.user, scope_of(request), task, report, clock.today())
    except UpdateRefused as exc:
        return render_task(request, task, form, {exc.field: str(exc)}, 400)
    messages.success(request, "Đã cập nhật nhiệm vụ (task updated)")
    return HttpResponseRedirect(f"/ke-hoach/nhiem-vu/{pk}/")


@role_required()
@require_POST
def occurrence_done(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(pk)
    try:
        day = parse_date(request.POST.get("due_on", ""))
    except ValueError:
        raise Http404("Không có lần thực hiện này (no such occurrence)") from None
    try:
        mark_occurrence_done(
            request.user, scope_of(request), task, day,
            task_deadlines(task, task.plan.period_end), clock.today(),
        )  # fmt: skip
    except UpdateRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Đã đánh dấu lần hạn {vn_date(day)} đã thực hiện")
    return HttpResponseRedirect(f"/ke-hoach/nhiem-vu/{pk}/#lan-thuc-hien")


@role_required()
@require_POST
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(pk)
    try:
        add_comment(request.user, scope_of(request), task, request.POST.get("text", ""))
    except UpdateRefused as exc:
        return render_task(request, task, None, {"comment": str(exc)}, 400)
    messages.success(request, "Đã gửi ý kiến (comment added)")
    return HttpResponseRedirect(f"/ke-hoach/nhiem-vu/{pk}/#y-kien")


@role_required()
def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    """A task's evidence file, for who reads plans (every role: role_required; never the public)."""
    evidence = get_object_or_404(TaskEvidence, pk=pk)
    if not evidence.file:
        raise Http404("Minh chứng không có tệp (no file)")
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404("Tệp không còn trên máy chủ (file missing)") from None
    return FileResponse(handle, as_attachment=True, filename=evidence.file.name.rsplit("/", 1)[-1])


def finding_asked(request: HttpRequest) -> Finding | None:
    """The finding a new task answers: ?finding=<id>, or the form's hidden field when posted;
    None for no, a malformed or an unknown id."""
    raw = request.POST.get("finding") or request.GET.get("finding") or ""
    if not raw.strip().isdigit():
        return None
    return Finding.objects.select_related("inspection__unit").filter(pk=int(raw)).first()


def _finding_initial(request: HttpRequest) -> tuple[Finding | None, dict[str, Any]]:
    """The task answers an inspection finding: its text, the inspected unit as lead."""
    finding = finding_asked(request)
    if finding is None:
        return None, {}
    name = finding.description.strip().splitlines()[0][:480] if finding.description else ""
    return finding, {"name": f"Khắc phục: {name}", "lead_unit": finding.inspection.unit_id}


@role_required()
@require_http_methods(["GET", "POST"])
def task_form(
    request: HttpRequest, pk: int | None = None, task_id: int | None = None
) -> HttpResponse:
    require_edit(scope_of(request))
    task = _task(task_id) if task_id is not None else None
    plan = task.plan if task else get_object_or_404(Plan, pk=pk)
    finding, initial = (None, {}) if task else _finding_initial(request)
    if not task and request.GET.get("parent", "").isdigit():
        initial["parent"] = int(request.GET["parent"])
    form = TaskForm(request.POST or None, instance=task, plan=plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        co_units = [u.pk for u in form.cleaned_data["co_units"]]
        if task is None:
            task = form.save(commit=False)
            task.plan = plan
            task.finding = finding
            changes.create(request.user, task, co_units)
        else:
            changes.update(request.user, fresh(task), model_fields(form), co_units)
        _note_day_off(request, task.deadline)
        messages.success(request, SAVED)
        return HttpResponseRedirect(f"/ke-hoach/nhiem-vu/{task.pk}/")
    title = "Sửa nhiệm vụ" if task else "Nhiệm vụ mới"
    back = f"/ke-hoach/nhiem-vu/{task.pk}/" if task else f"/ke-hoach/{plan.pk}/"
    return render_form(request, form, title, back, {"plan": plan, "finding": finding})


def _note_day_off(request: HttpRequest, day: dt.date) -> None:
    note = day_note(day)
    if note.moved_to is not None:
        messages.info(
            request,
            f"Thời hạn {note.weekday}, {vn_date(day)} là ngày nghỉ: hạn chuyển sang "
            f"{note.moved_weekday}, {vn_date(note.moved_to)} (Bộ luật Dân sự, điều 148)",
        )


@role_required()
@require_http_methods(["GET", "POST"])
def task_delete(request: HttpRequest, task_id: int) -> HttpResponse:
    task = _task(task_id)
    warning = "Các nhiệm vụ con, minh chứng và ý kiến của nhiệm vụ cũng bị xóa."
    return confirm_delete(
        request,
        task,
        "nhiệm vụ",
        f"/ke-hoach/nhiem-vu/{task.pk}/",
        f"/ke-hoach/{task.plan_id}/",
        warning,
    )
