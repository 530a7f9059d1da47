"""`cchc plans import FILE.xlsx`: a plan workbook (xlsx_layout) written back to the plan whose id
it holds, or to a new plan when the id cell is empty.

All or nothing: every bad cell is reported (sheet, row, column, reason) and nothing changes.
Rows are matched by code (targets, tasks), by target and date (review values) and by task and
deadline (occurrences); rows missing from the file are kept unless `remove_missing`. Every write
goes through cchc.plans.changes (the audit log). Evidence and comments are never touched.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.db import models, transaction

from cchc.core import clock
from cchc.core.importing import ImportRejected, RowError
from cchc.plans import changes
from cchc.plans.access import require_edit
from cchc.plans.models_plans import Occurrence, Plan, Target, TargetReview, Task
from cchc.plans.progress import plan_progress
from cchc.plans.task_state import settle
from cchc.plans.xlsx_check import Resolved, check_book
from cchc.plans.xlsx_layout import OCCURRENCES, PLAN, REVIEWS, SHEETS, TARGETS, TASKS
from cchc.plans.xlsx_parse import BookDraft, TaskDraft, parse_book
from cchc.plans.xlsx_read import read_book
from cchc.web.scope import Scope

ACTIONS = ("created", "updated", "unchanged", "deleted")
ACTION_WORDS = {"created": "thêm", "updated": "sửa", "unchanged": "không đổi", "deleted": "xóa"}


@dataclass
class PlanImport:
    """What an import did (or, with `dry_run`, would do), counted per sheet."""

    plan_id: int
    plan_created: bool
    dry_run: bool
    counts: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))

    @property
    def changed(self) -> int:
        return sum(c["created"] + c["updated"] + c["deleted"] for c in self.counts.values())

    def lines(self) -> list[str]:
        head = "Thử (dry run), không ghi gì: " if self.dry_run else ""
        if self.plan_created:
            which = "kế hoạch mới (new plan)" + ("" if self.dry_run else f" {self.plan_id}")
        else:
            which = f"kế hoạch (plan) {self.plan_id}"
        out = [f"{head}{which}: {self.changed} thay đổi (changes)"]
        for sheet in (PLAN, TARGETS, REVIEWS, TASKS, OCCURRENCES):
            c = self.counts[sheet.name]
            figures = ", ".join(f"{ACTION_WORDS[a]} {c[a]}" for a in ACTIONS)
            out.append(f"  {sheet.name}: {figures} (created, updated, unchanged, deleted)")
        return out


class _DryRun(Exception):
    pass


def import_plan_book(
    path: Path,
    user: changes.User = None,
    remove_missing: bool = False,
    dry_run: bool = False,
    day: dt.date | None = None,
    scope: Scope | None = None,
) -> PlanImport:
    """Raises ImportRejected (nothing written) when any cell is wrong, PermissionDenied when
    `scope` may not edit plans (`None`: the command line's operator)."""
    require_edit(scope)
    errors: list[RowError] = []
    sheets = read_book(path, errors)
    book = parse_book(sheets)
    if book.plan is None and sheets:
        errors.append(
            RowError(path.name, None, "", PLAN.name, "Thiếu dòng kế hoạch", "no plan row")
        )
    if book.plan is None:
        raise ImportRejected(errors)
    resolved = check_book(book, remove_missing)
    if errors:
        raise ImportRejected(in_order(errors))
    result = PlanImport(0, resolved.plan is None, dry_run)
    day = day or clock.today()
    before = _computed_progress(resolved.plan, day) if resolved.plan else {}
    try:
        with transaction.atomic():
            _apply(book, resolved, user, remove_missing, day, result)
            _progress_typed_matches(book, resolved, day, before, errors)
            if errors:
                raise ImportRejected(in_order(errors))
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return result


def in_order(errors: list[RowError]) -> list[RowError]:
    """Errors sheet by sheet in the layout's order, then by row and column."""
    names = [sheet.name for sheet in SHEETS]

    def key(e: RowError) -> tuple[int, int, str]:
        sheet = next((i for i, n in enumerate(names) if f"'{n}'" in e.file), -1)
        return (sheet, e.line or 0, e.field)

    return sorted(errors, key=key)


def _write(
    user: changes.User,
    obj: models.Model,
    fields: dict[str, object],
    counts: Counter[str],
    co_unit_ids: list[int] | None = None,
) -> None:
    if obj.pk is None:
        for name, value in fields.items():
            setattr(obj, name, value)
        changes.create(user, obj, co_unit_ids)
        counts["created"] += 1
    elif changes.update(user, obj, fields, co_unit_ids):
        counts["updated"] += 1
    else:
        counts["unchanged"] += 1


def _apply(
    book: BookDraft,
    r: Resolved,
    user: changes.User,
    remove_missing: bool,
    day: dt.date,
    result: PlanImport,
) -> None:
    assert book.plan is not None
    plan = r.plan or Plan()
    owner = r.units[book.plan.owner_code]
    _write(user, plan, {**book.plan.fields, "owner_unit": owner}, result.counts[PLAN.name])
    result.plan_id = plan.pk
    r.plan = plan

    orders = new_orders([("", _key(r.targets.get(t.code))) for t in book.targets])
    for draft, order in zip(book.targets, orders, strict=True):
        target = r.targets.get(draft.code) or Target(plan=plan, code=draft.code)
        fields = {**draft.fields, "unit": r.units[draft.unit_code] if draft.unit_code else None}
        if order is not None:
            fields["order"] = order
        _write(user, target, fields, result.counts[TARGETS.name])
        r.targets[draft.code] = target

    reviews: dict[tuple[str, dt.date | None], TargetReview]
    reviews = {(v.target.code, v.review_date): v for v in _reviews(plan)}
    for rd in book.reviews:
        target = r.targets[rd.target_code]
        assert rd.review_date is not None  # checked: a required cell
        review = reviews.pop((rd.target_code, rd.review_date), None)
        review = review or TargetReview(target=target, review_date=rd.review_date)
        _write(user, review, rd.fields, result.counts[REVIEWS.name])

    _apply_tasks(book, r, user, day, result)

    occurrences: dict[tuple[str, dt.date | None], Occurrence]
    occurrences = {(o.task.code, o.due_on): o for o in _occurrences(plan)}
    for od in book.occurrences:
        assert od.due_on is not None  # checked: a required cell
        occurrence = occurrences.pop((od.task_code, od.due_on), None)
        occurrence = occurrence or Occurrence(task=r.tasks[od.task_code], due_on=od.due_on)
        _write(user, occurrence, od.fields, result.counts[OCCURRENCES.name])

    if remove_missing:
        _remove(book, r, user, list(reviews.values()), list(occurrences.values()), result)


def _apply_tasks(
    book: BookDraft, r: Resolved, user: changes.User, day: dt.date, result: PlanImport
) -> None:
    assert r.plan is not None
    with_children = {parent for parent in r.parents.values() if parent}
    drafts = {t.code: t for t in book.tasks}
    orders = dict(
        zip(
            [t.code for t in book.tasks],
            new_orders([(t.parent_code, _key(r.tasks.get(t.code))) for t in book.tasks]),
            strict=True,
        )
    )
    for code in _parents_first(list(drafts), r.parents):
        draft = drafts[code]
        task = r.tasks.get(code) or Task(plan=r.plan, code=code)
        fields = _task_fields(draft, task, r, code in with_children, day)
        if orders[code] is not None:
            fields["order"] = orders[code]
        co_ids = [r.units[c].pk for c in draft.co_codes]
        _write(user, task, fields, result.counts[TASKS.name], co_ids)
        r.tasks[code] = task


def _task_fields(
    draft: TaskDraft, task: Task, r: Resolved, has_subtasks: bool, day: dt.date
) -> dict[str, object]:
    fields = dict(draft.fields)
    computed = has_subtasks or bool(fields["recurrence"])
    progress = task.progress if task.pk else 0
    if draft.progress is not None and not computed:
        progress = round(draft.progress)
    status, progress, done_on = settle(
        str(fields["status"]),
        progress,
        fields["done_on"],  # type: ignore[arg-type]
        day,
    )
    fields.update(status=status, progress=progress, done_on=done_on)
    fields["target"] = r.targets[draft.target_code] if draft.target_code else None
    fields["parent"] = r.tasks[draft.parent_code] if draft.parent_code else None
    fields["lead_unit"] = r.units[draft.lead_code]
    fields["finding_id"] = draft.finding_id
    return fields


def _computed_progress(plan: Plan, day: dt.date) -> dict[str, float | None]:
    """Progress of the tasks with sub-tasks and of recurring tasks, by code."""
    return {
        line.task.code: line.progress
        for line in plan_progress(plan, day).lines
        if line.has_subtasks or line.recurring
    }


def _progress_typed_matches(
    book: BookDraft,
    r: Resolved,
    day: dt.date,
    before: dict[str, float | None],
    errors: list[RowError],
) -> None:
    """A progress typed on a task with sub-tasks or a recurring task must be the one computed
    after the import; the one computed before (the exported figure, left as it was) is ignored."""
    assert r.plan is not None
    after = _computed_progress(r.plan, day)
    for draft in book.tasks:
        if draft.progress is None or draft.code not in after:
            continue
        computed = after[draft.code]
        if _same(draft.progress, computed) or _same(draft.progress, before.get(draft.code)):
            continue
        shown = "—" if computed is None else str(round(computed))
        draft.cells.error(
            "progress",
            draft.progress,
            f"Tiến độ được tính ({shown}) từ nhiệm vụ con hoặc các lần thực hiện; để trống ô này",
            f"progress is computed ({shown}) from sub-tasks or occurrences; leave it empty",
        )


def _same(typed: float, computed: float | None) -> bool:
    return computed is not None and abs(typed - computed) <= 0.5


def _remove(
    book: BookDraft,
    r: Resolved,
    user: changes.User,
    reviews: list[TargetReview],
    occurrences: list[Occurrence],
    result: PlanImport,
) -> None:
    for occurrence in occurrences:
        changes.delete(user, occurrence)
        result.counts[OCCURRENCES.name]["deleted"] += 1
    for review in reviews:
        changes.delete(user, review)
        result.counts[REVIEWS.name]["deleted"] += 1
    in_file = {t.code for t in book.tasks}
    gone = [code for code in r.tasks if code not in in_file]
    old_parents = {c: (t.parent.code if t.parent else "") for c, t in r.tasks.items()}
    for code in reversed(_parents_first(gone, old_parents)):  # sub-tasks before their parent
        changes.delete(user, r.tasks[code])
        result.counts[TASKS.name]["deleted"] += 1
    targets_in_file = {t.code for t in book.targets}
    for code, target in r.targets.items():
        if code not in targets_in_file:
            changes.delete(user, target)
            result.counts[TARGETS.name]["deleted"] += 1


def _reviews(plan: Plan) -> list[TargetReview]:
    return list(TargetReview.objects.filter(target__plan=plan).select_related("target"))


def _occurrences(plan: Plan) -> list[Occurrence]:
    return list(Occurrence.objects.filter(task__plan=plan).select_related("task"))


def _key(obj: Target | Task | None) -> tuple[int, int] | None:
    return None if obj is None else (obj.order, obj.pk)


def _parents_first(codes: list[str], parents: dict[str, str]) -> list[str]:
    """`codes` with every parent before its sub-tasks (parents outside `codes` ignored)."""
    wanted = set(codes)
    out: list[str] = []
    placed: set[str] = set()

    def place(code: str) -> None:
        if code in placed:
            return
        placed.add(code)
        parent = parents.get(code, "")
        if parent in wanted:
            place(parent)
        out.append(code)

    for code in codes:
        place(code)
    return out


def new_orders(rows: Sequence[tuple[str, tuple[int, int] | None]]) -> list[int | None]:
    """The `order` to store for rows in file order, each (sibling group, the existing record's
    (order, pk) or None when new); None keeps the stored order. When the file keeps the stored
    order among every group's siblings (new rows last), stored orders are kept and new rows go
    after them, so an unchanged file changes nothing; otherwise rows are numbered as in the file."""
    groups: dict[str, list[tuple[int, tuple[int, int] | None]]] = defaultdict(list)
    for i, (group, key) in enumerate(rows):
        groups[group].append((i, key))
    kept = all(
        [i for i, _ in members]
        == [i for i, _ in sorted(members, key=lambda m: (m[1] is None, m[1] or (0, 0), m[0]))]
        for members in groups.values()
    )
    if not kept:
        return list(range(1, len(rows) + 1))
    top = max((key[0] for _, key in rows if key is not None), default=0)
    out: list[int | None] = []
    for _, key in rows:
        if key is None:
            top += 1
            out.append(top)
        else:
            out.append(None)
    return out
