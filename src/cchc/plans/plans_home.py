"""A unit head's "Nhiệm vụ kế hoạch của đơn vị" on the overview (the open plan tasks led by
the unit or a unit under it: overdue first, then the nearest deadline) and the count of overdue
ones beside "Kế hoạch" on the navigation bar (registered in PlansConfig.ready through
cchc.web.home_sections). Two queries: the profile (memoised per request) and the tasks with
their plans, units and done occurrences."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import Prefetch

from cchc.core.models import Role
from cchc.plans.models_plans import Occurrence, Task, TaskStatus
from cchc.plans.progress import task_standing
from cchc.plans.task_rules import Standing
from cchc.web.home_sections import HomeSection, Viewer
from cchc.web.scope import Scope

SECTION_SIZE = 10
SOON_DAYS = 14  # "sắp đến hạn": a deadline within two weeks


@dataclass(frozen=True)
class OpenTask:
    task: Task
    standing: Standing
    days_overdue: int
    soon: bool


def open_tasks(scope: Scope, today: dt.date) -> list[OpenTask]:
    """The open tasks led by the units the unit head sees, in plans still running (an ended
    plan's leftovers are the officer's to close at its final review), overdue first, nearest
    deadline next."""
    if scope.role != Role.UNIT_HEAD or not scope.unit_codes:
        return []
    tasks = (
        Task.objects.filter(lead_unit__code__in=scope.unit_codes, plan__period_end__gte=today)
        .exclude(status__in=[TaskStatus.DONE, TaskStatus.CANCELLED])
        .select_related("plan", "lead_unit")
        .prefetch_related(
            Prefetch("occurrences", queryset=Occurrence.objects.only("task", "due_on"))
        )
    )
    out = []
    for task in tasks:
        state = task_standing(task, task.plan.period_end, today)
        if state.next_due is None:
            continue
        late = state.days_overdue(today)
        out.append(OpenTask(task, state, late, 0 <= (state.next_due - today).days <= SOON_DAYS))
    out.sort(key=lambda o: (not o.standing.overdue, o.standing.next_due, o.task.pk))
    return out


def _scope(user: Viewer, today: dt.date) -> Scope | None:
    if not isinstance(user, User):
        return None
    scope = Scope.for_user(user, today)
    return scope if scope.role == Role.UNIT_HEAD else None


def plans_section(user: Viewer, today: dt.date) -> HomeSection | None:
    scope = _scope(user, today)
    if scope is None:
        return None
    rows = open_tasks(scope, today)
    return HomeSection(
        "plans/plans/_home.html",
        {"rows": rows[:SECTION_SIZE], "total": len(rows), "today": today},
    )


def plans_count(user: Viewer, today: dt.date) -> int:
    """The unit's overdue plan tasks (what needs the unit head now)."""
    scope = _scope(user, today)
    return sum(1 for o in open_tasks(scope, today) if o.standing.overdue) if scope else 0
