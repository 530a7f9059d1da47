"""Plan task reminders and escalations, worked by hand on the official 2025 calendar.

The calendar around the 30/04–01/05 holidays of 2025: Saturday 26/04 is worked (it pays for
Friday 02/05), 30/04–04/05 are days off, 05/05 (Monday) is the first working day after them.
The rule (plan-rules.toml): remind the lead unit's heads from 5 working days before a deadline,
escalate the day after it.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User

from cchc.cli import main
from cchc.core.models import Profile, Role
from cchc.notices.jobs import job_label, registered_jobs
from cchc.notices.models import Notice, Undelivered
from cchc.plans import changes
from cchc.plans.models_plans import Occurrence, Recurrence, TaskReminderSent, TaskStatus
from cchc.plans.plan_rules import load_plan_rules, rules_from
from cchc.plans.reminders import send_task_reminders
from tests.plans.plan_world import PlanWorld, build_plan_world

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> PlanWorld:
    return build_plan_world(D(2025, 1, 1), D(2025, 12, 31))


def _sent() -> list[tuple[str, dt.date, str]]:
    return list(
        TaskReminderSent.objects.order_by("due_on", "kind").values_list(
            "task__code", "due_on", "kind"
        )
    )


def _notified(kind_word: str) -> set[str]:
    return set(
        Notice.objects.filter(subject__contains=kind_word).values_list("user__username", flat=True)
    )


def test_the_rule_is_data_five_working_days_before() -> None:
    assert load_plan_rules().remind_before_working_days == 5
    with pytest.raises(ValueError, match="before_working_days"):
        rules_from({"reminders": {"before_working_days": -1}})


def test_the_worker_runs_the_reminders_every_day() -> None:
    assert "plans.task_reminders" in registered_jobs()
    assert job_label("plans.task_reminders") == "Nhắc hạn nhiệm vụ kế hoạch"


def test_a_reminder_counts_working_days_back_across_the_holiday(world: PlanWorld) -> None:
    # Deadline Wednesday 07/05/2025. Five working days back: 06/05 (1), 05/05 (2), the days off
    # 30/04–04/05 skipped, 29/04 (3), 28/04 (4), Sunday 27/04 skipped, Saturday 26/04 (5, worked).
    world.task("1", D(2025, 5, 7))
    assert send_task_reminders(D(2025, 4, 25)).reminders == 0
    assert send_task_reminders(D(2025, 4, 26)).reminders == 1
    assert _sent() == [("1", D(2025, 5, 7), "reminder")]
    assert _notified("Sắp đến hạn") == {"head"}  # the lead unit's head only
    notice = Notice.objects.get()
    assert "07/05/2025" in notice.subject and notice.about.startswith("plans.task:")


def test_escalation_the_day_after_the_deadline_to_the_committee_head_and_officers(
    world: PlanWorld,
) -> None:
    world.task("1", D(2025, 5, 7))
    send_task_reminders(D(2025, 4, 26))
    assert send_task_reminders(D(2025, 5, 7)).escalations == 0  # the deadline day itself
    result = send_task_reminders(D(2025, 5, 8))
    assert (result.reminders, result.escalations) == (0, 1)
    assert _notified("Quá hạn") == {"head", "steering", "officer"}
    assert _sent() == [("1", D(2025, 5, 7), "escalation"), ("1", D(2025, 5, 7), "reminder")]


def test_each_is_sent_once_whatever_the_number_of_runs(world: PlanWorld) -> None:
    world.task("1", D(2025, 5, 7))
    for day in (D(2025, 4, 26), D(2025, 4, 26), D(2025, 4, 28), D(2025, 5, 6)):
        send_task_reminders(day)
    for day in (D(2025, 5, 8), D(2025, 5, 9), D(2025, 6, 2)):
        send_task_reminders(day)
    assert Notice.objects.filter(subject__contains="Sắp đến hạn").count() == 1
    assert Notice.objects.filter(subject__contains="Quá hạn").count() == 3  # 3 people, once


def test_a_deadline_on_a_holiday_ends_on_the_next_working_day(world: PlanWorld) -> None:
    # Set on Thursday 01/05/2025 (a holiday): due Monday 05/05 (Civil Code art. 148(5)), so it is
    # not overdue on 05/05 and is escalated on 06/05.
    world.task("1", D(2025, 5, 1))
    assert send_task_reminders(D(2025, 5, 5)).escalations == 0
    assert send_task_reminders(D(2025, 5, 6)).escalations == 1
    assert ("1", D(2025, 5, 5), "escalation") in _sent()


def test_done_and_stopped_tasks_are_left_alone(world: PlanWorld) -> None:
    world.task("1", D(2025, 5, 7), status=TaskStatus.DONE, progress=100, done_on=D(2025, 5, 2))
    world.task("2", D(2025, 5, 7), status=TaskStatus.CANCELLED)
    assert send_task_reminders(D(2025, 5, 6)).reminders == 0
    assert send_task_reminders(D(2025, 5, 8)).escalations == 0
    assert not TaskReminderSent.objects.exists()


def test_with_nobody_to_tell_it_is_undelivered_then_delivered_when_a_head_exists(
    world: PlanWorld,
) -> None:
    world.task("1", D(2025, 5, 7), unit=world.lonely)  # Xã Hai has no account
    result = send_task_reminders(D(2025, 4, 26))
    assert (result.reminders, result.undelivered) == (0, 1)
    assert not TaskReminderSent.objects.exists()
    pending = Undelivered.objects.get()
    assert pending.delivered_at is None and "Xã Hai" in pending.audience
    send_task_reminders(D(2025, 4, 28))  # tried again, still nobody: one record, two tries
    assert Undelivered.objects.get().tries == 2

    chairman = User.objects.create_user("chairman2", password="x")
    Profile.objects.create(user=chairman, role=Role.UNIT_HEAD, unit=world.lonely)
    assert send_task_reminders(D(2025, 4, 29)).reminders == 1
    assert _sent() == [("1", D(2025, 5, 7), "reminder")]
    assert Undelivered.objects.get().delivered_at is not None


def test_a_recurring_task_is_reminded_of_each_occurrence(world: PlanWorld) -> None:
    # Monthly from Monday 31/03/2025 to 30/06: 31/03; 30/04 a holiday → Monday 05/05; 31/05 a
    # Saturday off → Monday 02/06; 30/06 (Monday).
    task = world.task(
        "R", D(2025, 3, 31), recurrence=Recurrence.MONTHLY, repeat_until=D(2025, 6, 30)
    )
    Occurrence.objects.create(task=task, due_on=D(2025, 3, 31), done_on=D(2025, 3, 28))
    # 05/05: five working days back are 29/04, 28/04, 26/04 (Saturday, worked), 25/04, 24/04.
    assert send_task_reminders(D(2025, 4, 23)).reminders == 0
    assert send_task_reminders(D(2025, 4, 24)).reminders == 1
    # 05/05 passes undone: escalated on 06/05.
    assert send_task_reminders(D(2025, 5, 6)).escalations == 1
    Occurrence.objects.create(task=task, due_on=D(2025, 5, 5), done_on=D(2025, 5, 9))
    # 02/06: five working days back are 30/05, 29/05, 28/05, 27/05, 26/05.
    assert send_task_reminders(D(2025, 5, 23)).reminders == 0
    assert send_task_reminders(D(2025, 5, 26)).reminders == 1
    assert _sent() == [
        ("R", D(2025, 5, 5), "escalation"),
        ("R", D(2025, 5, 5), "reminder"),
        ("R", D(2025, 6, 2), "reminder"),
    ]


def test_a_missed_occurrence_escalates_while_the_next_one_is_reminded(world: PlanWorld) -> None:
    world.task("R", D(2025, 3, 31), recurrence=Recurrence.MONTHLY, repeat_until=D(2025, 6, 30))
    # On 28/05: 31/03 and 05/05 passed undone (the earliest, 31/03, is escalated); 02/06 is
    # within five working days (from 26/05).
    result = send_task_reminders(D(2025, 5, 28))
    assert (result.reminders, result.escalations) == (1, 1)
    assert _sent() == [("R", D(2025, 3, 31), "escalation"), ("R", D(2025, 6, 2), "reminder")]


def test_the_command_runs_them_for_a_day(
    world: PlanWorld, capsys: pytest.CaptureFixture[str]
) -> None:
    world.task("1", D(2025, 5, 7))
    assert main(["plans", "remind", "--today", "2025-04-26"]) == 0
    assert "Đã gửi 1 nhắc hạn" in capsys.readouterr().out
    assert main(["plans", "remind", "--today", "2025-13-01"]) == 1
    assert "Ngày không hợp lệ" in capsys.readouterr().err


def test_a_task_done_after_a_reminder_is_not_escalated(world: PlanWorld) -> None:
    task = world.task("1", D(2025, 5, 7))
    send_task_reminders(D(2025, 4, 26))
    changes.update(
        None, task, {"status": TaskStatus.DONE, "progress": 100, "done_on": D(2025, 5, 6)}
    )
    assert send_task_reminders(D(2025, 5, 8)).escalations == 0
