"""Task deadlines on the official calendar and recurring occurrences, on hand-worked days of 2026.

The 2026 calendar (notices shipped in core/data): Tết off Mon 16 – Fri 20 Feb; Hùng Kings' day
moved to Mon 27 Apr; 30 Apr and 1 May off; National Day 31 Aug – 2 Sep off; Sat 22 Aug worked.
Rule restated: a deadline on a day off ends on the next working day (Civil Code art. 148(5)); a
recurring task's n-th occurrence is the planned anchor moved by n steps, the day of month kept
or clamped to the month's last day, and never counted from when the previous one was done.
"""

from __future__ import annotations

import datetime as dt

import pytest

from cchc.core.calendar import build_calendar
from cchc.plans.task_rules import add_months, due_on, occurrences, scheduled, standing

D = dt.date
CAL = build_calendar()


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2026, 2, 10), D(2026, 2, 10)),  # a Tuesday: unchanged
        (D(2026, 2, 16), D(2026, 2, 23)),  # Tết: the Monday after
        (D(2026, 2, 14), D(2026, 2, 23)),  # the Saturday before Tết
        (D(2026, 8, 22), D(2026, 8, 22)),  # a Saturday that is worked
        (D(2026, 8, 30), D(2026, 9, 3)),  # Sunday, then 31 Aug – 2 Sep off: Thursday
    ],
)
def test_a_deadline_on_a_day_off_ends_on_the_next_working_day(
    day: dt.date, expected: dt.date
) -> None:
    assert due_on(day, CAL) == expected


def test_months_keep_the_anchor_day_or_the_months_last() -> None:
    assert add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert add_months(D(2026, 1, 31), 2) == D(2026, 3, 31)
    assert add_months(D(2024, 2, 29), 12) == D(2025, 2, 28)
    assert add_months(D(2024, 2, 29), 48) == D(2028, 2, 29)
    assert add_months(D(2026, 11, 15), 3) == D(2027, 2, 15)


def test_a_monthly_task_is_planned_from_its_anchor_without_drift() -> None:
    # Counting each month from the one before would give 28 Mar, 28 Apr…; the anchor gives 31.
    assert scheduled(D(2026, 1, 31), "monthly", D(2026, 5, 31)) == [
        D(2026, 1, 31),
        D(2026, 2, 28),
        D(2026, 3, 31),
        D(2026, 4, 30),
        D(2026, 5, 31),
    ]


def test_occurrences_fall_on_working_days() -> None:
    assert occurrences(D(2026, 1, 31), "monthly", D(2026, 5, 31), CAL) == [
        D(2026, 2, 2),  # Sat 31 Jan → Mon 2 Feb
        D(2026, 3, 2),  # Sat 28 Feb → Mon 2 Mar
        D(2026, 3, 31),  # a Tuesday
        D(2026, 5, 4),  # 30 Apr and 1 May off, then the weekend → Mon 4 May
        D(2026, 6, 1),  # Sun 31 May → Mon 1 Jun
    ]


@pytest.mark.parametrize(
    ("recurrence", "expected"),
    [
        ("quarterly", [D(2026, 1, 15), D(2026, 4, 15), D(2026, 7, 15), D(2026, 10, 15)]),
        ("half_yearly", [D(2026, 1, 15), D(2026, 7, 15)]),
        ("yearly", [D(2026, 1, 15)]),
        ("", [D(2026, 1, 15)]),
    ],
)
def test_other_steps(recurrence: str, expected: list[dt.date]) -> None:
    assert scheduled(D(2026, 1, 15), recurrence, D(2026, 12, 31)) == expected


def test_an_unknown_recurrence_is_refused() -> None:
    with pytest.raises(ValueError, match="lặp lại"):
        scheduled(D(2026, 1, 15), "weekly", D(2026, 12, 31))


def test_a_missed_occurrence_stays_due_and_the_next_is_still_the_planned_one() -> None:
    deadlines = [D(2026, 2, 2), D(2026, 3, 2), D(2026, 3, 31), D(2026, 5, 4), D(2026, 6, 1)]
    # February's done; March's (2 Mar) not; the one of 31 Mar done on 20 Apr.
    state = standing(deadlines, [D(2026, 2, 2), D(2026, 3, 31)], False, D(2026, 4, 20))
    assert state.next_due == D(2026, 3, 2)
    assert state.overdue
    assert (state.done_count, state.total_count, state.progress) == (2, 5, 40)
    # Once March's is done too, the next is 4 May as planned, not a month after 20 Apr.
    state = standing(
        deadlines, [D(2026, 2, 2), D(2026, 3, 2), D(2026, 3, 31)], False, D(2026, 4, 20)
    )
    assert state.next_due == D(2026, 5, 4)
    assert not state.overdue


def test_a_deadline_is_overdue_only_after_its_day() -> None:
    assert not standing([D(2026, 3, 31)], [], False, D(2026, 3, 31)).overdue
    assert standing([D(2026, 3, 31)], [], False, D(2026, 4, 1)).overdue
    finished = standing([D(2026, 3, 31)], [], True, D(2026, 4, 1))
    assert finished.next_due is None
    assert not finished.overdue
