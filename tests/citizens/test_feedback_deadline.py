"""The deadline of a feedback item: 15 working days on the official calendar, counted like a
dossier's (received on a day off or after 17:00 → the next working day; day 1 the working day
after). Expected dates worked by hand on the 2026 notice 9441/TB-BNV (docs/calendar.md): Tết off
Mon 16 – Fri 20 Feb 2026; 31 Aug – 2 Sep off; Saturdays 10 Jan and 22 Aug 2026 worked."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from cchc.citizens.feedback_deadline import feedback_dates
from cchc.citizens.feedback_rules import load_feedback_rules, rules_from
from cchc.cli import main
from cchc.core.calendar_db import get_calendar

pytestmark = pytest.mark.django_db

# received → (deemed receipt, day 1, due date); counting working days by hand:
CASES = {
    # Fri 13 Feb, before Tết: day 1 is Mon 23 Feb (Tết 16–20 Feb off); 23–27 Feb (5),
    # 2–6 Mar (10), 9–13 Mar (15) → Fri 13 Mar.
    "2026-02-13T10:00": ("13/02/2026", "23/02/2026", "13/03/2026"),
    # Tue 17 Feb, during Tết: deemed Mon 23 Feb, day 1 Tue 24; 24–27 Feb (4), 2–6 Mar (9),
    # 9–13 Mar (14), Mon 16 Mar (15).
    "2026-02-17T09:00": ("23/02/2026", "24/02/2026", "16/03/2026"),
    # Fri 21 Aug at 18:00, after office hours: deemed on the worked Saturday 22 Aug, day 1 Mon 24;
    # 24–28 Aug (5), 31 Aug – 2 Sep off, 3–4 Sep (7), 7–11 Sep (12), 14, 15, 16 Sep (15).
    "2026-08-21T18:00": ("22/08/2026", "24/08/2026", "16/09/2026"),
    # The same Friday at 16:59, within office hours: deemed Fri 21, day 1 the worked Sat 22;
    # 22 (1), 24–28 Aug (6), 3–4 Sep (8), 7–11 Sep (13), 14, 15 Sep (15).
    "2026-08-21T16:59": ("21/08/2026", "22/08/2026", "15/09/2026"),
    # Fri 9 Jan: day 1 is the worked Saturday 10 Jan; 12–16 (6), 19–23 (11), 26–29 Jan (15).
    "2026-01-09T10:00": ("09/01/2026", "10/01/2026", "29/01/2026"),
}


@pytest.mark.parametrize(("received", "expected"), list(CASES.items()))
def test_due_prints_the_hand_worked_dates(
    capsys: pytest.CaptureFixture[str], received: str, expected: tuple[str, str, str]
) -> None:
    assert main(["feedback", "due", received]) == 0
    out = capsys.readouterr().out
    assert tuple(re.findall(r"\d{2}/\d{2}/\d{4}", out)) == expected
    assert "Hạn xử lý, 15 ngày làm việc" in out


def test_the_pure_rule_gives_the_same_tet_case() -> None:
    dates = feedback_dates(dt.date(2026, 2, 13), 10 * 60, 15, 17 * 60, get_calendar())
    assert (dates.deemed_receipt, dates.day_one, dates.due) == (
        dt.date(2026, 2, 13),
        dt.date(2026, 2, 23),
        dt.date(2026, 3, 13),
    )


def test_the_fifteen_days_are_data_marked_unconfirmed() -> None:
    rules = load_feedback_rules()
    assert (rules.working_days, rules.confirmed, rules.office_closes_minute) == (15, False, 1020)
    corrected = rules_from(
        {
            "deadline": {"working_days": 10},
            "reminders": {"before_working_days": 3, "due_soon_working_days": 3},
        }
    )
    # Fri 13 Feb 2026 with 10 working days: 23–27 Feb (5), 2–6 Mar (10) → Fri 6 Mar.
    dates = feedback_dates(dt.date(2026, 2, 13), 600, corrected.working_days, 1020, get_calendar())
    assert dates.due == dt.date(2026, 3, 6)


def test_due_refuses_a_bad_date(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["feedback", "due", "13/02/2026x"]) == 1
    assert "không hợp lệ" in capsys.readouterr().err
