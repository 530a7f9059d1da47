"""A plan workbook's rows as plain drafts, with the checks that need nothing but the file: required
cells, dates, numbers, Vietnamese words, weight > 0, progress 0–100, duplicate codes, a parent
that is its own ancestor. The checks against the database are in xlsx_import."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from cchc.plans.measure_indicator import indicator_codes
from cchc.plans.models_plans import TargetKind
from cchc.plans.xlsx_layout import (
    CO_UNIT_SEPARATOR,
    DIRECTION_WORDS,
    KIND_WORDS,
    MEASURE_WORDS,
    OCCURRENCES,
    PLAN,
    RECURRENCE_WORDS,
    REVIEWS,
    STATUS_WORDS,
    TARGETS,
    TASKS,
)
from cchc.plans.xlsx_read import Cells, SheetRows


@dataclass
class PlanDraft:
    cells: Cells
    id: int | None
    fields: dict[str, object]
    owner_code: str


@dataclass
class TargetDraft:
    cells: Cells
    code: str
    unit_code: str
    fields: dict[str, object]


@dataclass
class ReviewDraft:
    cells: Cells
    target_code: str
    review_date: dt.date | None
    fields: dict[str, object]


@dataclass
class TaskDraft:
    cells: Cells
    code: str
    parent_code: str
    target_code: str
    lead_code: str
    co_codes: list[str]
    finding_id: int | None
    progress: float | None
    fields: dict[str, object]


@dataclass
class OccurrenceDraft:
    cells: Cells
    task_code: str
    due_on: dt.date | None
    fields: dict[str, object]


@dataclass
class BookDraft:
    plan: PlanDraft | None
    targets: list[TargetDraft] = field(default_factory=list)
    reviews: list[ReviewDraft] = field(default_factory=list)
    tasks: list[TaskDraft] = field(default_factory=list)
    occurrences: list[OccurrenceDraft] = field(default_factory=list)


def parse_book(sheets: dict[str, SheetRows]) -> BookDraft:
    def rows(name: str) -> list[Cells]:
        return sheets[name].rows if name in sheets else []

    plan_rows = rows(PLAN.name)
    for extra in plan_rows[1:]:
        extra.error("name", "", "Trang này chỉ có một dòng kế hoạch", "one plan row only")
    book = BookDraft(_plan(plan_rows[0]) if plan_rows else None)
    book.targets = [_target(c) for c in rows(TARGETS.name)]
    book.reviews = [_review(c) for c in rows(REVIEWS.name)]
    book.tasks = [_task(c) for c in rows(TASKS.name)]
    book.occurrences = [_occurrence(c) for c in rows(OCCURRENCES.name)]
    _no_duplicates((t.cells, "code", t.code) for t in book.targets)
    _no_duplicates((t.cells, "code", t.code) for t in book.tasks)
    _no_duplicates(
        (r.cells, "review_date", (r.target_code, r.review_date))
        for r in book.reviews
        if r.review_date
    )
    _no_duplicates(
        (o.cells, "due_on", (o.task_code, o.due_on)) for o in book.occurrences if o.due_on
    )
    return book


def _plan(c: Cells) -> PlanDraft:
    start = c.date("period_start", required=True)
    end = c.date("period_end", required=True)
    if start and end and end < start:
        c.error("period_end", end, "Ngày kết thúc trước ngày bắt đầu", "period ends before start")
    fields: dict[str, object] = {
        "name": c.text("name", required=True),
        "decision_number": c.text("decision_number"),
        "decision_date": c.date("decision_date"),
        "period_start": start,
        "period_end": end,
        "description": c.text("description"),
    }
    return PlanDraft(c, c.whole("id"), fields, c.text("owner_code", required=True))


def _target(c: Cells) -> TargetDraft:
    kind = c.word("kind", KIND_WORDS)
    fields: dict[str, object] = {
        "name": c.text("name", required=True),
        "kind": kind,
        "indicator_code": c.text("indicator_code", required=kind == TargetKind.INDICATOR),
        "index_name": c.text("index_name", required=kind == TargetKind.EXTERNAL),
        "index_code": c.text("index_code", required=kind == TargetKind.EXTERNAL),
        "measure": c.word("measure", MEASURE_WORDS, default="value"),
        "direction": c.word("direction", DIRECTION_WORDS, default="up"),
        "baseline_value": c.number("baseline_value"),
        "baseline_date": c.date("baseline_date"),
        "target_value": c.number("target_value", required=True),
        "target_date": c.date("target_date", required=True),
        "source": c.text("source"),
    }
    code = fields["indicator_code"]
    if kind == TargetKind.INDICATOR and code and code not in indicator_codes():
        c.error(
            "indicator_code",
            code,
            "Không có chỉ số này (766.total, 766.g1…766.g5 hoặc mã chỉ số như 766.2a)",
            "unknown indicator code",
        )
    return TargetDraft(c, c.text("code", required=True), c.text("unit_code"), fields)


def _review(c: Cells) -> ReviewDraft:
    fields: dict[str, object] = {
        "value": c.number("value", required=True),
        "source": c.text("source"),
        "note": c.text("note"),
    }
    return ReviewDraft(
        c, c.text("target_code", required=True), c.date("review_date", required=True), fields
    )


def _task(c: Cells) -> TaskDraft:
    weight = c.number("weight")
    if weight is not None and weight <= 0:
        c.error("weight", weight, "Trọng số phải lớn hơn 0", "weight must be above 0")
    progress = c.number("progress")
    if progress is not None and not 0 <= progress <= 100:
        c.error("progress", progress, "Tiến độ phải từ 0 đến 100", "progress outside 0–100")
    recurrence = c.word("recurrence", RECURRENCE_WORDS)
    repeat_until = c.date("repeat_until")
    if repeat_until and not recurrence:
        c.error("repeat_until", repeat_until, "Nhiệm vụ không lặp lại", "the task does not recur")
    co_codes = [s.strip() for s in c.text("co_codes").split(CO_UNIT_SEPARATOR) if s.strip()]
    fields: dict[str, object] = {
        "name": c.text("name", required=True),
        "deadline": c.date("deadline", required=True),
        "recurrence": recurrence or "",
        "repeat_until": repeat_until,
        "weight": 1.0 if weight is None else weight,
        "status": c.word("status", STATUS_WORDS, default="not_started"),
        "done_on": c.date("done_on"),
        "note": c.text("note"),
    }
    return TaskDraft(
        c,
        c.text("code", required=True),
        c.text("parent_code"),
        c.text("target_code"),
        c.text("lead_code", required=True),
        co_codes,
        c.whole("finding_id"),
        progress,
        fields,
    )


def _occurrence(c: Cells) -> OccurrenceDraft:
    fields: dict[str, object] = {
        "done_on": c.date("done_on", required=True),
        "note": c.text("note"),
    }
    return OccurrenceDraft(
        c, c.text("task_code", required=True), c.date("due_on", required=True), fields
    )


def _no_duplicates(keyed: Iterable[tuple[Cells, str, object]]) -> None:
    seen: dict[object, int] = {}
    for cells, key, value in keyed:
        if value in ("", None):
            continue
        if value in seen:
            shown = value if isinstance(value, str) else cells.raw.get(key)
            cells.error(
                key,
                shown,
                f"Trùng với dòng {seen[value]}",
                f"duplicate of row {seen[value]}",
            )
        else:
            seen[value] = cells.line


def ancestors_loop(parents: dict[str, str], code: str) -> bool:
    """True when following `code`'s parents comes back to `code` (a parent cycle)."""
    seen = {code}
    current = parents.get(code, "")
    while current:
        if current in seen:
            return current == code  # a loop above `code` is reported on its own rows
        seen.add(current)
        current = parents.get(current, "")
    return False
