"""What a web caller may see of inspections, cut by their `cchc.web.scope.Scope` (thin).

Readers who see every unit (admin, officer, inspector, steering committee) see every inspection;
a unit head sees the inspections, findings and corrective actions of their unit and the units
below it. Province-wide views (risk ranking, plans, statistics) are for those who see everything.
Writes are checked again by the service functions (permissions.py).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from cchc.core.models import AuditEntry
from cchc.inspections.models import (
    ActionState,
    CorrectiveAction,
    Evidence,
    Inspection,
)
from cchc.inspections.workflow import OPEN_STATES
from cchc.web.scope import Scope

ACTION_FILTERS = {
    "open": "Đang khắc phục",
    "overdue": "Quá hạn",
    "reported": "Đã báo cáo, chờ xác minh",
    "closed": "Đã kết thúc",
}


def require_province_view(scope: Scope) -> None:
    """Risk ranking, plans and statistics compare every unit: not for a single unit's head."""
    if not scope.sees_everything:
        raise PermissionDenied(
            "Chỉ dành cho người xem toàn tỉnh (only for users who see every unit)"
        )


def inspections_for(scope: Scope) -> QuerySet[Inspection]:
    qs = Inspection.objects.select_related("unit")
    if scope.unit_codes is not None:
        qs = qs.filter(unit__code__in=sorted(scope.unit_codes))
    return qs


def inspection_for(scope: Scope, pk: int) -> Inspection:
    """The inspection if the caller may see it; 404 otherwise (no hint that it exists)."""
    found = inspections_for(scope).filter(pk=pk).first()
    if found is None:
        raise Http404("Không tìm thấy cuộc kiểm tra (inspection not found)")
    return found


def actions_for(scope: Scope) -> QuerySet[CorrectiveAction]:
    qs = CorrectiveAction.objects.select_related("owner_unit", "finding__inspection__unit")
    if scope.unit_codes is not None:
        codes = sorted(scope.unit_codes)
        qs = qs.filter(Q(owner_unit__code__in=codes) | Q(finding__inspection__unit__code__in=codes))
    return qs


def action_for(scope: Scope, pk: int) -> CorrectiveAction:
    found = actions_for(scope).filter(pk=pk).first()
    if found is None:
        raise Http404("Không tìm thấy yêu cầu khắc phục (corrective action not found)")
    return found


def filter_actions(
    qs: QuerySet[CorrectiveAction], state: str, today: dt.date
) -> QuerySet[CorrectiveAction]:
    """open | overdue | reported | closed; anything else → ValueError."""
    if not state:
        return qs
    if state == "open":
        return qs.filter(state__in=OPEN_STATES)
    if state == "overdue":
        return qs.filter(state__in=OPEN_STATES, deadline__lt=today)
    if state == "reported":
        return qs.filter(state=ActionState.REPORTED)
    if state == "closed":
        return qs.filter(state=ActionState.CLOSED)
    raise ValueError(
        f"Trạng thái không hợp lệ {state!r}: dùng {', '.join(ACTION_FILTERS)} "
        f"(invalid state; use {', '.join(ACTION_FILTERS)})"
    )


def evidence_for(scope: Scope, pk: int) -> Evidence:
    """An evidence file of an inspection the caller may see."""
    evidence = Evidence.objects.select_related(
        "answer__inspection__unit", "report__action__finding__inspection__unit"
    ).filter(pk=pk)
    found = evidence.first()
    if found is None:
        raise Http404("Không tìm thấy tệp (file not found)")
    inspection = (
        found.answer.inspection
        if found.answer is not None
        else found.report.action.finding.inspection
        if found.report is not None
        else None
    )
    owner = found.report.action.owner_unit.code if found.report is not None else None
    if inspection is None or not (
        scope.can_see_unit(inspection.unit.code) or (owner and scope.can_see_unit(owner))
    ):
        raise Http404("Không tìm thấy tệp (file not found)")
    return found


def audit_trail(inspection: Inspection) -> QuerySet[AuditEntry]:
    """Every audit entry about the inspection, its answers, findings and actions."""
    finding_ids = [str(i) for i in inspection.findings.values_list("id", flat=True)]
    action_ids = [
        str(i)
        for i in CorrectiveAction.objects.filter(finding__inspection=inspection).values_list(
            "id", flat=True
        )
    ]
    answer_ids = [str(i) for i in inspection.answers.values_list("id", flat=True)]
    q = Q(object_type="inspections.inspection", object_id=str(inspection.pk))
    q |= Q(object_type="inspections.finding", object_id__in=finding_ids)
    q |= Q(object_type="inspections.correctiveaction", object_id__in=action_ids)
    q |= Q(object_type="inspections.checklistanswer", object_id__in=answer_ids)
    return AuditEntry.objects.filter(q).select_related("user").order_by("at", "id")
