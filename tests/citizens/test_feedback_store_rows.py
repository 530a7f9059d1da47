"""The feedback items the analytics store receives (the index's group 5, 766.5a/5b): dates,
state, rating and re-complaint, and nothing of the citizen or of what was written."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc.analytics.store_extra import FEEDBACK_COLUMNS
from cchc.citizens import feedback_states as states
from cchc.citizens.store_tables import feedback_rows
from tests.citizens.feedback_world import NOW, World, build_world, feedback

pytestmark = pytest.mark.django_db


@pytest.fixture
def w() -> World:
    return build_world()


def test_store_rows_carry_dates_state_rating_and_re_complaint_only(w: World) -> None:
    first = feedback(w, text="Cán bộ gợi ý phải bồi dưỡng thì hồ sơ mới nhanh.")
    states.answer(w.head_x1, first, "Đã xác minh, đã nhắc nhở cán bộ.", dt.date(2026, 11, 9))
    again = states.close(w.officer, first, "not_satisfied", dt.date(2026, 11, 10), now=NOW)
    assert again is not None
    rows = {row[0]: row for row in feedback_rows()}
    assert len(FEEDBACK_COLUMNS) == len(rows[first.code])
    # Received Mon 2 Nov 2026 09:30 (feedback_world): due 15 working days on, Mon 23 Nov.
    assert rows[first.code][1:] == (
        "X1",
        dt.date(2026, 11, 2),
        dt.date(2026, 11, 23),
        dt.date(2026, 11, 9),
        dt.date(2026, 11, 10),
        "closed",
        "not_satisfied",
        True,  # the citizen complained again
        None,  # no category filed yet
    )
    assert rows[again.code][6:9] == ("received", None, False)
    flat = " ".join(str(v) for row in rows.values() for v in row)
    for personal in ("Nguyễn Văn A", "0901 234 567", "079012345678", "bồi dưỡng", "nhắc nhở"):
        assert personal not in flat
