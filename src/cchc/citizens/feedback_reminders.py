"""Reminders before a feedback item's due date and escalations after it (idempotent).

Like corrective actions (cchc.inspections.reminders): from `before_working_days` working days
before the due date a reminder goes to the assignee and the heads of the item's unit; the day
after it, an escalation goes to them, the reform officers and the steering committee. Each is sent
once per item per kind (FeedbackReminder). When nobody can be notified (the unit has no account,
the item no assignee), the row is kept as not delivered, not counted as sent, and tried again on
the next run.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction

from cchc.citizens.feedback_rules import load_feedback_rules
from cchc.citizens.models_feedback import OPEN_STATES, Feedback, FeedbackReminder
from cchc.core.calendar_db import get_calendar
from cchc.core.models import Role
from cchc.core.vn_format import vn_date
from cchc.inspections.deadlines import remind_on
from cchc.inspections.notify import steering_members, unit_heads, users_with_role
from cchc.notices.delivery import notify
from cchc.notices.jobs import JobResult


@dataclass(frozen=True)
class FeedbackRemindResult:
    reminders: int  # delivered this run
    escalations: int  # delivered this run
    undelivered: int  # due this run but nobody to notify


def _handlers(item: Feedback) -> list[User]:
    people = unit_heads(item.unit)
    if item.assignee is not None and item.assignee.is_active:
        people.append(item.assignee)
    return people


def _send(
    item: Feedback, kind: str, today: dt.date, users: list[User], subject: str, body: str
) -> bool | None:
    """True delivered now, False nobody to notify, None already delivered before."""
    with transaction.atomic():
        row, _created = FeedbackReminder.objects.select_for_update().get_or_create(
            feedback=item, kind=kind, defaults={"sent_on": today}
        )
        if row.delivered:
            return None
        delivery = notify(
            users,
            subject,
            body,
            link=f"/phan-anh/{item.pk}/",
            about=f"citizens.feedback:{item.pk}",
            key=f"citizens.feedback:{item.pk}:{kind}",
            audience=f"Thủ trưởng {item.unit.name}",
        )
        row.sent_on = today
        row.delivered = delivery.delivered
        row.recipients = len(delivery.notices)
        row.save()
        return row.delivered


def send_feedback_reminders(today: dt.date) -> FeedbackRemindResult:
    calendar = get_calendar()
    before = load_feedback_rules().remind_before_working_days
    reminders = escalations = undelivered = 0
    items = Feedback.objects.filter(state__in=OPEN_STATES).select_related("unit", "assignee")
    for item in items.order_by("due_on", "id"):
        if today > item.due_on:
            handlers = _handlers(item)
            users = (
                [*handlers, *users_with_role(Role.OFFICER), *steering_members()] if handlers else []
            )
            outcome = _send(
                item,
                "escalation",
                today,
                users,
                f"Quá hạn xử lý phản ánh {item.code}: {item.unit.name}",
                f"Phản ánh {item.code} tiếp nhận ngày {vn_date(item.deemed_receipt_on)} đã quá hạn "
                f"xử lý {vn_date(item.due_on)} mà chưa được trả lời. Đề nghị xem xét, chỉ đạo.",
            )
            if outcome is True:
                escalations += 1
        elif today >= remind_on(item.due_on, calendar, before):
            outcome = _send(
                item,
                "reminder",
                today,
                _handlers(item),
                f"Sắp đến hạn trả lời phản ánh {item.code} ({vn_date(item.due_on)})",
                f"Phản ánh {item.code} của người dân gửi {item.unit.name} cần được trả lời "
                f"trước ngày {vn_date(item.due_on)}.",
            )
            if outcome is True:
                reminders += 1
        else:
            continue
        if outcome is False:
            undelivered += 1
    return FeedbackRemindResult(reminders, escalations, undelivered)


def feedback_reminders_job(day: dt.date) -> JobResult:
    """The daily job (cchc.notices): today's feedback reminders and escalations."""
    result = send_feedback_reminders(day)
    summary = (
        f"{result.reminders} nhắc hạn, {result.escalations} báo cáo quá hạn phản ánh; "
        f"{result.undelivered} chưa có người nhận"
    )
    return JobResult(
        summary,
        delivered=result.reminders + result.escalations,
        undelivered=result.undelivered,
    )
