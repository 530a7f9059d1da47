"""What the plan pages show of a plan as it stands on a day (shared by the pages and the API):
each target with its latest value and the progress of its tasks, each task line with its next
deadline, days overdue and evidence count, and the filters of the plan page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count

from cchc.core.calendar_cli import WEEKDAYS
from cchc.core.calendar_db import get_calendar
from cchc.plans.measure import Point, latest
from cchc.plans.models_plans import Plan, Target, Task, TaskStatus
from cchc.plans.progress import PlanProgress, TaskLine, plan_progress
from cchc.plans.task_rules import due_on


@dataclass(frozen=True)
class TargetRow:
    target: Target
    latest: Point | None  # the latest reading (measure.latest), when asked for
    progress: float | None


@dataclass(frozen=True)
class Row:
    line: TaskLine
    days_overdue: int
    evidence_count: int

    @property
    def task(self) -> Task:
        return self.line.task


@dataclass(frozen=True)
class PlanView:
    state: PlanProgress
    targets: list[TargetRow]
    rows: list[Row]

    @property
    def overdue_count(self) -> int:
        return len(self.state.overdue)


@dataclass(frozen=True)
class DayNote:
    """A deadline as people read it: its weekday, and the working day it moves to if it is a
    day off (Civil Code 2015 art. 148(5), task_rules.due_on)."""

    day: dt.date
    weekday: str
    moved_to: dt.date | None
    moved_weekday: str


def day_note(day: dt.date) -> DayNote:
    moved = due_on(day, get_calendar())
    return DayNote(
        day,
        WEEKDAYS[day.weekday()],
        moved if moved != day else None,
        WEEKDAYS[moved.weekday()],
    )


def plan_view(plan: Plan, day: dt.date, readings: bool = True) -> PlanView:
    """The plan on `day`; `readings`: each target's latest reading too (measured: the list of
    plans does without)."""
    state = plan_progress(plan, day)
    targets = list(plan.targets.select_related("unit", "plan"))
    targets_out = [
        TargetRow(t, latest(t, day) if readings else None, state.by_target.get(t.pk))
        for t in targets
    ]
    counts = dict(
        Task.objects.filter(plan=plan).annotate(n=Count("evidence")).values_list("pk", "n")
    )
    rows = [
        Row(
            line,
            line.standing.days_overdue(day),
            counts.get(line.task.pk, 0),
        )
        for line in state.lines
    ]
    return PlanView(state, targets_out, rows)


@dataclass(frozen=True)
class Filters:
    unit: str = ""
    status: str = ""
    overdue: bool = False

    @property
    def any(self) -> bool:
        return bool(self.unit or self.status or self.overdue)


def parse_filters(unit: str, status: str, overdue: str) -> Filters:
    return Filters(
        unit.strip(),
        status if status in TaskStatus.values else "",
        overdue in ("1", "on", "true"),
    )


def filtered(rows: list[Row], filters: Filters) -> list[Row]:
    def keep(row: Row) -> bool:
        task = row.task
        units = {task.lead_unit.code, *(u.code for u in task.co_units.all())}
        if filters.unit and filters.unit not in units:
            return False
        if filters.status and task.status != filters.status:
            return False
        return not (filters.overdue and not row.line.overdue)

    return [row for row in rows if keep(row)]
