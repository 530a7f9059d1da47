"""Statutory due dates equal a plain restatement of docs/timing.md on random receipts: every day of
2023–2026 (Tết, worked Saturdays, notices), with and without a time of receipt and a cut-off."""

from __future__ import annotations

import datetime as dt
import random

import numpy as np

from cchc.core.calendar import WorkingCalendar, build_calendar
from cchc.dossiers.rulebook.timing import LimitUnit, TimingInputs, compute_timing

CAL = build_calendar()
NAT = np.datetime64("NaT", "D")


def next_working(cal: WorkingCalendar, day: dt.date) -> dt.date:
    """The first working day strictly after `day`, found day by day."""
    day += dt.timedelta(days=1)
    while not cal.is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def oracle_due(
    cal: WorkingCalendar, received: dt.date, minute: int, cutoff: int, days: int
) -> dt.date:
    """docs/timing.md: a dossier received on a non-working day, or after its cut-off, is deemed
    received at the start of the next working day; day 1 is the working day after the day of
    (deemed) receipt; the due date is the N-th working day (N = 0: the day of receipt)."""
    late = cutoff >= 0 and minute >= 0 and minute > cutoff
    deemed = received if cal.is_working_day(received) and not late else next_working(cal, received)
    due = deemed
    for _ in range(days):
        due = next_working(cal, due)
    return due


def test_due_dates_equal_the_oracle_on_random_receipts() -> None:
    rng = random.Random(51)
    first = dt.date(2023, 1, 1)
    cases = []
    for _ in range(3000):
        received = first + dt.timedelta(days=rng.randrange(4 * 365))
        minute = rng.choice([-1, rng.randrange(7 * 60, 18 * 60)])
        cutoff = rng.choice([-1, -1, 15 * 60, 11 * 60 + 30])
        days = rng.choice([0, 1, 2, 3, 5, 7, 10, 15, 20, 30])
        cases.append((received, minute, cutoff, days))
    n = len(cases)
    inputs = TimingInputs(
        received_on=np.array([c[0] for c in cases], dtype="datetime64[D]"),
        received_minute=np.array([c[1] for c in cases], dtype=np.int64),
        time_limit=np.array([float(c[3]) for c in cases]),
        limit_unit=np.full(n, LimitUnit.WORKING_DAYS, dtype=np.int64),
        cutoff_minute=np.array([c[2] for c in cases], dtype=np.int64),
        source_due_on=np.full(n, NAT),
        paused_days=np.zeros(n, dtype=np.int64),
        finished_on=np.full(n, NAT),
        supplement_requests=np.zeros(n, dtype=np.int64),
        apology_issued=np.full(n, -1, dtype=np.int8),
    )
    got = compute_timing(inputs, CAL).statutory_due_on
    expected = [oracle_due(CAL, *case) for case in cases]
    wrong = [
        (case, str(g), e.isoformat())
        for case, g, e in zip(cases, got, expected, strict=True)
        if str(g) != e.isoformat()
    ]
    assert wrong == []
    # the sample covers the cases the rule is about
    assert any(not CAL.is_working_day(c[0]) for c in cases)
    assert any(c[2] >= 0 and c[1] > c[2] for c in cases)
