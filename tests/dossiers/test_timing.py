"""Statutory due dates, deadlines, outcomes and flags on worked cases."""

from __future__ import annotations

import datetime as dt

import numpy as np

from cchc.core.calendar import build_calendar
from cchc.dossiers.rulebook.timing import (
    LimitUnit,
    Outcome,
    TimingInputs,
    compute_timing,
    days_late,
    open_outcome,
)

CAL = build_calendar()
NAT = np.datetime64("NaT", "D")


def day(text: str | None) -> np.datetime64:
    return NAT if text is None else np.datetime64(text, "D")


def one(
    received: str,
    limit: float | None = 2,
    unit: LimitUnit = LimitUnit.WORKING_DAYS,
    *,
    minute: int = -1,
    cutoff: int = -1,
    due: str | None = None,
    paused: int = 0,
    finished: str | None = None,
    supplements: int = 0,
    apology: int = -1,
) -> TimingInputs:
    return TimingInputs(
        received_on=np.array([day(received)]),
        received_minute=np.array([minute], dtype=np.int64),
        time_limit=np.array([np.nan if limit is None else limit]),
        limit_unit=np.array([unit], dtype=np.int64),
        cutoff_minute=np.array([cutoff], dtype=np.int64),
        source_due_on=np.array([day(due)]),
        paused_days=np.array([paused], dtype=np.int64),
        finished_on=np.array([day(finished)]),
        supplement_requests=np.array([supplements], dtype=np.int64),
        apology_issued=np.array([apology], dtype=np.int8),
    )


def test_statutory_due_date_follows_the_worked_example_over_tet() -> None:
    result = compute_timing(one("2024-02-07", 2), CAL)
    assert str(result.statutory_due_on[0]) == "2024-02-16"
    assert str(result.deadline_on[0]) == "2024-02-16"


def test_receipt_after_the_cutoff_counts_from_the_next_working_day() -> None:
    before = compute_timing(one("2024-03-05", 1, minute=14 * 60, cutoff=15 * 60), CAL)
    after = compute_timing(one("2024-03-05", 1, minute=15 * 60 + 30, cutoff=15 * 60), CAL)
    assert str(before.statutory_due_on[0]) == "2024-03-06"
    assert str(after.statutory_due_on[0]) == "2024-03-07"


def test_a_day_off_and_a_late_hour_are_deemed_received_alike() -> None:
    # Sun 13 Aug 2023 and Fri 11 Aug 16:10 (cut-off 15:00) are both deemed received on Mon 14:
    # day 1 is Tue 15 and the 10th working day Mon 28 Aug (hand count, no holiday in between).
    sunday = compute_timing(one("2023-08-13", 10), CAL)
    late_friday = compute_timing(one("2023-08-11", 10, minute=16 * 60 + 10, cutoff=15 * 60), CAL)
    assert str(sunday.statutory_due_on[0]) == "2023-08-28"
    assert str(late_friday.statutory_due_on[0]) == "2023-08-28"
    # in Tết 2024 (8–14 Feb off): Sat 10 Feb is deemed Thu 15, so 1 working day → Fri 16
    assert str(compute_timing(one("2024-02-10", 1), CAL).statutory_due_on[0]) == "2024-02-16"
    # calendar days count from the deemed receipt too: Sun 13 Aug → Mon 14 + 4 days = Fri 18
    cal_days = compute_timing(one("2023-08-13", 4, LimitUnit.CALENDAR_DAYS), CAL)
    assert str(cal_days.statutory_due_on[0]) == "2023-08-18"


def test_hours_calendar_days_and_months() -> None:
    hours = compute_timing(one("2024-03-05", 12, LimitUnit.WORKING_HOURS), CAL)
    assert str(hours.statutory_due_on[0]) == "2024-03-07"  # 12 h = 2 working days
    cal_days = compute_timing(one("2024-03-05", 4, LimitUnit.CALENDAR_DAYS), CAL)
    assert str(cal_days.statutory_due_on[0]) == "2024-03-11"  # Sat 9 → Monday 11
    months = compute_timing(one("2024-01-31", 1, LimitUnit.MONTHS), CAL)
    assert str(months.statutory_due_on[0]) == "2024-02-29"


def test_no_limit_gives_no_statutory_date_but_the_appointment_still_counts() -> None:
    result = compute_timing(one("2024-03-05", None, due="2024-03-08", finished="2024-03-11"), CAL)
    assert np.isnat(result.statutory_due_on[0])
    assert result.finish_outcome[0] == Outcome.LATE


def test_appointment_wins_and_pauses_extend_it() -> None:
    result = compute_timing(one("2024-03-05", 2, due="2024-03-08", paused=3), CAL)
    assert str(result.deadline_on[0]) == "2024-03-13"  # Fri 8 + 3 working days


def test_outcomes_early_on_time_late() -> None:
    early = compute_timing(one("2024-03-05", 2, finished="2024-03-06"), CAL)
    on_time = compute_timing(one("2024-03-05", 2, finished="2024-03-07"), CAL)
    late = compute_timing(one("2024-03-05", 2, finished="2024-03-08", apology=0), CAL)
    assert early.finish_outcome[0] == Outcome.EARLY
    assert on_time.finish_outcome[0] == Outcome.ON_TIME
    assert late.finish_outcome[0] == Outcome.LATE
    assert late.flag_late_no_apology[0]


def test_more_than_one_supplement_request_counts_as_late() -> None:
    once = compute_timing(one("2024-03-05", 2, finished="2024-03-06", supplements=1), CAL)
    twice = compute_timing(one("2024-03-05", 2, finished="2024-03-06", supplements=2), CAL)
    assert once.finish_outcome[0] == Outcome.EARLY
    assert twice.finish_outcome[0] == Outcome.LATE
    assert twice.flag_repeated_supplements[0] and not once.flag_repeated_supplements[0]


def test_appointment_beyond_the_statutory_due_date_is_flagged() -> None:
    beyond = compute_timing(one("2024-03-05", 2, due="2024-03-12"), CAL)
    within = compute_timing(one("2024-03-05", 2, due="2024-03-07"), CAL)
    assert beyond.flag_beyond_statutory[0]
    assert not within.flag_beyond_statutory[0]


def test_late_with_an_apology_is_not_flagged() -> None:
    result = compute_timing(one("2024-03-05", 2, finished="2024-03-08", apology=1), CAL)
    assert result.finish_outcome[0] == Outcome.LATE
    assert not result.flag_late_no_apology[0]


def test_open_dossiers_as_of_a_date() -> None:
    deadlines = np.array([day("2024-03-15"), day("2024-03-11"), day("2024-03-07"), NAT])
    as_of = np.datetime64("2024-03-08", "D")
    got = open_outcome(deadlines, as_of, CAL).tolist()
    assert got == [
        Outcome.OPEN_IN_TIME,
        Outcome.OPEN_DUE_SOON,
        Outcome.OPEN_OVERDUE,
        Outcome.OPEN_IN_TIME,
    ]


def test_days_late_counts_working_days() -> None:
    deadlines = np.array([day("2024-02-07"), day("2024-03-07")])
    finished = np.array([day("2024-02-16"), NAT])
    got = days_late(deadlines, finished, np.datetime64("2024-03-05", "D"), CAL).tolist()
    assert got == [2, 0]


def test_vectorised_over_many_rows_equals_row_by_row() -> None:
    rng = np.random.default_rng(7)
    n = 500
    received = np.datetime64("2023-01-01") + rng.integers(0, 1200, n).astype("timedelta64[D]")
    inputs = TimingInputs(
        received_on=received,
        received_minute=rng.integers(-1, 1440, n),
        time_limit=rng.choice([np.nan, 1, 3, 15, 30], n),
        limit_unit=rng.integers(0, 4, n),
        cutoff_minute=rng.choice([-1, 900], n),
        source_due_on=np.full(n, NAT),
        paused_days=rng.integers(0, 3, n),
        finished_on=received + rng.integers(0, 40, n).astype("timedelta64[D]"),
        supplement_requests=rng.integers(0, 3, n),
        apology_issued=rng.integers(-1, 2, n).astype(np.int8),
    )
    whole = compute_timing(inputs, CAL)
    for i in range(0, n, 41):
        single = compute_timing(
            TimingInputs(**{k: v[i : i + 1] for k, v in vars(inputs).items()}), CAL
        )
        assert str(single.deadline_on[0]) == str(whole.deadline_on[i])
        assert single.finish_outcome[0] == whole.finish_outcome[i]
    assert dt.date.fromisoformat(str(whole.statutory_due_on[~np.isnat(whole.statutory_due_on)][0]))
