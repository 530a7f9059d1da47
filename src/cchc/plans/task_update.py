"""A task's progress reported from the task page or the API, with the same rules for both:
only who may update the task (access.can_update_task); status and progress kept consistent
(task_state.settle); marking it done needs at least one piece of evidence (a file or a
description, given now or before); files checked as the explanations' (type, size, count);
everything written through cchc.plans.changes (audit log) in one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth.models import User as DjangoUser
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from cchc.explanations.services import ExplanationError, check_files
from cchc.plans import changes
from cchc.plans.access import require_update_task
from cchc.plans.changes import User
from cchc.plans.models_plans import Occurrence, Task, TaskComment, TaskEvidence, TaskStatus
from cchc.plans.task_state import TaskStateError, settle
from cchc.web.scope import Scope

MAX_NOTE = 5000


class UpdateRefused(ValueError):
    """Bad input, with the form field it belongs to."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Report:
    status: str
    progress: int
    note: str
    evidence_text: str = ""
    files: Sequence[UploadedFile] = ()


def report_progress(
    user: User, scope: Scope | None, task: Task, report: Report, today: dt.date
) -> bool:
    """Store the report; False when it changed nothing. PermissionDenied for who may not."""
    require_update_task(scope, task)
    try:
        check_files(report.files)
    except ExplanationError as exc:
        raise UpdateRefused("evidence", str(exc)) from None
    if len(report.note) > MAX_NOTE:
        raise UpdateRefused("note", f"Ghi chú quá {MAX_NOTE} ký tự (note too long)")
    try:
        status, progress, done_on = settle(report.status, report.progress, task.done_on, today)
    except TaskStateError as exc:
        field = "progress" if "Tiến độ" in str(exc) else "status"
        raise UpdateRefused(field, str(exc)) from None
    new_evidence = bool(report.evidence_text.strip() or report.files)
    if (
        status == TaskStatus.DONE
        and task.status != TaskStatus.DONE
        and not new_evidence
        and not task.evidence.exists()
    ):
        raise UpdateRefused(
            "evidence",
            "Cần ít nhất một minh chứng (tệp hoặc mô tả) để đánh dấu hoàn thành "
            "(evidence is required to mark a task done)",
        )
    with transaction.atomic():
        changed = changes.update(
            user,
            task,
            {"status": status, "progress": progress, "done_on": done_on, "note": report.note},
        )
        if report.evidence_text.strip():
            changes.create(
                user, TaskEvidence(task=task, text=report.evidence_text.strip(), by=_who(user))
            )
        for upload in report.files:
            evidence = TaskEvidence(task=task, by=_who(user))
            evidence.file.save(upload.name or "minh-chung", upload, save=False)
            changes.create(user, evidence)
    return changed or new_evidence


def mark_occurrence_done(
    user: User, scope: Scope | None, task: Task, due_on: dt.date, deadlines: list[dt.date],
    today: dt.date, note: str = "",
) -> Occurrence:  # fmt: skip
    """One occurrence of a recurring task done (named by its deadline)."""
    require_update_task(scope, task)
    if due_on not in deadlines:
        raise UpdateRefused("due_on", "Không có lần thực hiện này (no such occurrence)")
    if Occurrence.objects.filter(task=task, due_on=due_on).exists():
        raise UpdateRefused("due_on", "Lần này đã được đánh dấu (already marked done)")
    occurrence = Occurrence(task=task, due_on=due_on, done_on=today, note=note[:500])
    changes.create(user, occurrence)
    return occurrence


def add_comment(user: User, scope: Scope | None, task: Task, text: str) -> TaskComment:
    require_update_task(scope, task)
    text = text.strip()
    if not text:
        raise UpdateRefused("comment", "Cần nhập nội dung ý kiến (the comment is empty)")
    if len(text) > MAX_NOTE:
        raise UpdateRefused("comment", f"Ý kiến quá {MAX_NOTE} ký tự (comment too long)")
    comment = TaskComment(task=task, text=text, by=_who(user))
    changes.create(user, comment)
    return comment


def _who(user: User) -> DjangoUser | None:
    return user if isinstance(user, DjangoUser) else None
