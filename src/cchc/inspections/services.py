"""What people do with inspections, as functions views and commands call (thin views).

Each function takes the acting user (None = the command line), checks the role
(permissions.py), changes the data in one transaction, writes the audit log through
cchc.core.audit.record_change, and notifies the people concerned.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.core.files import File
from django.db import transaction

from cchc.core import clock
from cchc.core.audit import record_change, snapshot
from cchc.core.calendar_db import get_calendar
from cchc.core.models import Unit
from cchc.core.vn_format import vn_date
from cchc.inspections import visit_states, workflow
from cchc.inspections.checklists import DEFAULT_TEMPLATE, item_texts, load_template
from cchc.inspections.config import load_rules
from cchc.inspections.deadlines import default_deadline
from cchc.inspections.finding_dossiers import cited_dossiers
from cchc.inspections.models import (
    ActionReport,
    Answer,
    ChecklistAnswer,
    CorrectiveAction,
    Evidence,
    Finding,
    FindingCategory,
    Inspection,
    InspectionKind,
    PlanPick,
    Severity,
    TeamMember,
    TeamRole,
)
from cchc.inspections.notify import notify, team_of, unit_heads
from cchc.inspections.permissions import (
    require_can_create_inspection,
    require_can_record,
    require_can_report,
)

Actor = AbstractBaseUser | AnonymousUser | None


def _check_choice(value: str, choices: Any, what: str) -> None:
    if value not in choices.values:
        raise ValueError(
            f"{what} không hợp lệ: {value!r} (invalid {what}); "
            f"dùng (use) {', '.join(choices.values)}"
        )


@transaction.atomic
def create_inspection(
    user: Actor,
    *,
    kind: str,
    unit: Unit,
    date: dt.date,
    team: Iterable[User] = (),
    leader: User | None = None,
    template_code: str = DEFAULT_TEMPLATE,
    content_items: Sequence[str] | None = None,
    plan_pick: PlanPick | None = None,
    decision_number: str = "",
) -> Inspection:
    require_can_create_inspection(user)
    _check_choice(kind, InspectionKind, "hình thức kiểm tra (kind)")
    template = load_template(template_code)
    known = item_texts(template)
    items = list(content_items) if content_items is not None else list(known)
    unknown = [c for c in items if c not in known]
    if unknown:
        raise ValueError(
            f"Nội dung kiểm tra không có trong mẫu (unknown checklist items): {unknown}"
        )
    inspection = Inspection.objects.create(
        kind=kind,
        unit=unit,
        date=date,
        template=template,
        content_items=items,
        plan_pick=plan_pick,
        decision_number=decision_number,
    )
    roles = {u.pk: str(TeamRole.MEMBER) for u in team}
    if leader is not None:
        roles[leader.pk] = TeamRole.LEADER
    TeamMember.objects.bulk_create(
        TeamMember(inspection=inspection, user_id=uid, role=role) for uid, role in roles.items()
    )
    after = snapshot(inspection) | {"team": sorted(roles), "leader": leader.pk if leader else None}
    record_change(user, "inspection_create", inspection, None, after)
    return inspection


def _require_recording(inspection: Inspection) -> None:
    """Checklist answers and findings only during the visit (visit_states.refuse_recording)."""
    refusal = visit_states.refuse_recording(inspection.status, inspection.date, clock.today())
    if refusal:
        raise ValueError(refusal)


@transaction.atomic
def answer_item(
    user: Actor,
    inspection: Inspection,
    item_code: str,
    answer: str,
    note: str = "",
    evidence: Sequence[File[Any]] = (),
) -> ChecklistAnswer:
    """Record compliant / not compliant / not applicable for one checklist item."""
    require_can_record(user, inspection)
    _require_recording(inspection)
    _check_choice(answer, Answer, "kết quả (answer)")
    if item_code not in inspection.content_items:
        raise ValueError(f"Mục {item_code!r} không thuộc cuộc kiểm tra (item not in inspection)")
    existing = ChecklistAnswer.objects.filter(inspection=inspection, item_code=item_code).first()
    before = snapshot(existing) if existing else None
    obj, _ = ChecklistAnswer.objects.update_or_create(
        inspection=inspection, item_code=item_code, defaults={"answer": answer, "note": note}
    )
    for f in evidence:
        Evidence.objects.create(file=f, answer=obj)
    record_change(user, "checklist_answer", obj, before, snapshot(obj))
    return obj


@transaction.atomic
def answer_checklist(
    user: Actor,
    inspection: Inspection,
    answers: dict[str, tuple[str, str, Sequence[Any]]],
) -> list[ChecklistAnswer]:
    """The whole checklist in one go: item code → (answer, note, evidence files).

    Only the items given are written; an item left out stays as it was (unanswered when new)."""
    require_can_record(user, inspection)
    _require_recording(inspection)
    return [
        answer_item(user, inspection, code, answer, note, files)
        for code, (answer, note, files) in answers.items()
    ]


@transaction.atomic
def record_finding(
    user: Actor,
    inspection: Inspection,
    *,
    category: str,
    severity: str,
    description: str,
    dossier_codes: Sequence[str] = (),
    responsible_official: str = "",
) -> Finding:
    require_can_record(user, inspection)
    _require_recording(inspection)
    _check_choice(category, FindingCategory, "nhóm (category)")
    _check_choice(severity, Severity, "mức độ (severity)")
    dossier_codes = cited_dossiers(inspection, dossier_codes)
    finding = Finding.objects.create(
        inspection=inspection,
        category=category,
        severity=severity,
        description=description,
        dossier_codes=list(dossier_codes),
        responsible_official=responsible_official,
    )
    record_change(user, "finding_create", finding, None, snapshot(finding))
    return finding


@transaction.atomic
def update_finding(user: Actor, finding: Finding, **changes: Any) -> Finding:
    require_can_record(user, finding.inspection)
    allowed = {"category", "severity", "description", "dossier_codes", "responsible_official"}
    if set(changes) - allowed:
        raise ValueError(f"Không sửa được (cannot change): {sorted(set(changes) - allowed)}")
    if "category" in changes:
        _check_choice(changes["category"], FindingCategory, "nhóm (category)")
    if "severity" in changes:
        _check_choice(changes["severity"], Severity, "mức độ (severity)")
    if "dossier_codes" in changes:
        changes["dossier_codes"] = cited_dossiers(finding.inspection, changes["dossier_codes"])
    before = snapshot(finding)
    for key, value in changes.items():
        setattr(finding, key, value)
    finding.save()
    record_change(user, "finding_update", finding, before, snapshot(finding))
    return finding


@transaction.atomic
def raise_action(
    user: Actor,
    finding: Finding,
    *,
    description: str,
    owner_unit: Unit | None = None,
    deadline: dt.date | None = None,
    issued_on: dt.date | None = None,
    report_required: bool = True,
) -> CorrectiveAction:
    """A corrective action; its deadline defaults by severity in working days after issue."""
    require_can_record(user, finding.inspection)
    refusal = visit_states.refuse_actions(finding.inspection.status)
    if refusal:
        raise ValueError(refusal)
    if deadline is None:
        rules = load_rules()
        deadline = default_deadline(
            finding.severity,
            issued_on or dt.date.today(),
            get_calendar(),
            rules.deadline_working_days,
        )
    action = CorrectiveAction.objects.create(
        finding=finding,
        owner_unit=owner_unit or finding.inspection.unit,
        description=description,
        deadline=deadline,
        report_required=report_required,
    )
    record_change(user, "action_create", action, None, snapshot(action))
    notify(
        unit_heads(action.owner_unit),
        f"Yêu cầu khắc phục mới, hạn {vn_date(deadline)}",
        f"{description}\nHạn khắc phục: {vn_date(deadline)}. "
        + ("Đơn vị báo cáo kết quả khắc phục kèm minh chứng." if report_required else ""),
        action,
    )
    return action


def _transition(
    user: Actor,
    action: CorrectiveAction,
    event: str,
    text: str,
    evidence: Sequence[File[Any]],
    new_deadline: dt.date | None = None,
) -> ActionReport:
    before = snapshot(action)
    action.state = workflow.next_state(action.state, event)
    action.closed_on = dt.date.today() if action.state == workflow.CLOSED else None
    if new_deadline is not None:
        action.deadline = new_deadline
    action.save(update_fields=["state", "closed_on", "deadline"])
    author: Any = user if user is not None and user.is_authenticated else None
    report = ActionReport.objects.create(action=action, kind=event, text=text, by=author)
    for f in evidence:
        Evidence.objects.create(file=f, report=report)
    after = snapshot(action) | {
        "note": text,
        "evidence": [e.file.name for e in report.evidence.all()],
    }
    record_change(user, f"action_{event}", action, before, after)
    return report


@transaction.atomic
def report_done(
    user: Actor, action: CorrectiveAction, text: str, evidence: Sequence[File[Any]] = ()
) -> ActionReport:
    """The unit reports the correction done (with evidence when a report is required)."""
    require_can_report(user, action)
    if action.report_required and not evidence:
        raise ValueError("Cần kèm minh chứng khắc phục (evidence is required)")
    report = _transition(user, action, "report", text, evidence)
    notify(
        team_of(action.finding.inspection),
        f"{action.owner_unit.name} đã báo cáo khắc phục",
        f"{action.description}\nBáo cáo: {text}",
        action,
    )
    return report


@transaction.atomic
def verify(user: Actor, action: CorrectiveAction, note: str = "") -> ActionReport:
    """The team verifies the correction and closes the action."""
    require_can_record(user, action.finding.inspection)
    report = _transition(user, action, "verify", note, ())
    notify(
        unit_heads(action.owner_unit),
        "Yêu cầu khắc phục đã được xác minh, kết thúc",
        action.description,
        action,
    )
    return report


@transaction.atomic
def reopen(
    user: Actor, action: CorrectiveAction, reason: str, new_deadline: dt.date | None = None
) -> ActionReport:
    """The correction did not hold: back to the unit, optionally with a new deadline."""
    require_can_record(user, action.finding.inspection)
    if not reason.strip():
        raise ValueError("Cần nêu lý do yêu cầu khắc phục lại (a reason is required)")
    report = _transition(user, action, "reopen", reason, (), new_deadline)
    notify(
        unit_heads(action.owner_unit),
        f"Yêu cầu khắc phục lại, hạn {vn_date(action.deadline)}",
        f"{action.description}\nLý do: {reason}",
        action,
    )
    return report
