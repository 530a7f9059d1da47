"""A plan as one workbook in the layout of xlsx_layout: what `cchc plans export` writes and
`cchc plans import` reads back unchanged (every field, co-operating units, sub-tasks, occurrences,
review values; evidence and comments as a listing to read).

A task with sub-tasks and a recurring task show the progress computed for them (rolled up by
weight, or from the occurrences done), the other tasks their own.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.utils import timezone

from cchc.core import clock
from cchc.core.vn_format import vn_datetime
from cchc.plans.models_plans import (
    Occurrence,
    Plan,
    Target,
    TargetReview,
    Task,
    TaskComment,
    TaskEvidence,
)
from cchc.plans.progress import plan_progress
from cchc.plans.xlsx_layout import (
    CO_UNIT_SEPARATOR,
    DIRECTION_WORDS,
    KIND_WORDS,
    MEASURE_WORDS,
    NOTE_KINDS,
    NOTES,
    OCCURRENCES,
    PLAN,
    RECURRENCE_WORDS,
    REVIEWS,
    STATUS_WORDS,
    TARGETS,
    TASKS,
)
from cchc.plans.xlsx_write import Row, write_book


def export_plan(plan: Plan, path: Path, day: dt.date | None = None) -> None:
    write_book(path, plan_rows(plan, day or clock.today()))


def plan_rows(plan: Plan, day: dt.date) -> dict[str, list[Row]]:
    targets = list(Target.objects.filter(plan=plan).select_related("unit").order_by("order", "pk"))
    return {
        PLAN.name: [
            {
                "id": plan.pk,
                "name": plan.name,
                "decision_number": plan.decision_number,
                "decision_date": plan.decision_date,
                "period_start": plan.period_start,
                "period_end": plan.period_end,
                "owner_code": plan.owner_unit.code,
                "owner_name": plan.owner_unit.name,
                "description": plan.description,
            }
        ],
        TARGETS.name: [_target_row(t) for t in targets],
        REVIEWS.name: [
            {
                "target_code": r.target.code,
                "review_date": r.review_date,
                "value": r.value,
                "source": r.source,
                "note": r.note,
            }
            for r in TargetReview.objects.filter(target__plan=plan)
            .select_related("target")
            .order_by("target__order", "target__pk", "review_date")
        ],
        TASKS.name: _task_rows(plan, day),
        OCCURRENCES.name: [
            {"task_code": o.task.code, "due_on": o.due_on, "done_on": o.done_on, "note": o.note}
            for o in Occurrence.objects.filter(task__plan=plan)
            .select_related("task")
            .order_by("task__order", "task__pk", "due_on")
        ],
        NOTES.name: _note_rows(plan),
    }


def _target_row(t: Target) -> Row:
    return {
        "code": t.code,
        "name": t.name,
        "kind": KIND_WORDS.get(t.kind, t.kind),
        "indicator_code": t.indicator_code,
        "index_name": t.index_name,
        "index_code": t.index_code,
        "unit_code": t.unit.code if t.unit else "",
        "unit_name": t.unit.name if t.unit else "",
        "measure": MEASURE_WORDS.get(t.measure, t.measure),
        "direction": DIRECTION_WORDS.get(t.direction, t.direction),
        "baseline_value": t.baseline_value,
        "baseline_date": t.baseline_date,
        "target_value": t.target_value,
        "target_date": t.target_date,
        "source": t.source,
    }


def _task_rows(plan: Plan, day: dt.date) -> list[Row]:
    progress = plan_progress(plan, day)
    rows: list[Row] = []
    for line in progress.lines:
        task = line.task
        computed = line.has_subtasks or line.recurring
        shown = line.progress if computed else task.progress
        co_units = sorted(task.co_units.all(), key=lambda u: u.code)
        rows.append(
            {
                "code": task.code,
                "parent_code": task.parent.code if task.parent else "",
                "target_code": task.target.code if task.target else "",
                "name": task.name,
                "lead_code": task.lead_unit.code,
                "lead_name": task.lead_unit.name,
                "co_codes": f"{CO_UNIT_SEPARATOR} ".join(u.code for u in co_units),
                "co_names": f"{CO_UNIT_SEPARATOR} ".join(u.name for u in co_units),
                "deadline": task.deadline,
                "recurrence": RECURRENCE_WORDS.get(task.recurrence, task.recurrence),
                "repeat_until": task.repeat_until,
                "weight": task.weight,
                "status": STATUS_WORDS.get(task.status, task.status),
                "progress": None if shown is None else round(shown),
                "done_on": task.done_on,
                "finding_id": task.finding_id,
                "note": task.note,
            }
        )
    return rows


def _note_rows(plan: Plan) -> list[Row]:
    evidence = TaskEvidence.objects.filter(task__plan=plan).select_related("task", "by")
    comments = TaskComment.objects.filter(task__plan=plan).select_related("task", "by")
    rows: list[tuple[int, int, dt.datetime, Row]] = []
    for e in evidence:
        row = _note(e.task, NOTE_KINDS[0], e.text, e.file.name if e.file else "", e.by, e.at)
        rows.append((e.task.order, e.task.pk, e.at, row))
    for c in comments:
        row = _note(c.task, NOTE_KINDS[1], c.text, "", c.by, c.at)
        rows.append((c.task.order, c.task.pk, c.at, row))
    return [r for *_, r in sorted(rows, key=lambda x: x[:3])]


def _note(task: Task, kind: str, text: str, file: str, by: object, at: dt.datetime) -> Row:
    return {
        "task_code": task.code,
        "kind": kind,
        "text": text,
        "file": file,
        "by": getattr(by, "username", "") if by else "",
        "at": vn_datetime(timezone.localtime(at)) if at else "",
    }
