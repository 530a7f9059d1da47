"""The checks of a plan workbook against the database: the plan it names, unit codes, finding
numbers, the target and parent codes tasks point to (in the file, or kept in the plan when rows
are not removed), parent cycles, and the occurrences of recurring tasks on their deadlines."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from cchc.core.calendar_db import get_calendar
from cchc.core.models import Unit
from cchc.inspections.models import Finding
from cchc.plans.models_plans import Plan, Target, Task
from cchc.plans.task_rules import occurrences
from cchc.plans.xlsx_parse import BookDraft, TaskDraft, ancestors_loop
from cchc.plans.xlsx_read import Cells


@dataclass
class Resolved:
    """What the file's codes stand for in the database."""

    plan: Plan | None
    units: dict[str, Unit]
    targets: dict[str, Target] = field(default_factory=dict)  # the plan's, by code
    tasks: dict[str, Task] = field(default_factory=dict)
    kept_targets: set[str] = field(default_factory=set)  # not in the file, not removed
    kept_tasks: set[str] = field(default_factory=set)
    parents: dict[str, str] = field(default_factory=dict)  # every task's parent code after import


def check_book(book: BookDraft, remove_missing: bool) -> Resolved:
    """Resolve the file's codes, recording a RowError on every cell that does not resolve."""
    resolved = Resolved(_plan(book), _units(book))
    plan = resolved.plan
    if plan is not None:
        resolved.targets = {t.code: t for t in Target.objects.filter(plan=plan)}
        resolved.tasks = {
            t.code: t for t in Task.objects.filter(plan=plan).select_related("parent")
        }
    if not remove_missing:
        resolved.kept_targets = set(resolved.targets) - {t.code for t in book.targets}
        resolved.kept_tasks = set(resolved.tasks) - {t.code for t in book.tasks}
    _findings(book)
    target_codes = {t.code for t in book.targets} | resolved.kept_targets
    for review in book.reviews:
        if review.target_code and review.target_code not in target_codes:
            review.cells.error(
                "target_code", review.target_code, "Mã chỉ tiêu không có", "unknown target code"
            )
    for task in book.tasks:
        if task.target_code and task.target_code not in target_codes:
            task.cells.error(
                "target_code", task.target_code, "Mã chỉ tiêu không có", "unknown target code"
            )
    _parents(book, resolved)
    _occurrences(book, resolved)
    return resolved


def _plan(book: BookDraft) -> Plan | None:
    draft = book.plan
    if draft is None or draft.id is None:
        return None
    plan = Plan.objects.filter(pk=draft.id).first()
    if plan is None:
        draft.cells.error(
            "id",
            draft.id,
            "Không có kế hoạch mang mã này; để trống để tạo kế hoạch mới",
            "no plan with this id; leave it empty to create a new plan",
        )
    return plan


def _units(book: BookDraft) -> dict[str, Unit]:
    wanted: list[tuple[Cells, str, str]] = []
    if book.plan is not None and book.plan.owner_code:
        wanted.append((book.plan.cells, "owner_code", book.plan.owner_code))
    wanted += [(t.cells, "unit_code", t.unit_code) for t in book.targets if t.unit_code]
    for task in book.tasks:
        if task.lead_code:
            wanted.append((task.cells, "lead_code", task.lead_code))
        wanted += [(task.cells, "co_codes", code) for code in task.co_codes]
    codes = {code for *_, code in wanted}
    units = {u.code: u for u in Unit.objects.filter(code__in=codes)}
    for cells, key, code in wanted:
        if code not in units:
            cells.error(key, code, "Mã đơn vị không có", "unknown unit code")
    return units


def _findings(book: BookDraft) -> None:
    ids = {t.finding_id for t in book.tasks if t.finding_id is not None}
    known = set(Finding.objects.filter(pk__in=ids).values_list("pk", flat=True))
    for task in book.tasks:
        if task.finding_id is not None and task.finding_id not in known:
            task.cells.error(
                "finding_id",
                task.finding_id,
                "Không có kết luận kiểm tra mang mã này",
                "unknown inspection finding",
            )


def _parents(book: BookDraft, resolved: Resolved) -> None:
    parents = {
        code: (task.parent.code if task.parent else "")
        for code, task in resolved.tasks.items()
        if code in resolved.kept_tasks
    }
    parents.update({t.code: t.parent_code for t in book.tasks if t.code})
    resolved.parents = parents
    for task in book.tasks:
        if task.parent_code and task.parent_code not in parents:
            task.cells.error(
                "parent_code", task.parent_code, "Mã nhiệm vụ cha không có", "unknown parent code"
            )
        elif task.parent_code and ancestors_loop(parents, task.code):
            task.cells.error(
                "parent_code",
                task.parent_code,
                "Nhiệm vụ nằm dưới chính nó (vòng lặp nhiệm vụ cha)",
                "parent cycle: the task is under itself",
            )


def _deadlines(task: TaskDraft | Task, plan_end: dt.date | None) -> list[dt.date] | None:
    """The task's deadlines; None when a bad date elsewhere leaves them unknown."""
    if isinstance(task, Task):
        anchor, recurrence, until = task.deadline, task.recurrence, task.repeat_until
    else:
        anchor = task.fields["deadline"]  # type: ignore[assignment]
        recurrence = str(task.fields["recurrence"])
        until = task.fields["repeat_until"]  # type: ignore[assignment]
    end = until or plan_end
    if not isinstance(anchor, dt.date) or end is None:
        return None
    return occurrences(anchor, recurrence, end, get_calendar())


def _occurrences(book: BookDraft, resolved: Resolved) -> None:
    plan_end = book.plan.fields.get("period_end") if book.plan else None
    end = plan_end if isinstance(plan_end, dt.date) else None
    in_file = {t.code: t for t in book.tasks}
    for occ in book.occurrences:
        task: TaskDraft | Task | None = in_file.get(occ.task_code)
        if task is None and occ.task_code in resolved.kept_tasks:
            task = resolved.tasks[occ.task_code]
        if task is None:
            if occ.task_code:
                occ.cells.error(
                    "task_code", occ.task_code, "Mã nhiệm vụ không có", "unknown task code"
                )
            continue
        recurring = task.recurrence if isinstance(task, Task) else task.fields["recurrence"]
        if not recurring:
            occ.cells.error(
                "task_code",
                occ.task_code,
                "Nhiệm vụ không lặp lại, không có lần thực hiện",
                "the task does not recur",
            )
        elif occ.due_on is not None and occ.due_on not in (_deadlines(task, end) or [occ.due_on]):
            occ.cells.error(
                "due_on",
                occ.due_on.strftime("%d/%m/%Y"),
                "Không phải một hạn của nhiệm vụ",
                "not one of the task's deadlines",
            )
