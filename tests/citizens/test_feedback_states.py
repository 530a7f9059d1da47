"""The life of a feedback item: received → assigned → answered → closed, the refused steps with
their Vietnamese messages, the audit log, and the re-complaint opened when the citizen is not
satisfied."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cchc.citizens import feedback_states as states
from cchc.citizens.feedback_intake import ContactData, take_in
from cchc.citizens.feedback_refusals import FeedbackRefused
from cchc.citizens.models_feedback import Feedback, FeedbackContact, FeedbackState
from cchc.core.models import AuditEntry
from tests.citizens.feedback_world import NOW, World, build_world, dossier, feedback

pytestmark = pytest.mark.django_db


@pytest.fixture
def w() -> World:
    return build_world()


def test_an_item_is_taken_in_with_its_deadline_and_pseudonym(w: World) -> None:
    item = feedback(w)
    # Mon 2 Nov 2026, 09:30: deemed that day; 3–6 Nov (4), 9–13 (9), 16–20 (14), Mon 23 Nov (15).
    assert (item.deemed_receipt_on, item.due_on) == (dt.date(2026, 11, 2), dt.date(2026, 11, 23))
    assert item.state == FeedbackState.RECEIVED and item.code == f"PA-2026-{item.pk:06d}"
    assert len(item.citizen_pseudonym) == 32 and "079012345678" not in item.citizen_pseudonym
    assert FeedbackContact.objects.get(feedback=item).name == "Nguyễn Văn A"
    entry = AuditEntry.objects.get(action="feedback.receive")
    assert entry.user == w.officer and entry.object_id == str(item.pk)
    assert "Nguyễn Văn A" not in str(entry.after)


def test_the_whole_way_to_closed_is_audited(w: World) -> None:
    item = feedback(w)
    states.assign(w.officer, item, w.head_x1)
    states.answer(
        w.head_x1, item, "Đã chấn chỉnh cán bộ, hồ sơ trả ngày 10/11.", dt.date(2026, 11, 9)
    )
    assert states.close(w.officer, item, "satisfied", dt.date(2026, 11, 10)) is None
    item.refresh_from_db()
    assert (item.state, item.rating, item.closed_on) == (
        "closed",
        "satisfied",
        dt.date(2026, 11, 10),
    )
    actions = list(AuditEntry.objects.order_by("id").values_list("action", "user__username"))
    assert actions == [
        ("feedback.receive", "officer"),
        ("feedback.assign", "officer"),
        ("feedback.answer", "head_x1"),
        ("feedback.close", "officer"),
    ]
    close = AuditEntry.objects.get(action="feedback.close")
    assert close.before == {"state": "answered", "rating": "", "closed_on": None}
    assert close.after == {"state": "closed", "rating": "satisfied", "closed_on": "2026-11-10"}


def test_not_satisfied_opens_a_linked_re_complaint(w: World) -> None:
    item = feedback(w)
    states.answer(w.head_x1, item, "Đã trả lời.", dt.date(2026, 11, 9))
    again = states.close(w.officer, item, "not_satisfied", dt.date(2026, 11, 10), now=NOW)
    assert again is not None and again.previous == item and again.state == FeedbackState.RECEIVED
    assert again.unit == w.x1 and again.citizen_pseudonym == item.citizen_pseudonym
    assert FeedbackContact.objects.get(feedback=again).phone == "0901 234 567"
    # Sat 5 Dec 2026 09:00 is a day off: deemed Mon 7 Dec, 15 working days → Mon 28 Dec.
    assert (again.deemed_receipt_on, again.due_on) == (dt.date(2026, 12, 7), dt.date(2026, 12, 28))


@pytest.mark.parametrize(
    ("step", "message"),
    [
        ("answer_empty", "Chưa có nội dung trả lời"),
        ("close_open", "Chỉ kết thúc được phản ánh đã trả lời"),
        ("assign_outsider", "không thuộc Xã Long Sơn"),
    ],
)
def test_refused_steps_say_why_and_change_nothing(w: World, step: str, message: str) -> None:
    item = feedback(w)
    before = AuditEntry.objects.count()
    with pytest.raises(FeedbackRefused, match=message):
        if step == "answer_empty":
            states.answer(w.head_x1, item, "   ", dt.date(2026, 11, 9))
        elif step == "close_open":
            states.close(w.officer, item, "satisfied", dt.date(2026, 11, 9))
        else:
            states.assign(w.officer, item, w.head_x2)
    item.refresh_from_db()
    assert item.state == FeedbackState.RECEIVED and AuditEntry.objects.count() == before


def test_a_closed_item_cannot_be_answered_reassigned_or_rated_again(w: World) -> None:
    item = feedback(w)
    states.answer(w.head_x1, item, "Đã trả lời.", dt.date(2026, 11, 9))
    states.close(w.officer, item, "none", dt.date(2026, 11, 10))
    with pytest.raises(FeedbackRefused, match="Đã kết thúc"):
        states.answer(w.head_x1, item, "Lần nữa", dt.date(2026, 11, 11))
    with pytest.raises(FeedbackRefused, match="Đã kết thúc"):
        states.assign(w.officer, item, w.head_x1)
    with pytest.raises(FeedbackRefused, match="đã trả lời"):
        states.close(w.officer, item, "satisfied", dt.date(2026, 11, 11))


def test_close_needs_a_rating(w: World) -> None:
    item = feedback(w)
    states.answer(w.head_x1, item, "Đã trả lời.", dt.date(2026, 11, 9))
    with pytest.raises(FeedbackRefused, match="Chưa chọn đánh giá"):
        states.close(w.officer, item, "", dt.date(2026, 11, 10))


def test_intake_refuses_a_future_time_and_a_dossier_of_another_unit(w: World) -> None:
    dossier("HS-X2-1", "X2")
    with pytest.raises(FeedbackRefused, match="tương lai"):
        feedback(w, received_at=NOW + dt.timedelta(hours=1))
    with pytest.raises(FeedbackRefused, match="không thuộc Xã Long Sơn"):
        feedback(w, dossier_code="HS-X2-1")
    with pytest.raises(FeedbackRefused, match="Không có hồ sơ mã HS-NONE"):
        feedback(w, dossier_code="HS-NONE")
    assert not Feedback.objects.exists()
    ok = feedback(w, unit=w.x2, dossier_code="HS-X2-1")
    assert ok.dossier_code == "HS-X2-1"


def test_staff_choose_the_category_the_suggestion_is_only_shown(w: World) -> None:
    item = take_in(
        w.officer,
        unit=w.x1,
        channel="portal",
        text="Cán bộ gợi ý nộp thêm tiền để nhanh.",
        received_at=timezone.make_aware(dt.datetime(2026, 11, 2, 9, 0)),
        contact=ContactData(),
        now=NOW,
    )
    assert item.category == ""  # never filed automatically
    states.choose_category(w.head_x1, item, "harassment")
    assert Feedback.objects.get(pk=item.pk).category == "harassment"
    with pytest.raises(FeedbackRefused, match="Phân loại không hợp lệ"):
        states.choose_category(w.head_x1, item, "bribe")
