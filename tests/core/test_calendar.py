"""The working-day calendar: worked examples of docs/calendar.md and arithmetic properties."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc.core.calendar import build_calendar, load_notices

CAL = build_calendar()
D = dt.date


@pytest.mark.parametrize(
    ("received", "days", "due"),
    [
        (D(2024, 2, 7), 2, D(2024, 2, 16)),  # Tết 8–14 Feb; Thu 15 is day 1
        (D(2024, 5, 3), 1, D(2024, 5, 4)),  # a worked Saturday
        (D(2026, 1, 9), 1, D(2026, 1, 10)),  # worked Saturday for Fri 2 Jan
        (D(2026, 2, 13), 1, D(2026, 2, 23)),  # Tết 14–22 Feb 2026
    ],
)
def test_worked_examples_hold(received: dt.date, days: int, due: dt.date) -> None:
    assert CAL.add_working_days(received, days) == due


def test_notice_days_off_and_worked_saturdays() -> None:
    assert not CAL.is_working_day(D(2026, 1, 2))  # notice, unknown to the holidays package
    assert CAL.is_working_day(D(2026, 1, 10))
    assert CAL.is_working_day(D(2026, 8, 22))
    assert not CAL.is_working_day(D(2024, 4, 18))  # Hùng Kings' Day 2024
    assert not CAL.is_working_day(D(2025, 9, 1))
    assert CAL.is_working_day(D(2023, 4, 28))
    assert not CAL.is_working_day(D(2023, 5, 6))  # an ordinary Saturday


def test_unconfirmed_day_off_is_data_an_administrator_can_reverse() -> None:
    assert not CAL.is_working_day(D(2026, 11, 24))
    reversed_cal = build_calendar(load_notices(), overrides_work=[D(2026, 11, 24)])
    assert reversed_cal.is_working_day(D(2026, 11, 24))


def test_override_marks_a_new_day_off() -> None:
    cal = build_calendar(load_notices(), overrides_off=[D(2027, 3, 3)])
    assert CAL.is_working_day(D(2027, 3, 3))
    assert not cal.is_working_day(D(2027, 3, 3))
    assert cal.add_working_days(D(2027, 3, 2), 1) == D(2027, 3, 4)


def test_receipt_on_a_non_working_day_counts_from_the_next_working_day() -> None:
    assert CAL.add_working_days(D(2023, 5, 6), 1) == D(2023, 5, 8)  # Saturday → Monday is day 1


def test_working_days_between_counts_the_half_open_interval() -> None:
    assert CAL.working_days_between(D(2024, 2, 7), D(2024, 2, 16)) == 2
    assert CAL.working_days_between(D(2024, 2, 16), D(2024, 2, 7)) == -2
    assert CAL.working_days_between(D(2024, 5, 3), D(2024, 5, 4)) == 1


def test_vectorised_form_equals_the_scalar_form() -> None:
    days = np.arange(np.datetime64("2023-01-01"), np.datetime64("2026-12-31"), 3)
    n = np.arange(len(days)) % 17
    due = CAL.add_working_days_array(days, n)
    for i in range(0, len(days), 37):
        start = D.fromisoformat(str(days[i]))
        expected = (
            CAL.add_working_days(start, int(n[i])) if n[i] > 0 else CAL.next_working_day(start)
        )
        assert str(due[i]) == expected.isoformat()


def test_dates_outside_the_calendar_are_refused() -> None:
    with pytest.raises(ValueError, match="ngoài lịch"):
        CAL.is_working_day(D(1990, 1, 1))


dates = st.dates(min_value=D(2022, 1, 1), max_value=D(2027, 12, 31))
counts = st.integers(min_value=1, max_value=60)


@settings(max_examples=200, deadline=None)
@given(dates, counts, counts)
def test_adding_a_then_b_equals_adding_a_plus_b(day: dt.date, a: int, b: int) -> None:
    assert CAL.add_working_days(CAL.add_working_days(day, a), b) == CAL.add_working_days(day, a + b)


@settings(max_examples=200, deadline=None)
@given(dates, counts)
def test_due_date_is_a_working_day_n_working_days_later(day: dt.date, n: int) -> None:
    due = CAL.add_working_days(day, n)
    assert CAL.is_working_day(due)
    assert CAL.working_days_between(day, due) == n
