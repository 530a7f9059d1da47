"""An inspection's status as a state machine (pure), and what each status allows.

planned → notified (the unit is told of the visit) → visiting (the team at the unit, from the
inspection's date on) → concluded (the conclusion notice issued) → closed (every corrective action
verified and closed). Checklist answers and findings are recorded only while visiting; corrective
actions are raised only after the conclusion. Nothing goes back.
Source: the provincial inspection practice in docs/inspections.md (Thông tư 06/2021/TT-BTP
order of a visit: decision, notice, visit, record, conclusion).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

Event = Literal["notify", "start", "conclude", "close"]

PLANNED = "planned"
NOTIFIED = "notified"
VISITING = "visiting"
CONCLUDED = "concluded"
CLOSED = "closed"

ORDER = (PLANNED, NOTIFIED, VISITING, CONCLUDED, CLOSED)

TRANSITIONS: dict[tuple[str, str], str] = {
    (PLANNED, "notify"): NOTIFIED,
    (NOTIFIED, "start"): VISITING,
    (VISITING, "conclude"): CONCLUDED,
    (CONCLUDED, "close"): CLOSED,
}

STATUS_LABELS = {
    PLANNED: "Đã lên kế hoạch",
    NOTIFIED: "Đã thông báo",
    VISITING: "Đang kiểm tra tại đơn vị",
    CONCLUDED: "Đã kết luận",
    CLOSED: "Đã kết thúc",
}
EVENT_LABELS = {
    "notify": "Thông báo cho đơn vị",
    "start": "Bắt đầu kiểm tra tại đơn vị",
    "conclude": "Kết luận kiểm tra",
    "close": "Kết thúc cuộc kiểm tra",
}


class RefusedTransition(ValueError):
    """The step is not allowed now; the message says why, in Vietnamese and English."""


def _label(status: str) -> str:
    return STATUS_LABELS.get(status, status)


def next_status(status: str, event: str, *, day: dt.date, today: dt.date, open_actions: int) -> str:
    """The status after `event` on `today` for an inspection dated `day`, or RefusedTransition.

    `open_actions`: corrective actions of the inspection not yet closed (verified)."""
    after = TRANSITIONS.get((status, event))
    if after is None:
        raise RefusedTransition(
            f"Không thể “{EVENT_LABELS.get(event, event).lower()}” khi cuộc kiểm tra đang ở "
            f"trạng thái “{_label(status)}” (cannot {event} an inspection that is {status})"
        )
    if after == VISITING and today < day:
        raise RefusedTransition(
            f"Chưa đến ngày kiểm tra {day:%d/%m/%Y}: chưa thể bắt đầu kiểm tra tại đơn vị "
            f"(the visit cannot start before the inspection's date)"
        )
    if after == CLOSED and open_actions:
        raise RefusedTransition(
            f"Còn {open_actions} yêu cầu khắc phục chưa xác minh, kết thúc: chưa thể kết thúc "
            f"cuộc kiểm tra ({open_actions} corrective actions are not closed yet)"
        )
    return after


def events_from(status: str) -> list[str]:
    """The steps offered in `status` (in the order of the visit)."""
    return [event for (before, event) in TRANSITIONS if before == status]


def refuse_recording(status: str, day: dt.date, today: dt.date) -> str | None:
    """Why checklist answers and findings cannot be recorded now, or None when they can."""
    if status != VISITING:
        return (
            f"Chỉ ghi kết quả kiểm tra và tồn tại khi cuộc kiểm tra “{_label(VISITING)}”; hiện "
            f"đang “{_label(status)}” (results are recorded only during the visit)"
        )
    if today < day:
        return (
            f"Chưa đến ngày kiểm tra {day:%d/%m/%Y} (results are recorded from the inspection's "
            f"date on)"
        )
    return None


def refuse_actions(status: str) -> str | None:
    """Why corrective actions cannot be raised now, or None when they can."""
    if status != CONCLUDED:
        return (
            f"Chỉ giao yêu cầu khắc phục khi cuộc kiểm tra “{_label(CONCLUDED)}”; hiện đang "
            f"“{_label(status)}” (corrective actions follow the conclusion)"
        )
    return None
