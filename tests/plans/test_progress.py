"""A plan as it stands on a day, from the database: the weighted roll-up over sub-tasks, a stopped
task left out, a recurring task's progress from its occurrences, overdue tasks; and every change
written to the audit log with who, before and after."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User

from cchc.core.models import AuditEntry, Unit, UnitKind
from cchc.plans import changes
from cchc.plans.models import Occurrence, Plan, Target, Task
from cchc.plans.progress import plan_progress

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def plan() -> Plan:
    unit = Unit.objects.create(code="SNV", name="Sở Nội vụ", kind=UnitKind.AGENCY)
    return Plan.objects.create(
        name="Kế hoạch nâng cao PAPI",
        period_start=D(2026, 1, 1),
        period_end=D(2026, 12, 31),
        owner_unit=unit,
    )


def _task(plan: Plan, code: str, **fields: object) -> Task:
    values: dict[str, object] = {"name": code, "lead_unit": plan.owner_unit}
    values.setdefault("deadline", D(2026, 6, 30))
    values.update(fields)
    return Task.objects.create(plan=plan, code=code, **values)


def test_roll_up_overdue_and_recurring(plan: Plan) -> None:
    target = Target.objects.create(
        plan=plan,
        code="T1",
        name="PAPI",
        kind="external",
        target_value=45,
        target_date=D(2026, 12, 31),
    )
    one = _task(
        plan,
        "1",
        weight=2,
        progress=50,
        status="in_progress",
        deadline=D(2026, 4, 30),
        target=target,
    )
    two = _task(plan, "2", weight=1, target=target)
    _task(plan, "2.1", parent=two, weight=1, progress=100, status="done")
    _task(plan, "2.2", parent=two, weight=3)
    _task(plan, "3", weight=4, status="cancelled", progress=80)
    monthly = _task(
        plan,
        "4",
        weight=1,
        deadline=D(2026, 1, 31),
        recurrence="monthly",
        repeat_until=D(2026, 5, 31),
    )
    # Occurrences due 2 Feb, 2 Mar, 31 Mar, 4 May, 1 Jun (test_task_rules); two done.
    Occurrence.objects.create(task=monthly, due_on=D(2026, 2, 2), done_on=D(2026, 2, 2))
    Occurrence.objects.create(task=monthly, due_on=D(2026, 3, 31), done_on=D(2026, 4, 20))

    state = plan_progress(plan, D(2026, 5, 10))

    by_code = {line.task.code: line for line in state.lines}
    assert [line.task.code for line in state.lines] == ["1", "2", "2.1", "2.2", "3", "4"]
    assert by_code["2.1"].depth == 1
    assert by_code["2"].progress == pytest.approx(100 / 4)
    assert by_code["4"].progress == pytest.approx(40)
    assert by_code["4"].standing.next_due == D(2026, 3, 2)
    # 1: 30 Apr is a holiday, so due 4 May, overdue on 10 May; 3 is stopped, never overdue.
    assert by_code["1"].standing.next_due == D(2026, 5, 4)
    assert {line.task.code for line in state.overdue} == {"1", "4"}
    assert state.progress == pytest.approx((2 * 50 + 1 * 25 + 1 * 40) / 4)
    assert state.by_target[target.pk] == pytest.approx((2 * 50 + 1 * 25) / 3)
    assert one.pk in {line.task.pk for line in state.overdue}


def test_changes_are_audited(plan: Plan) -> None:
    user = User.objects.create_user("officer")
    other = Unit.objects.create(code="X1", name="Xã Một", kind=UnitKind.COMMUNE)
    task = Task(
        plan=plan, code="1", name="Rà soát", lead_unit=plan.owner_unit, deadline=D(2026, 3, 31)
    )
    changes.create(user, task, [other.pk])
    created = AuditEntry.objects.get(object_type="plans.task", action="create")
    assert created.user == user
    assert created.after is not None and created.after["co_units"] == ["X1"]

    assert changes.update(user, task, {"progress": 40, "status": "in_progress"}, [])
    entry = AuditEntry.objects.filter(action="update").get()
    assert entry.before == {"progress": 0, "status": "not_started", "co_units": ["X1"]}
    assert entry.after == {"progress": 40, "status": "in_progress", "co_units": []}

    assert not changes.update(user, task, {"progress": 40})
    assert AuditEntry.objects.filter(action="update").count() == 1

    changes.delete(user, task)
    gone = AuditEntry.objects.get(action="delete")
    assert gone.before is not None and gone.before["name"] == "Rà soát"
    assert not Task.objects.exists()
