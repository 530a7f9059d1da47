"""JSON API for inspections (django-ninja router mounted at /api/inspections by cchc.web.api).

Same rules as the pages: reads cut by the caller's Scope (web_queries.py), province-wide views
(risk, plans, stats) for those who see every unit, changes through the service functions with
request.user. Bad input answers 400, a refused role 403, something hidden 404 — never 500.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import File, Form, Router, Schema
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.responses import Status

from cchc.core.models import Unit
from cchc.dossiers.periods import parse_period
from cchc.inspections import services
from cchc.inspections.models import CorrectiveAction, Finding, Inspection, PlanRun
from cchc.inspections.plans import run_plan
from cchc.inspections.views_planning import risk_table
from cchc.inspections.web_queries import (
    action_for,
    actions_for,
    filter_actions,
    inspection_for,
    inspections_for,
    require_province_view,
)
from cchc.web.scope import Scope

router = Router(tags=["inspections"])


def _scope(request: HttpRequest) -> Scope:
    scope = Scope.for_user(request.user, dt.date.today())
    if not scope.has_role:
        raise HttpError(403, "Tài khoản chưa được gán vai trò (no role assigned)")
    return scope


def _province(request: HttpRequest) -> Scope:
    scope = _scope(request)
    try:
        require_province_view(scope)
    except PermissionDenied as exc:
        raise HttpError(403, str(exc)) from exc
    return scope


def _call(change: Any) -> Any:
    """Run a service call: ValueError → 400, PermissionDenied → 403, Http404 → 404."""
    try:
        return change()
    except PermissionDenied as exc:
        raise HttpError(403, str(exc) or "Không có quyền (not allowed)") from exc
    except Http404 as exc:
        raise HttpError(404, str(exc)) from exc
    except ValueError as exc:
        raise HttpError(400, str(exc)) from exc


class FactorOut(Schema):
    name: str
    label: str
    count: float
    base: float | None
    raw: float | None
    value: float
    normalised: float
    weight: float
    contribution: float


class RiskUnitOut(Schema):
    unit_code: str
    rank: int
    score: float
    factors: list[FactorOut]


class RiskOut(Schema):
    period: str
    weights_version: str
    province_rates: dict[str, float]
    units: list[RiskUnitOut]


class PlanIn(Schema):
    period: str
    periodic: list[str] = []
    surprise: int = 0
    rotation: int = 0
    seed: int | None = None


class PickOut(Schema):
    id: int
    unit_code: str
    kind: str
    rank: int
    score: float | None
    reason: str
    sample: list[dict[str, Any]]


class PlanOut(Schema):
    id: int
    period: str
    period_start: dt.date
    period_end: dt.date
    seed: int
    weights_version: str
    created_at: dt.datetime
    created_by: str | None
    picks: list[PickOut]
    warnings: list[str]


class ActionOut(Schema):
    id: int
    finding_id: int
    inspection_id: int
    owner_unit: str
    description: str
    deadline: dt.date
    state: str
    overdue: bool
    report_required: bool
    closed_on: dt.date | None


class FindingOut(Schema):
    id: int
    category: str
    severity: str
    description: str
    dossier_codes: list[str]
    responsible_official: str
    actions: list[ActionOut]


class AnswerOut(Schema):
    item_code: str
    answer: str
    note: str
    evidence: list[str]


class InspectionOut(Schema):
    id: int
    kind: str
    unit_code: str
    unit_name: str
    date: dt.date
    status: str
    decision_number: str
    plan_pick_id: int | None


class InspectionDetailOut(InspectionOut):
    answers: list[AnswerOut]
    findings: list[FindingOut]


class FindingIn(Schema):
    category: str
    severity: str
    description: str
    dossier_codes: list[str] = []
    responsible_official: str = ""


class ActionIn(Schema):
    description: str
    owner_unit: str | None = None
    deadline: dt.date | None = None
    report_required: bool = True


class NoteIn(Schema):
    note: str = ""
    deadline: dt.date | None = None


class StatsOut(Schema):
    period: str
    previous: str
    now: dict[str, Any]
    year_before: dict[str, Any]


def _action_out(a: CorrectiveAction) -> ActionOut:
    return ActionOut(
        id=a.pk,
        finding_id=a.finding_id,
        inspection_id=a.finding.inspection_id,
        owner_unit=a.owner_unit.code,
        description=a.description,
        deadline=a.deadline,
        state=a.state,
        overdue=a.is_overdue(dt.date.today()),
        report_required=a.report_required,
        closed_on=a.closed_on,
    )


def _plan_out(run: PlanRun) -> PlanOut:
    return PlanOut(
        id=run.pk,
        period=run.period_label,
        period_start=run.period_start,
        period_end=run.period_end,
        seed=run.seed,
        weights_version=run.weights_version,
        created_at=run.created_at,
        created_by=run.created_by.get_username() if run.created_by else None,
        picks=[
            PickOut(
                id=p.pk,
                unit_code=p.unit_code,
                kind=p.kind,
                rank=p.rank,
                score=p.score,
                reason=p.reason,
                sample=list(p.sample),
            )
            for p in run.picks.all()
        ],
        warnings=list(run.result.get("warnings", [])),
    )


def _inspection_out(i: Inspection) -> InspectionOut:
    return InspectionOut(
        id=i.pk,
        kind=i.kind,
        unit_code=i.unit.code,
        unit_name=i.unit.name,
        date=i.date,
        status=i.status,
        decision_number=i.decision_number,
        plan_pick_id=i.plan_pick_id,
    )


@router.get("/risk", response=RiskOut, summary="Xếp hạng rủi ro (risk ranking)")
def risk(request: HttpRequest, period: str, top: int = 50) -> RiskOut:
    _province(request)
    if not 1 <= top <= 5000:
        raise HttpError(400, "top phải từ 1 đến 5000 (top must be 1–5000)")
    p = _call(lambda: parse_period(period))
    table = risk_table(p)
    units = [
        RiskUnitOut(
            unit_code=r.unit_code,
            rank=r.rank,
            score=r.score,
            factors=[FactorOut(**f.__dict__) for f in r.factors],
        )
        for r in table.ranked()[:top]
    ]
    return RiskOut(
        period=p.label,
        weights_version=table.config_version,
        province_rates=table.province_rates,
        units=units,
    )


@router.get("/plans", response=list[PlanOut], summary="Các lần lập kế hoạch (plan runs)")
def plans(request: HttpRequest) -> list[PlanOut]:
    _province(request)
    runs = PlanRun.objects.select_related("created_by").prefetch_related("picks")[:100]
    return [_plan_out(r) for r in runs]


@router.post("/plans", response={201: PlanOut}, summary="Lập kế hoạch (create a plan run)")
def create_plan(request: HttpRequest, body: PlanIn) -> Status[PlanOut]:
    _province(request)
    if body.surprise < 0 or body.rotation < 0 or body.surprise > 1000 or body.rotation > 1000:
        raise HttpError(400, "surprise, rotation phải từ 0 đến 1000 (must be 0–1000)")
    if body.seed is not None and not 0 <= body.seed < 2**63:
        raise HttpError(400, "seed phải từ 0 đến 2^63−1 (seed out of range)")
    unknown = set(body.periodic) - set(
        Unit.objects.filter(code__in=body.periodic).values_list("code", flat=True)
    )
    if unknown:
        raise HttpError(400, f"Không có đơn vị (unknown units): {', '.join(sorted(unknown))}")
    period = _call(lambda: parse_period(body.period))
    run, _plan = _call(
        lambda: run_plan(
            period,
            user=request.user,
            periodic=body.periodic,
            surprise_k=body.surprise,
            rotation_k=body.rotation,
            seed=body.seed,
        )
    )
    return Status(201, _plan_out(run))


@router.get("/plans/{plan_id}", response=PlanOut, summary="Một kế hoạch (one plan run)")
def plan(request: HttpRequest, plan_id: int) -> PlanOut:
    _province(request)
    run = PlanRun.objects.filter(pk=plan_id).first()
    if run is None:
        raise HttpError(404, "Không tìm thấy kế hoạch (plan not found)")
    return _plan_out(run)


@router.get("/inspections", response=list[InspectionOut], summary="Cuộc kiểm tra (inspections)")
def inspections(
    request: HttpRequest, period: str | None = None, unit: str | None = None
) -> list[InspectionOut]:
    scope = _scope(request)
    qs = inspections_for(scope)
    if period:
        p = _call(lambda: parse_period(period))
        qs = qs.filter(date__gte=p.start, date__lte=p.end)
    if unit:
        if not scope.can_see_unit(unit):
            raise HttpError(403, f"Không xem được đơn vị {unit!r} (unit outside your scope)")
        qs = qs.filter(unit__code=unit)
    return [_inspection_out(i) for i in qs[:1000]]


@router.get(
    "/inspections/{inspection_id}",
    response=InspectionDetailOut,
    summary="Một cuộc kiểm tra (one inspection)",
)
def inspection(request: HttpRequest, inspection_id: int) -> InspectionDetailOut:
    i = _call(lambda: inspection_for(_scope(request), inspection_id))
    answers = [
        AnswerOut(
            item_code=a.item_code,
            answer=a.answer,
            note=a.note,
            evidence=[e.file.name for e in a.evidence.all()],
        )
        for a in i.answers.prefetch_related("evidence")
    ]
    findings = [
        FindingOut(
            id=f.pk,
            category=f.category,
            severity=f.severity,
            description=f.description,
            dossier_codes=list(f.dossier_codes),
            responsible_official=f.responsible_official,
            actions=[_action_out(a) for a in f.actions.select_related("owner_unit", "finding")],
        )
        for f in i.findings.all()
    ]
    return InspectionDetailOut(
        **_inspection_out(i).model_dump(), answers=answers, findings=findings
    )


@router.post(
    "/inspections/{inspection_id}/findings",
    response={201: FindingOut},
    summary="Ghi nhận tồn tại (record a finding)",
)
def create_finding(request: HttpRequest, inspection_id: int, body: FindingIn) -> Status[Any]:
    i = _call(lambda: inspection_for(_scope(request), inspection_id))
    if not body.description.strip():
        raise HttpError(400, "Cần nêu nội dung tồn tại (a description is required)")
    f = _call(lambda: services.record_finding(request.user, i, **body.model_dump()))
    return Status(
        201,
        FindingOut(
            id=f.pk,
            category=f.category,
            severity=f.severity,
            description=f.description,
            dossier_codes=f.dossier_codes,
            responsible_official=f.responsible_official,
            actions=[],
        ),
    )


@router.post(
    "/findings/{finding_id}/actions",
    response={201: ActionOut},
    summary="Giao yêu cầu khắc phục (raise a corrective action)",
)
def create_action(request: HttpRequest, finding_id: int, body: ActionIn) -> Status[Any]:
    scope = _scope(request)
    f = Finding.objects.select_related("inspection__unit").filter(pk=finding_id).first()
    if f is None or not scope.can_see_unit(f.inspection.unit.code):
        raise HttpError(404, "Không tìm thấy tồn tại (finding not found)")
    if not body.description.strip():
        raise HttpError(400, "Cần nêu yêu cầu khắc phục (a description is required)")
    owner = None
    if body.owner_unit:
        owner = Unit.objects.filter(code=body.owner_unit).first()
        if owner is None:
            raise HttpError(400, f"Không có đơn vị {body.owner_unit!r} (unknown unit)")
    a = _call(
        lambda: services.raise_action(
            request.user,
            f,
            description=body.description,
            owner_unit=owner,
            deadline=body.deadline,
            report_required=body.report_required,
        )
    )
    return Status(201, _action_out(a))


@router.get("/actions", response=list[ActionOut], summary="Yêu cầu khắc phục (corrective actions)")
def actions(
    request: HttpRequest, state: str | None = None, unit: str | None = None
) -> list[ActionOut]:
    scope = _scope(request)
    qs = _call(lambda: filter_actions(actions_for(scope), state or "", dt.date.today()))
    if unit:
        if not scope.can_see_unit(unit):
            raise HttpError(403, f"Không xem được đơn vị {unit!r} (unit outside your scope)")
        qs = qs.filter(owner_unit__code=unit)
    return [_action_out(a) for a in qs.order_by("deadline", "id")[:1000]]


@router.post(
    "/actions/{action_id}/report",
    response=ActionOut,
    summary="Báo cáo đã khắc phục, kèm minh chứng (report done, multipart)",
)
def report(
    request: HttpRequest,
    action_id: int,
    text: Form[str],
    evidence: File[list[UploadedFile]] = None,  # type: ignore[assignment]
) -> ActionOut:
    a = _call(lambda: action_for(_scope(request), action_id))
    if not text.strip():
        raise HttpError(400, "Cần nêu kết quả khắc phục (describe what was done)")
    _call(lambda: services.report_done(request.user, a, text, list(evidence or [])))
    a.refresh_from_db()
    return _action_out(a)


@router.post(
    "/actions/{action_id}/verify",
    response=ActionOut,
    summary="Xác minh, kết thúc (verify and close)",
)
def verify(request: HttpRequest, action_id: int, body: NoteIn) -> ActionOut:
    a = _call(lambda: action_for(_scope(request), action_id))
    _call(lambda: services.verify(request.user, a, body.note))
    a.refresh_from_db()
    return _action_out(a)


@router.post(
    "/actions/{action_id}/reopen", response=ActionOut, summary="Yêu cầu khắc phục lại (reopen)"
)
def reopen(request: HttpRequest, action_id: int, body: NoteIn) -> ActionOut:
    a = _call(lambda: action_for(_scope(request), action_id))
    _call(lambda: services.reopen(request.user, a, body.note, body.deadline))
    a.refresh_from_db()
    return _action_out(a)


@router.get("/stats", response=StatsOut, summary="Thống kê so với cùng kỳ (stats vs a year ago)")
def stats(request: HttpRequest, period: str) -> StatsOut:
    from dataclasses import asdict

    from cchc.inspections.stats import compare

    _province(request)
    p = _call(lambda: parse_period(period))
    now, before = compare(p)

    def plain(s: Any) -> dict[str, Any]:
        return {k: v for k, v in asdict(s).items() if k != "period"}

    return StatsOut(
        period=p.label, previous=before.period.label, now=plain(now), year_before=plain(before)
    )
