"""An inspection's status steps as people take them (notify, start, conclude, close): checked
by visit_states (pure), by the leader or an officer, written to the audit log."""

from __future__ import annotations

from django.db import transaction

from cchc.core import clock
from cchc.core.audit import record_change
from cchc.inspections import visit_states, workflow
from cchc.inspections.models import CorrectiveAction, Inspection
from cchc.inspections.permissions import User, require_can_lead

STATUS_AUDIT = "inspection_status"


def open_actions(inspection: Inspection) -> int:
    """Corrective actions of the inspection not verified and closed yet."""
    return (
        CorrectiveAction.objects.filter(finding__inspection=inspection)
        .exclude(state=workflow.CLOSED)
        .count()
    )


@transaction.atomic
def take_step(user: User, inspection: Inspection, event: str) -> Inspection:
    """Move the inspection one step on, or visit_states.RefusedTransition saying why not."""
    require_can_lead(user, inspection)
    locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
    before = {"status": locked.status}
    locked.status = visit_states.next_status(
        locked.status,
        event,
        day=locked.date,
        today=clock.today(),
        open_actions=open_actions(locked),
    )
    locked.save(update_fields=["status"])
    record_change(user, STATUS_AUDIT, locked, before, {"status": locked.status})
    inspection.status = locked.status
    return locked
