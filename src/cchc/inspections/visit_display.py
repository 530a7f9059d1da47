"""What the inspection page shows of the visit's course: the status, the steps the caller may
take now, the status history (read from the audit log) and the team with its roles."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cchc.core import clock
from cchc.core.models import AuditEntry
from cchc.inspections import visit_states
from cchc.inspections.models import Inspection, TeamRole
from cchc.inspections.permissions import User, can_lead
from cchc.inspections.team import candidates
from cchc.inspections.visit_steps import STATUS_AUDIT


@dataclass(frozen=True)
class StatusChange:
    at: Any  # datetime, shown dd/mm/yyyy HH:MM
    by: str
    before: str
    after: str


def status_history(inspection: Inspection) -> list[StatusChange]:
    entries = AuditEntry.objects.filter(
        object_type="inspections.inspection", object_id=str(inspection.pk), action=STATUS_AUDIT
    ).select_related("user")
    labels = visit_states.STATUS_LABELS
    return [
        StatusChange(
            e.at,
            e.user.get_username() if e.user else "hệ thống",
            labels.get(str((e.before or {}).get("status")), "—"),
            labels.get(str((e.after or {}).get("status")), "—"),
        )
        for e in entries.order_by("at", "id")
    ]


def visit_context(user: User, inspection: Inspection) -> dict[str, Any]:
    leads = can_lead(user, inspection)
    steps = visit_states.events_from(inspection.status) if leads else []
    members = list(inspection.members.select_related("user"))
    on_team = {m.user_id for m in members}
    return {
        "status_label": visit_states.STATUS_LABELS.get(inspection.status, inspection.status),
        "status_steps": [(e, visit_states.EVENT_LABELS[e]) for e in steps],
        "status_history": status_history(inspection),
        "members": members,
        "can_lead": leads,
        "role_choices": TeamRole.choices,
        "team_candidates": [u for u in candidates() if u.pk not in on_team] if leads else [],
        "recording_open": visit_states.refuse_recording(
            inspection.status, inspection.date, clock.today()
        )
        is None,
        "actions_open": visit_states.refuse_actions(inspection.status) is None,
    }
