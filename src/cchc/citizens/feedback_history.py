"""An item's history as people read it: when, who, which step (from the audit log)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cchc.citizens.models_feedback import Feedback
from cchc.core.models import AuditEntry

STEPS = {
    "feedback.receive": "Tiếp nhận",
    "feedback.assign": "Giao xử lý",
    "feedback.answer": "Trả lời",
    "feedback.close": "Kết thúc",
    "feedback.categorise": "Phân loại",
    "feedback.import_update": "Cập nhật khi nhập tệp",
    "feedback.import_contact": "Cập nhật thông tin người phản ánh khi nhập tệp",
}


@dataclass(frozen=True)
class HistoryLine:
    at: dt.datetime
    who: str
    step: str


def history(item: Feedback) -> list[HistoryLine]:
    entries = (
        AuditEntry.objects.filter(object_type=item._meta.label_lower, object_id=str(item.pk))
        .select_related("user")
        .order_by("at", "id")
    )
    return [
        HistoryLine(
            at=e.at,
            who=(e.user.get_full_name() or e.user.get_username()) if e.user else "hệ thống",
            step=STEPS.get(e.action, e.action),
        )
        for e in entries
    ]
