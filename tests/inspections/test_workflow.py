"""Corrective-action state machine and deadline arithmetic on the official calendar (pure)."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc.core.calendar import build_calendar
from cchc.inspections.config import load_rules
from cchc.inspections.deadlines import default_deadline, remind_on
from cchc.inspections.workflow import InvalidTransition, is_overdue, next_state

CAL = build_calendar()
RULES = load_rules()


@pytest.mark.parametrize(
    ("state", "event", "after"),
    [
        ("open", "report", "reported"),
        ("reported", "verify", "closed"),
        ("reported", "reopen", "reopened"),
        ("closed", "reopen", "reopened"),
        ("reopened", "report", "reported"),
    ],
)
def test_allowed_transitions(state: str, event: str, after: str) -> None:
    assert next_state(state, event) == after


@pytest.mark.parametrize(
    ("state", "event"),
    [
        ("open", "verify"),  # nothing reported yet
        ("open", "reopen"),
        ("closed", "report"),
        ("closed", "verify"),
        ("reopened", "verify"),
        ("reported", "report"),
        ("open", "delete"),
    ],
)
def test_invalid_transitions_are_refused(state: str, event: str) -> None:
    with pytest.raises(InvalidTransition, match="cannot"):
        next_state(state, event)


def test_overdue_only_while_open_and_after_the_deadline_day() -> None:
    deadline = dt.date(2024, 3, 1)
    assert not is_overdue("open", deadline, deadline)
    assert is_overdue("open", deadline, dt.date(2024, 3, 2))
    assert is_overdue("reopened", deadline, dt.date(2024, 3, 2))
    assert not is_overdue("reported", deadline, dt.date(2024, 3, 2))
    assert not is_overdue("closed", deadline, dt.date(2024, 3, 2))


def test_deadline_skips_tet_2024() -> None:
    # Notice issued Mon 5 Feb 2024; Tết holiday 8–14 Feb 2024 (Official notice of 2024).
    # 10 working days: 6, 7, 15, 16, 19, 20, 21, 22, 23, 26 Feb.
    assert default_deadline("reminder", dt.date(2024, 2, 5), CAL, RULES.deadline_working_days) == (
        dt.date(2024, 2, 26)
    )
    # Without Tết it would be 19 Feb.
    assert default_deadline("reminder", dt.date(2024, 3, 4), CAL, RULES.deadline_working_days) == (
        dt.date(2024, 3, 18)
    )


def test_deadline_by_severity_and_unknown_severity() -> None:
    days = RULES.deadline_working_days
    issued = dt.date(2024, 6, 3)
    assert default_deadline("reminder", issued, CAL, days) < default_deadline(
        "serious", issued, CAL, days
    )
    with pytest.raises(ValueError, match="no default deadline"):
        default_deadline("catastrophic", issued, CAL, days)


def test_reminder_day_counts_back_over_the_holiday() -> None:
    # 3 working days before Mon 19 Feb 2024: 16, 15, then back over Tết to 7 Feb.
    assert remind_on(dt.date(2024, 2, 19), CAL, 3) == dt.date(2024, 2, 7)
