"""Reminders before a corrective action's deadline and escalations after it (idempotent).

A reminder goes to the owner unit's heads from `before_working_days` working days before the
deadline; the day after the deadline, an escalation goes to the Steering Committee (and the unit
heads). Each is sent once per action per kind, whenever the command runs (ReminderSent).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from cchc.core.calendar_db import get_calendar
from cchc.core.vn_format import vn_date
from cchc.inspections.config import load_rules
from cchc.inspections.deadlines import remind_on
from cchc.inspections.models import ActionState, CorrectiveAction, ReminderSent
from cchc.inspections.notify import notify, steering_members, team_of, unit_heads


@dataclass(frozen=True)
class RemindResult:
    reminders: int
    escalations: int


def _claim(action: CorrectiveAction, kind: str, today: dt.date) -> bool:
    """Mark (action, kind) as sent; False when it already was."""
    try:
        with transaction.atomic():
            ReminderSent.objects.create(action=action, kind=kind, sent_on=today)
    except IntegrityError:
        return False
    return True


def send_reminders(today: dt.date) -> RemindResult:
    calendar = get_calendar()
    before = load_rules().remind_before_working_days
    reminders = escalations = 0
    actions = CorrectiveAction.objects.filter(
        state__in=[ActionState.OPEN, ActionState.REOPENED]
    ).select_related("owner_unit", "finding__inspection")
    for action in actions:
        if today > action.deadline:
            with transaction.atomic():
                if _claim(action, "escalation", today):
                    notify(
                        [
                            *steering_members(),
                            *unit_heads(action.owner_unit),
                            *team_of(action.finding.inspection),
                        ],
                        f"Quá hạn khắc phục: {action.owner_unit.name}",
                        f"{action.description}\nHạn khắc phục {vn_date(action.deadline)} đã qua "
                        "mà đơn vị chưa báo cáo kết quả. Đề nghị Ban Chỉ đạo CCHC xem xét.",
                        action,
                    )
                    escalations += 1
        elif today >= remind_on(action.deadline, calendar, before):
            with transaction.atomic():
                if _claim(action, "reminder", today):
                    notify(
                        unit_heads(action.owner_unit),
                        f"Sắp đến hạn khắc phục ({vn_date(action.deadline)})",
                        f"{action.description}\nĐề nghị đơn vị hoàn thành và báo cáo kết quả "
                        f"trước ngày {vn_date(action.deadline)}.",
                        action,
                    )
                    reminders += 1
    return RemindResult(reminders, escalations)
