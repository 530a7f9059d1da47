"""A plan's tasks as they stand on a day: each task's deadline, whether it is overdue, its
progress (own, from its occurrences, or rolled up from its sub-tasks), each target's and the
plan's weighted progress. Reads the database once per table; the rules are task_rules and rollup."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from cchc.core.calendar_db import get_calendar
from cchc.plans.models_plans import Plan, Task, TaskStatus
from cchc.plans.rollup import Part, overall, rolled
from cchc.plans.task_rules import Standing, occurrences, standing


@dataclass(frozen=True)
class TaskLine:
    task: Task
    depth: int
    progress: float | None
    standing: Standing
    has_subtasks: bool

    @property
    def overdue(self) -> bool:
        return self.standing.overdue

    @property
    def recurring(self) -> bool:
        return bool(self.task.recurrence)


@dataclass(frozen=True)
class PlanProgress:
    plan: Plan
    day: dt.date
    lines: list[TaskLine]
    progress: float | None
    by_target: dict[int | None, float | None] = field(default_factory=dict)

    @property
    def overdue(self) -> list[TaskLine]:
        return [line for line in self.lines if line.overdue]

    def line(self, task_id: int) -> TaskLine:
        return next(line for line in self.lines if line.task.pk == task_id)


def task_deadlines(task: Task, plan_end: dt.date) -> list[dt.date]:
    return occurrences(
        task.deadline, task.recurrence, task.repeat_until or plan_end, get_calendar()
    )


def done_deadlines(task: Task, deadlines: list[dt.date]) -> list[dt.date]:
    """The deadlines a task has met: its done occurrences when it recurs (prefetch
    `occurrences`), every one when the task is done."""
    if task.recurrence:
        return [o.due_on for o in task.occurrences.all()]
    return deadlines if task.status == TaskStatus.DONE else []


def task_standing(task: Task, plan_end: dt.date, day: dt.date) -> Standing:
    """Where `task` stands on `day`: task_rules.standing over its deadlines."""
    deadlines = task_deadlines(task, plan_end)
    finished = task.status in (TaskStatus.DONE, TaskStatus.CANCELLED)
    return standing(deadlines, done_deadlines(task, deadlines), finished, day)


def plan_progress(plan: Plan, day: dt.date) -> PlanProgress:
    tasks = list(
        Task.objects.filter(plan=plan)
        .select_related("lead_unit", "target", "finding", "parent")
        .prefetch_related("co_units", "occurrences")
        .order_by("order", "pk")
    )
    parents = {t.parent_id for t in tasks if t.parent_id is not None}
    standings: dict[int, Standing] = {}
    own: dict[int, float] = {}
    for task in tasks:
        state = task_standing(task, plan.period_end, day)
        standings[task.pk] = state
        if not task.recurrence:
            own[task.pk] = float(task.progress)
        else:
            own[task.pk] = 100.0 if task.status == TaskStatus.DONE else float(state.progress)
    parts = [
        Part(t.pk, t.parent_id, t.weight, own[t.pk], t.status != TaskStatus.CANCELLED)
        for t in tasks
    ]
    values = rolled(parts)
    lines = [
        TaskLine(t, depth, values[t.pk], standings[t.pk], t.pk in parents)
        for t, depth in _in_tree_order(tasks)
    ]
    by_target: dict[int | None, float | None] = {}
    for target_id in {t.target_id for t in tasks if t.parent_id is None}:
        top = [t.pk for t in tasks if t.parent_id is None and t.target_id == target_id]
        by_target[target_id] = overall(parts, top)
    return PlanProgress(plan, day, lines, overall(parts), by_target)


def _in_tree_order(tasks: list[Task]) -> list[tuple[Task, int]]:
    """Top-level tasks in their order, each followed by its sub-tasks (depth-first)."""
    children: dict[int | None, list[Task]] = defaultdict(list)
    known = {t.pk for t in tasks}
    for task in tasks:
        parent = task.parent_id if task.parent_id in known else None
        children[parent].append(task)
    out: list[tuple[Task, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for task in children.get(parent, []):
            out.append((task, depth))
            walk(task.pk, depth + 1)

    walk(None, 0)
    return out
