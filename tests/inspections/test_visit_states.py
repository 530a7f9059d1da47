"""An inspection's status machine (pure), checked against the rule restated plainly:
planned → notified → visiting → concluded → closed, one step at a time, never back; the visit
starts on the inspection's date or later; closing waits until every corrective action is closed;
results (answers, findings) only while visiting from the date on; actions only once concluded."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from cchc.inspections.visit_states import (
    ORDER,
    STATUS_LABELS,
    RefusedTransition,
    events_from,
    next_status,
    refuse_actions,
    refuse_recording,
)

DAY = dt.date(2024, 5, 20)
EVENTS = ("notify", "start", "conclude", "close")
# the rule restated: the i-th event moves ORDER[i] to ORDER[i + 1], nothing else moves
PLAIN = {(ORDER[i], EVENTS[i]): ORDER[i + 1] for i in range(4)}


@pytest.mark.parametrize(("status", "event"), list(itertools.product(ORDER, EVENTS)))
def test_only_the_next_step_is_allowed(status: str, event: str) -> None:
    if (status, event) in PLAIN:
        after = next_status(status, event, day=DAY, today=DAY, open_actions=0)
        assert after == PLAIN[(status, event)]
        assert ORDER.index(after) == ORDER.index(status) + 1
    else:
        with pytest.raises(RefusedTransition, match="Không thể"):
            next_status(status, event, day=DAY, today=DAY, open_actions=0)


def test_the_visit_does_not_start_before_its_date() -> None:
    with pytest.raises(RefusedTransition, match="Chưa đến ngày kiểm tra 20/05/2024"):
        next_status("notified", "start", day=DAY, today=DAY - dt.timedelta(days=1), open_actions=0)
    assert next_status("notified", "start", day=DAY, today=DAY, open_actions=0) == "visiting"


def test_closing_waits_for_every_action() -> None:
    with pytest.raises(RefusedTransition, match="Còn 2 yêu cầu khắc phục"):
        next_status("concluded", "close", day=DAY, today=DAY, open_actions=2)
    assert next_status("concluded", "close", day=DAY, today=DAY, open_actions=0) == "closed"


def test_the_refusal_names_the_status_in_vietnamese() -> None:
    with pytest.raises(RefusedTransition) as refused:
        next_status("planned", "conclude", day=DAY, today=DAY, open_actions=0)
    assert "“Đã lên kế hoạch”" in str(refused.value)


def test_each_status_offers_its_one_step_and_closed_none() -> None:
    assert [events_from(s) for s in ORDER] == [["notify"], ["start"], ["conclude"], ["close"], []]
    assert STATUS_LABELS["visiting"] == "Đang kiểm tra tại đơn vị"


@pytest.mark.parametrize("status", ORDER)
def test_results_only_while_visiting_from_the_date_on(status: str) -> None:
    allowed = refuse_recording(status, DAY, DAY) is None
    assert allowed == (status == "visiting")
    assert refuse_recording(status, DAY, DAY - dt.timedelta(days=1)) is not None


@pytest.mark.parametrize("status", ORDER)
def test_actions_only_once_concluded(status: str) -> None:
    assert (refuse_actions(status) is None) == (status == "concluded")
