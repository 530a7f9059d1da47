"""Reminders before a corrective action's deadline and escalations after it (idempotent).

A reminder goes to the owner unit's heads from `before_working_days` working days before the
deadline; the day after the deadline, an escalation goes to the Steering Committee (and the unit
heads and the inspection team). Each is sent once per action per kind: ReminderSent is recorded
only when it reached someone. One that reached nobody (a unit with no active account) is recorded
undelivered by cchc.notices, shown to the reform officer and tried again on the next run.
The worker runs this every day (cchc.notices.jobs, registered in apps.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from cchc.core.calendar_db import get_calendar
from cchc.core.vn_format import vn_date
from cchc.inspections.config import load_rules
from cchc.inspections.deadlines import remind_on
from cchc.inspections.models import ActionState, CorrectiveAction, ReminderSent
from cchc.inspections.notify import notify, steering_members, team_of, unit_heads
from cchc.notices.delivery import Delivery
from cchc.notices.jobs import JobResult


@dataclass(frozen=True)
class RemindResult:
    reminders: int
    escalations: int
    undelivered: int = 0

    def summary(self) -> str:
        text = f"{self.reminders} nhắc hạn, {self.escalations} báo cáo quá hạn"
        if self.undelivered:
            text += f", {self.undelivered} chưa gửi được (không có người nhận)"
        return text


def _escalate(action: CorrectiveAction) -> Delivery:
    return notify(
        [
            *steering_members(),
            *unit_heads(action.owner_unit),
            *team_of(action.finding.inspection),
        ],
        f"Quá hạn khắc phục: {action.owner_unit.name}",
        f"{action.description}\nHạn khắc phục {vn_date(action.deadline)} đã qua "
        "mà đơn vị chưa báo cáo kết quả. Đề nghị Ban Chỉ đạo CCHC xem xét.",
        action,
        key=f"inspections.escalation:{action.pk}",
        audience=f"Ban Chỉ đạo CCHC, lãnh đạo {action.owner_unit.name}",
    )


def _remind(action: CorrectiveAction) -> Delivery:
    return notify(
        unit_heads(action.owner_unit),
        f"Sắp đến hạn khắc phục ({vn_date(action.deadline)})",
        f"{action.description}\nĐề nghị đơn vị hoàn thành và báo cáo kết quả "
        f"trước ngày {vn_date(action.deadline)}.",
        action,
        key=f"inspections.reminder:{action.pk}",
        audience=f"Thủ trưởng {action.owner_unit.name}",
    )


def _send_once(action: CorrectiveAction, kind: str, today: dt.date) -> bool | None:
    """Deliver (action, kind) unless it already was: True delivered now, False reached nobody,
    None already sent. The action's row is locked so two runs cannot both send it."""
    with transaction.atomic():
        list(CorrectiveAction.objects.select_for_update().filter(pk=action.pk).values_list("pk"))
        if ReminderSent.objects.filter(action=action, kind=kind).exists():
            return None
        delivery = _escalate(action) if kind == "escalation" else _remind(action)
        if not delivery.delivered:
            return False
        ReminderSent.objects.create(action=action, kind=kind, sent_on=today)
        return True


def send_reminders(today: dt.date) -> RemindResult:
    calendar = get_calendar()
    before = load_rules().remind_before_working_days
    counts = {"reminder": 0, "escalation": 0}
    undelivered = 0
    actions = CorrectiveAction.objects.filter(
        state__in=[ActionState.OPEN, ActionState.REOPENED]
    ).select_related("owner_unit", "finding__inspection")
    for action in actions:
        if today > action.deadline:
            kind = "escalation"
        elif today >= remind_on(action.deadline, calendar, before):
            kind = "reminder"
        else:
            continue
        outcome = _send_once(action, kind, today)
        if outcome:
            counts[kind] += 1
        elif outcome is False:
            undelivered += 1
    return RemindResult(counts["reminder"], counts["escalation"], undelivered)


def reminders_job(day: dt.date) -> JobResult:
    """The daily job (cchc.notices): today's reminders and escalations."""
    result = send_reminders(day)
    return JobResult(
        result.summary(),
        delivered=result.reminders + result.escalations,
        undelivered=result.undelivered,
    )
