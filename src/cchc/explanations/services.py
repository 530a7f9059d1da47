"""Writing an explanation: checked (permissions.py), in one transaction, audited.

A unit has one explanation per subject; writing again edits it and adds files, and the audit log
(cchc.core.audit) keeps who wrote what and when, with the text before and after.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from cchc.core import clock
from cchc.core.audit import record_change, snapshot
from cchc.core.models import Unit
from cchc.dossiers.models import Dossier
from cchc.explanations.models import Explanation, ExplanationFile
from cchc.explanations.permissions import (
    User,
    can_write_dossier,
    can_write_finding,
    deny_write,
    writer_unit,
)
from cchc.inspections.models import Finding

MAX_TEXT = 10_000
MAX_FILE_BYTES = 20 * 1024 * 1024  # as the inspections' evidence files
MAX_FILES = 10
# Documents and scans people send with an official letter; no executables, no web pages.
FILE_TYPES = frozenset({".pdf", ".doc", ".docx", ".odt", ".xls", ".xlsx", ".ods", ".jpg", ".jpeg",
                        ".png"})  # fmt: skip


class ExplanationError(ValueError):
    """Bad input, with the form field it belongs to ("text" or "files")."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def check_text(text: str) -> str:
    text = text.strip()
    if not text:
        raise ExplanationError("text", "Cần nhập nội dung giải trình (the explanation is empty)")
    if len(text) > MAX_TEXT:
        raise ExplanationError(
            "text",
            f"Nội dung quá {MAX_TEXT:,} ký tự (longer than {MAX_TEXT:,} characters)".replace(
                ",", "."
            ),
        )
    return text


def check_files(files: Sequence[UploadedFile]) -> None:
    if len(files) > MAX_FILES:
        raise ExplanationError(
            "files", f"Tối đa {MAX_FILES} tệp mỗi lần (at most {MAX_FILES} files)"
        )
    for f in files:
        name = f.name or ""
        if PurePath(name).suffix.lower() not in FILE_TYPES:
            kinds = ", ".join(sorted(FILE_TYPES))
            raise ExplanationError(
                "files", f"Tệp {name}: chỉ nhận {kinds} (file type not accepted)"
            )
        if (f.size or 0) > MAX_FILE_BYTES:
            raise ExplanationError("files", f"Tệp {name} quá 20 MB (file larger than 20 MB)")


def _state(explanation: Explanation) -> dict[str, Any]:
    return snapshot(explanation) | {"files": [f.name for f in explanation.files.all()]}


def _save(
    user: User, unit: Unit, subject: dict[str, Any], text: str, files: Sequence[UploadedFile]
) -> Explanation:
    text = check_text(text)
    check_files(files)
    existing = Explanation.objects.filter(unit=unit, **subject).first()
    before = _state(existing) if existing is not None else None
    author: Any = user if user.is_authenticated else None
    if existing is None:
        explanation = Explanation.objects.create(unit=unit, text=text, author=author, **subject)
    else:
        explanation = existing
        explanation.text, explanation.author = text, author
        explanation.save()
    for f in files:
        ExplanationFile.objects.create(
            explanation=explanation, file=f, name=PurePath(f.name or "tep").name, size=f.size or 0
        )
    action = "explanation_create" if before is None else "explanation_update"
    record_change(user, action, explanation, before, _state(explanation))
    return explanation


def _explain(
    user: User,
    subject: dict[str, Dossier | Finding],
    may_write: bool,
    text: str,
    files: Sequence[UploadedFile],
    on: dt.date,
) -> Explanation:
    """Create or edit the writer's unit's explanation of `subject` (one dossier or finding)."""
    unit = writer_unit(user, on)
    if unit is None or not may_write:
        raise deny_write()
    return _save(user, unit, subject, text, files)


@transaction.atomic
def explain_dossier(
    user: User,
    dossier: Dossier,
    text: str,
    files: Sequence[UploadedFile] = (),
    day: dt.date | None = None,
) -> Explanation:
    """The unit's explanation of a late dossier, created or edited."""
    on = day or clock.today()
    may_write = can_write_dossier(user, dossier, on)
    return _explain(user, {"dossier": dossier}, may_write, text, files, on)


@transaction.atomic
def explain_finding(
    user: User,
    finding: Finding,
    text: str,
    files: Sequence[UploadedFile] = (),
    day: dt.date | None = None,
) -> Explanation:
    """The unit's explanation of an inspection finding, created or edited."""
    on = day or clock.today()
    may_write = can_write_finding(user, finding, on)
    return _explain(user, {"finding": finding}, may_write, text, files, on)
