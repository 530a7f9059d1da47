"""Each late dossier says why it is on the list (dossiers/late_reasons.py), from the days late the
list computes and the flags stored on import; hand-made dossiers of the quarter's world."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc.dossiers.late import LateFilter, late_dossiers
from cchc.dossiers.late_reasons import late_reasons, reasons_text
from tests.dossiers.summary_world import Q1, build_world, make_dossier

pytestmark = pytest.mark.django_db
AFTER = dt.date(2025, 1, 1)
LATE = 3  # Outcome.LATE


def _reasons() -> dict[str, str]:
    rows, _ = late_dossiers(Q1, as_of=AFTER)
    return {r.code: r.reasons_text for r in rows}


def test_days_late_and_each_flag_are_said_in_vietnamese() -> None:
    build_world()
    make_dossier(
        "D20", "B", "online", "2024-03-01", "2024-03-12", "2024-03-14", LATE,
        supplement_requests=3, flag_repeated_supplements=True,
    )  # fmt: skip
    assert _reasons() == {
        "D08": "đang quá hạn 94 ngày làm việc; bổ sung hồ sơ nhiều lần",  # no count stored
        "D07": "đang quá hạn 7 ngày làm việc",
        "D03": "quá hạn 3 ngày làm việc; trễ hạn không có văn bản xin lỗi",
        "D04": "quá hạn 3 ngày làm việc; hẹn trả vượt thời hạn (hẹn 05/01/2024, theo quy định "
        "05/01/2024)",
        "D20": "quá hạn 2 ngày làm việc; bổ sung hồ sơ nhiều lần (3 lần)",
    }


def test_a_dossier_finished_in_time_says_the_flag_puts_it_on_the_list() -> None:
    build_world()
    # Finished 11 Mar, a day before its deadline, after 2 supplement requests: the portal's rule
    # counts it late, so it is listed with 0 days late.
    make_dossier(
        "D21", "A", "online", "2024-03-01", "2024-03-12", "2024-03-11", LATE,
        supplement_requests=2, flag_repeated_supplements=True,
    )  # fmt: skip
    rows, _ = late_dossiers(Q1, LateFilter(unit_codes={"A"}), as_of=AFTER)
    (row,) = rows
    assert (row.code, row.days_late) == ("D21", 0)
    assert row.reasons_text == (
        "kết thúc trong hạn (0 ngày trễ); có trong danh sách chỉ vì dấu hiệu bổ sung hồ sơ nhiều "
        "lần (2 lần), tính là trễ hạn theo quy tắc của Cổng Dịch vụ công quốc gia"
    )


def test_late_by_less_than_a_working_day_gives_the_dates() -> None:
    # Deadline Friday 8 Mar 2024, finished Saturday 9 Mar: late, no working day late.
    reasons = late_reasons(
        days_late=0, finished_on=dt.date(2024, 3, 9), deadline_on=dt.date(2024, 3, 8),
        statutory_due_on=dt.date(2024, 3, 8), flags=[], supplement_requests=0,
    )  # fmt: skip
    assert reasons_text(reasons) == (
        "quá hạn dưới 1 ngày làm việc (kết thúc 09/03/2024, hạn trả 08/03/2024)"
    )


def test_reasons_render_in_the_language_asked() -> None:
    (reason,) = late_reasons(
        days_late=4, finished_on=None, deadline_on=None, statutory_due_on=None, flags=[],
        supplement_requests=0,
    )  # fmt: skip
    english = {"đang quá hạn %(days)s ngày làm việc": "open, %(days)s working days overdue"}
    assert reason.render(lambda m: english.get(m, m)) == "open, 4 working days overdue"
