"""feedback_counts(start, end): the figures the index, the risk model and the public page read.

November 2026, counted by hand: X1 received A and B on Mon 2 Nov, both due Mon 23 Nov; A answered
on 20 Nov (on time), B on 24 Nov (late); A closed satisfied, B not satisfied (its re-complaint is
received in December: not counted); A filed as harassment. X2 received D on 2 Nov, due 23 Nov, not
answered. E (X1, received Fri 2 Oct, due Fri 23 Oct) lies outside the period."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cchc.citizens import feedback_states as states
from cchc.citizens.feedback_counts import FeedbackCounts, feedback_counts, overdue_open_counts
from tests.citizens.feedback_world import NOW, build_world, feedback

pytestmark = pytest.mark.django_db


def test_counts_for_a_month() -> None:
    w = build_world()
    a, b = feedback(w), feedback(w)
    feedback(w, unit=w.x2)
    feedback(w, received_at=timezone.make_aware(dt.datetime(2026, 10, 2, 9, 0)))
    states.choose_category(w.officer, a, "harassment")
    states.answer(w.head_x1, a, "Đã trả lời.", dt.date(2026, 11, 20))
    states.answer(w.head_x1, b, "Đã trả lời.", dt.date(2026, 11, 24))
    states.close(w.officer, a, "satisfied", dt.date(2026, 11, 25))
    states.close(w.officer, b, "not_satisfied", dt.date(2026, 11, 26), now=NOW)
    assert feedback_counts(dt.date(2026, 11, 1), dt.date(2026, 11, 30)) == {
        "X1": FeedbackCounts(
            received=2, due=2, answered_on_time=1, rated=2, rated_satisfied=1, harassment=1
        ),
        "X2": FeedbackCounts(received=1, due=1),
    }
    # Still unanswered after Mon 23 Nov: D (X2) and the October item E (X1, due 23 Oct); A and B
    # were answered; B's re-complaint is due in December.
    assert overdue_open_counts(dt.date(2026, 11, 24)) == {"X1": 1, "X2": 1}
    assert overdue_open_counts(dt.date(2026, 11, 23)) == {"X1": 1}
