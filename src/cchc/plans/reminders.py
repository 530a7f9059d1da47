"""Reminders before a plan task's deadline and escalations after it (idempotent).

Like corrective actions (cchc.inspections.reminders): from `before_working_days` working days
before a deadline (plan-rules.toml) a reminder goes to the heads of the task's lead unit; the day
after a deadline passed undone, an escalation goes to the Steering Committee, the lead unit's
heads and the reform officers. A recurring task is reminded of each occurrence: the deadlines are
those of cchc.plans.progress.task_deadlines, an occurrence done (Occurrence) is not reminded.
Each is sent once per (task, deadline, kind): TaskReminderSent is recorded only when it reached
someone; one that reached nobody is recorded undelivered by cchc.notices, shown to the reform
officer and tried again on the next run. The worker runs this every day (apps.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction

from cchc.core.calendar_db import get_calendar
from cchc.core.models import Role
from cchc.core.vn_format import vn_date
from cchc.inspections.deadlines import remind_on
from cchc.inspections.notify import steering_members, unit_heads, users_with_role
from cchc.notices.delivery import Delivery, notify
from cchc.notices.jobs import JobResult
from cchc.plans.models_plans import Task, TaskReminderSent, TaskStatus
from cchc.plans.plan_rules import load_plan_rules
from cchc.plans.progress import done_deadlines, task_deadlines
from cchc.plans.task_rules import standing
from cchc.plans.task_urls import task_url

REMINDER = "reminder"
ESCALATION = "escalation"


@dataclass(frozen=True)
class TaskRemindResult:
    reminders: int  # delivered this run
    escalations: int  # delivered this run
    undelivered: int = 0  # due this run, nobody to notify

    def summary(self) -> str:
        text = f"{self.reminders} nhắc hạn, {self.escalations} báo cáo quá hạn nhiệm vụ kế hoạch"
        if self.undelivered:
            text += f", {self.undelivered} chưa gửi được (không có người nhận)"
        return text


@dataclass(frozen=True)
class Due:
    """One message a task owes today: `kind` for its deadline `due_on`."""

    task: Task
    due_on: dt.date
    kind: str


def due_messages(task: Task, today: dt.date, before_working_days: int) -> list[Due]:
    """What `task` owes on `today`: an escalation for its earliest deadline passed undone, a
    reminder for its next deadline from `before_working_days` working days before it."""
    if task.status in (TaskStatus.DONE, TaskStatus.CANCELLED):
        return []
    deadlines = task_deadlines(task, task.plan.period_end)
    done = set(done_deadlines(task, deadlines))
    out: list[Due] = []
    state = standing(deadlines, done, False, today)
    if state.overdue and state.next_due is not None:
        out.append(Due(task, state.next_due, ESCALATION))
    coming = [d for d in deadlines if d >= today and d not in done]
    if coming and today >= remind_on(coming[0], get_calendar(), before_working_days):
        out.append(Due(task, coming[0], REMINDER))
    return out


def _recipients(due: Due) -> list[User]:
    heads = unit_heads(due.task.lead_unit)
    if due.kind == REMINDER:
        return heads
    return [*steering_members(), *heads, *users_with_role(Role.OFFICER)]


def _deliver(due: Due) -> Delivery:
    task, day = due.task, vn_date(due.due_on)
    unit = task.lead_unit.name
    if due.kind == ESCALATION:
        subject = f"Quá hạn nhiệm vụ kế hoạch: {unit}"
        body = (
            f"{task.code}. {task.name}\nKế hoạch: {task.plan.name}\nHạn {day} đã qua mà nhiệm vụ "
            "chưa hoàn thành. Đề nghị Ban Chỉ đạo CCHC xem xét, chỉ đạo."
        )
        audience = f"Ban Chỉ đạo CCHC, lãnh đạo {unit}, chuyên viên CCHC"
    else:
        subject = f"Sắp đến hạn nhiệm vụ kế hoạch ({day})"
        body = (
            f"{task.code}. {task.name}\nKế hoạch: {task.plan.name}\nĐề nghị đơn vị hoàn thành "
            f"và cập nhật tiến độ, minh chứng trước ngày {day}."
        )
        audience = f"Thủ trưởng {unit}"
    return notify(
        _recipients(due),
        subject,
        body,
        link=task_url(task),
        about=f"plans.task:{task.pk}",
        key=f"plans.task:{task.pk}:{due.due_on.isoformat()}:{due.kind}",
        audience=audience,
    )


def _send_once(due: Due, today: dt.date) -> bool | None:
    """True delivered now, False reached nobody, None already sent. The task's row is locked so
    two runs cannot both send it."""
    with transaction.atomic():
        list(Task.objects.select_for_update().filter(pk=due.task.pk).values_list("pk"))
        sent = TaskReminderSent.objects.filter(task=due.task, due_on=due.due_on, kind=due.kind)
        if sent.exists():
            return None
        if not _deliver(due).delivered:
            return False
        TaskReminderSent.objects.create(
            task=due.task, due_on=due.due_on, kind=due.kind, sent_on=today
        )
        return True


def send_task_reminders(today: dt.date) -> TaskRemindResult:
    before = load_plan_rules().remind_before_working_days
    counts = {REMINDER: 0, ESCALATION: 0}
    undelivered = 0
    tasks = (
        Task.objects.exclude(status__in=[TaskStatus.DONE, TaskStatus.CANCELLED])
        .select_related("plan", "lead_unit")
        .prefetch_related("occurrences")
        .order_by("plan_id", "order", "pk")
    )
    for task in tasks:
        for due in due_messages(task, today, before):
            outcome = _send_once(due, today)
            if outcome:
                counts[due.kind] += 1
            elif outcome is False:
                undelivered += 1
    return TaskRemindResult(counts[REMINDER], counts[ESCALATION], undelivered)


def task_reminders_job(day: dt.date) -> JobResult:
    """The daily job (cchc.notices): today's plan task reminders and escalations."""
    result = send_task_reminders(day)
    return JobResult(
        result.summary(),
        delivered=result.reminders + result.escalations,
        undelivered=result.undelivered,
    )
