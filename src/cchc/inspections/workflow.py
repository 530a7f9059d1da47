"""Corrective actions as a state machine (pure).

open → reported (the unit reports it done, with evidence) → closed (the team verifies), or
reported/closed → reopened (the correction did not hold) → reported → …  Anything else is refused.
Source: common practice of provincial inspection rules (docs/inspections.md).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

Event = Literal["report", "verify", "reopen"]

OPEN = "open"
REPORTED = "reported"
CLOSED = "closed"
REOPENED = "reopened"
OPEN_STATES = (OPEN, REOPENED)  # waiting for the unit's report (is_open)

TRANSITIONS: dict[tuple[str, str], str] = {
    (OPEN, "report"): REPORTED,
    (REOPENED, "report"): REPORTED,
    (REPORTED, "verify"): CLOSED,
    (REPORTED, "reopen"): REOPENED,
    (CLOSED, "reopen"): REOPENED,
}

EVENT_LABELS = {
    "report": "báo cáo đã khắc phục",
    "verify": "xác minh, kết thúc",
    "reopen": "yêu cầu khắc phục lại",
}
STATE_LABELS = {
    OPEN: "đang khắc phục",
    REPORTED: "đã báo cáo khắc phục",
    CLOSED: "đã kết thúc",
    REOPENED: "yêu cầu khắc phục lại",
}


class InvalidTransition(ValueError):
    """The event is not allowed in the action's current state."""


def next_state(state: str, event: str) -> str:
    """The state after `event`, or InvalidTransition."""
    try:
        return TRANSITIONS[(state, event)]
    except KeyError:
        raise InvalidTransition(
            f"Không thể {EVENT_LABELS.get(event, event)} khi yêu cầu đang ở trạng thái "
            f"“{STATE_LABELS.get(state, state)}” (cannot {event} an action that is {state})"
        ) from None


def is_open(state: str) -> bool:
    """Still waiting for the unit (not reported, not closed)."""
    return state in OPEN_STATES


def is_overdue(state: str, deadline: dt.date, today: dt.date) -> bool:
    """Overdue (quá hạn): still open after its deadline day."""
    return is_open(state) and today > deadline
