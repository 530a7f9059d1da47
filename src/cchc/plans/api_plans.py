"""JSON API of improvement plans (django-ninja router mounted at /api/plans by PlansConfig),
with the pages' data and rules: the list of /ke-hoach/, one plan as on /ke-hoach/<id>/ (targets
with their latest value and tasks' progress; tasks with rolled-up progress, next deadline and
days overdue), and a task's progress reported as on the task page (task_update.report_progress:
who may, status and progress kept consistent, evidence needed to mark done). No role 403,
unknown 404, bad input 400 with the field."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from cchc.core import clock
from cchc.plans.access import can_read_plans
from cchc.plans.models_plans import Plan, Task
from cchc.plans.plan_display import Row, TargetRow, plan_view
from cchc.plans.progress import PlanProgress, plan_progress
from cchc.plans.task_update import Report, UpdateRefused, report_progress
from cchc.web.access import scope_of
from cchc.web.scope import Scope

router = Router(tags=["plans"])
MAX_INT = 2**31 - 1


def _scope(request: HttpRequest) -> Scope:
    scope = scope_of(request, clock.today())
    if not can_read_plans(scope):
        raise HttpError(403, "Tài khoản chưa được gán vai trò (no role assigned)")
    return scope


class PlanOut(Schema):
    id: int
    name: str
    decision_number: str
    decision_date: dt.date | None
    period_start: dt.date
    period_end: dt.date
    owner_unit_code: str
    owner_unit_name: str
    progress: float | None
    overdue_count: int


class TargetOut(Schema):
    id: int
    code: str
    name: str
    kind: str
    indicator_code: str
    unit_code: str | None
    index_name: str
    index_code: str
    direction: str
    baseline_value: float | None
    baseline_date: dt.date | None
    target_value: float
    target_date: dt.date
    latest_value: float | None
    latest_date: dt.date | None
    progress: float | None


class TaskOut(Schema):
    id: int
    code: str
    name: str
    parent_id: int | None
    target_id: int | None
    depth: int
    lead_unit_code: str
    lead_unit_name: str
    co_unit_codes: list[str]
    deadline: dt.date
    next_due: dt.date | None
    recurrence: str
    weight: float
    status: str
    progress: float | None
    overdue: bool
    days_overdue: int
    evidence_count: int
    finding_id: int | None


class PlanItemOut(PlanOut):
    description: str
    targets: list[TargetOut]
    tasks: list[TaskOut]


class ProgressIn(Schema):
    status: str
    progress: int
    note: str = ""
    evidence_text: str = ""


def _plan(state: PlanProgress) -> dict[str, object]:
    plan = state.plan
    return {
        "id": plan.pk,
        "name": plan.name,
        "decision_number": plan.decision_number,
        "decision_date": plan.decision_date,
        "period_start": plan.period_start,
        "period_end": plan.period_end,
        "owner_unit_code": plan.owner_unit.code,
        "owner_unit_name": plan.owner_unit.name,
        "progress": state.progress,
        "overdue_count": len(state.overdue),
    }


def _target(row: TargetRow) -> dict[str, object]:
    t = row.target
    return {
        "id": t.pk,
        "code": t.code,
        "name": t.name,
        "kind": t.kind,
        "indicator_code": t.indicator_code,
        "unit_code": t.unit.code if t.unit else None,
        "index_name": t.index_name,
        "index_code": t.index_code,
        "direction": t.direction,
        "baseline_value": t.baseline_value,
        "baseline_date": t.baseline_date,
        "target_value": t.target_value,
        "target_date": t.target_date,
        "latest_value": row.latest.value if row.latest else None,
        "latest_date": row.latest.day if row.latest else None,
        "progress": row.progress,
    }


def _task(row: Row) -> dict[str, object]:
    t, line = row.task, row.line
    return {
        "id": t.pk,
        "code": t.code,
        "name": t.name,
        "parent_id": t.parent_id,
        "target_id": t.target_id,
        "depth": line.depth,
        "lead_unit_code": t.lead_unit.code,
        "lead_unit_name": t.lead_unit.name,
        "co_unit_codes": sorted(u.code for u in t.co_units.all()),
        "deadline": t.deadline,
        "next_due": line.standing.next_due,
        "recurrence": t.recurrence,
        "weight": t.weight,
        "status": t.status,
        "progress": line.progress,
        "overdue": line.overdue,
        "days_overdue": row.days_overdue,
        "evidence_count": row.evidence_count,
        "finding_id": t.finding_id,
    }


def _found(pk: int) -> Plan:
    plan = (
        Plan.objects.select_related("owner_unit").filter(pk=pk).first() if pk <= MAX_INT else None
    )
    if plan is None:
        raise HttpError(404, "Không tìm thấy kế hoạch (plan not found)")
    return plan


@router.get("", response=list[PlanOut], summary="Kế hoạch cải thiện (plans)")
def plan_list(request: HttpRequest) -> list[dict[str, object]]:
    _scope(request)
    today = clock.today()
    plans = Plan.objects.select_related("owner_unit")
    return [_plan(plan_progress(p, today)) for p in plans]


@router.get("/{plan_id}", response=PlanItemOut, summary="Một kế hoạch (one plan)")
def plan_item(request: HttpRequest, plan_id: int) -> dict[str, object]:
    _scope(request)
    plan = _found(plan_id)
    view = plan_view(plan, clock.today())
    return {
        **_plan(view.state),
        "description": plan.description,
        "targets": [_target(r) for r in view.targets],
        "tasks": [_task(r) for r in view.rows],
    }


@router.post(
    "/tasks/{task_id}/progress",
    response=TaskOut,
    summary="Cập nhật tiến độ nhiệm vụ (report a task's progress)",
)
def task_progress(request: HttpRequest, task_id: int, body: ProgressIn) -> dict[str, object]:
    """Same rules as the task page: the head of the lead unit (or of a unit above it), the
    reform officer and the administrator; done needs evidence (evidence_text, or given before)."""
    scope = _scope(request)
    task = (
        Task.objects.select_related("plan", "lead_unit").filter(pk=task_id).first()
        if task_id <= MAX_INT
        else None
    )
    if task is None:
        raise HttpError(404, "Không tìm thấy nhiệm vụ (task not found)")
    report = Report(body.status, body.progress, body.note.strip(), body.evidence_text)
    try:
        report_progress(request.user, scope, task, report, clock.today())
    except PermissionDenied as exc:
        raise HttpError(403, str(exc)) from None
    except UpdateRefused as exc:
        raise HttpError(400, f"{exc.field}: {exc}") from None
    view = plan_view(task.plan, clock.today(), readings=False)
    return _task(next(r for r in view.rows if r.task.pk == task.pk))
