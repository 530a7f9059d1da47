"""Feedback pages and who may do what: the list (names, filters, badges), the intake form (input
kept, errors beside fields), the item page's steps, 404 outside one's units, 403 for a step one
may not take, the citizen's contact shown only to the staff handling the item, the navigation
count and the unit head's "Phản ánh cần trả lời"."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.test import Client

from cchc.citizens import feedback_states as states
from cchc.citizens.models_feedback import Feedback, FeedbackState
from cchc.core import clock
from tests.citizens.feedback_world import World, build_world, feedback

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 5)


@pytest.fixture
def w(monkeypatch: pytest.MonkeyPatch) -> World:
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    return build_world()


def client(user: User) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_the_list_shows_names_badges_and_filters(w: World) -> None:
    late = feedback(w)  # due Mon 23 Nov 2026: overdue on 5 Dec
    other = feedback(
        w,
        unit=w.x2,
        text="Cổng dịch vụ công báo lỗi khi nộp.",
        received_at=dt.datetime(2026, 12, 4, 9, 0, tzinfo=dt.UTC),
    )  # Fri 4 Dec: due 25 Dec, 14 working days left on 5 Dec: no badge
    page = client(w.officer).get("/phan-anh/").content.decode()
    assert "Xã Long Sơn" in page and "Phường Rạch Dừa" in page and "Quá hạn 12 ngày" in page
    assert "Nguyễn Văn A" not in page and "0901 234 567" not in page
    only_late = client(w.officer).get("/phan-anh/?overdue=1").content.decode()
    assert late.code in only_late and other.code not in only_late
    by_unit = client(w.officer).get("/phan-anh/?unit=X1").content.decode()
    assert late.code in by_unit and other.code not in by_unit
    assert client(w.officer).get("/phan-anh/?state=bogus").status_code == 400


def test_a_unit_head_sees_his_units_only(w: World) -> None:
    mine = feedback(w)
    theirs = feedback(w, unit=w.x2)
    page = client(w.head_x1).get("/phan-anh/").content.decode()
    assert mine.code in page and theirs.code not in page
    assert client(w.head_x2).get(f"/phan-anh/{mine.pk}/").status_code == 404
    assert (
        client(w.head_x2).post(f"/phan-anh/{mine.pk}/tra-loi/", {"answer": "x"}).status_code == 404
    )
    assert client(w.head_x2).get("/phan-anh/?unit=X1").status_code == 403
    # The head of the province sees X1's item (a unit under his) and may answer it.
    assert client(w.head_prov).get(f"/phan-anh/{mine.pk}/").status_code == 200


def test_contact_only_for_the_staff_handling_the_item(w: World) -> None:
    item = feedback(w)
    states.assign(w.officer, item, w.deputy_x1)
    for handler in (w.officer, w.head_x1, w.deputy_x1):  # took it in, head of X1, assignee
        assert "0901 234 567" in client(handler).get(f"/phan-anh/{item.pk}/").content.decode()
    for other in (w.officer2, w.steering, w.head_prov):
        page = client(other).get(f"/phan-anh/{item.pk}/").content.decode()
        assert page.count("Xã Long Sơn") and "0901 234 567" not in page
        assert "Nguyễn Văn A" not in page and "079012345678" not in page


def test_the_steering_committee_reads_but_changes_nothing(w: World) -> None:
    item = feedback(w)
    page = client(w.steering).get(f"/phan-anh/{item.pk}/").content.decode()
    assert "Trả lời người dân" not in page and "Giao xử lý" not in page
    c = client(w.steering)
    assert c.post(f"/phan-anh/{item.pk}/tra-loi/", {"answer": "x"}).status_code == 403
    assert c.get("/phan-anh/moi/").status_code == 403
    assert Feedback.objects.get(pk=item.pk).state == FeedbackState.RECEIVED


def test_intake_keeps_the_input_and_puts_errors_beside_the_fields(w: World) -> None:
    c = client(w.officer)
    bad = c.post(
        "/phan-anh/moi/",
        {
            "unit": "X1",
            "channel": "phone",
            "received_date": "31/02/2026",
            "text": "Chờ quá lâu",
            "citizen_name": "Trần Thị B",
            "dossier_code": "HS-NONE",
        },
    )
    page = bad.content.decode()
    assert bad.status_code == 400 and not Feedback.objects.exists()
    assert 'id="i-received_date-error"' in page and "dd/mm/yyyy" in page
    assert 'id="i-dossier_code-error"' in page and "Không có hồ sơ mã HS-NONE" in page
    assert "Chờ quá lâu" in page and "Trần Thị B" in page
    future = c.post(
        "/phan-anh/moi/",
        {"unit": "X1", "channel": "phone", "received_date": "31/12/2099", "text": "x"},
    )
    assert future.status_code == 400 and "tương lai" in future.content.decode()
    ok = c.post(
        "/phan-anh/moi/",
        {
            "unit": "X1",
            "channel": "phone",
            "received_date": "04/12/2026",
            "received_time": "17:30",
            "text": "Chờ quá lâu",
            "citizen_phone": "0912 000 111",
        },
    )
    item = Feedback.objects.get()
    assert ok.status_code == 302 and ok["Location"] == f"/phan-anh/{item.pk}/"
    # Fri 4 Dec 17:30, after office hours: deemed Mon 7 Dec; 8–11 (4), 14–18 (9), 21–25 (14),
    # Mon 28 Dec (15).
    assert (item.deemed_receipt_on, item.due_on, item.received_by) == (
        dt.date(2026, 12, 7),
        dt.date(2026, 12, 28),
        w.officer,
    )


def test_a_unit_head_cannot_take_in_for_another_unit(w: World) -> None:
    r = client(w.head_x1).post(
        "/phan-anh/moi/",
        {"unit": "X2", "channel": "phone", "received_date": "04/12/2026", "text": "x"},
    )
    assert (
        r.status_code == 400
        and "không tiếp nhận phản ánh cho Phường Rạch Dừa" in r.content.decode()
    )


def test_officer_assigns_head_answers_officer_closes_through_the_pages(w: World) -> None:
    item = feedback(w)
    officer, head = client(w.officer), client(w.head_x1)
    assert (
        officer.post(f"/phan-anh/{item.pk}/giao/", {"assignee": w.deputy_x1.pk}).status_code == 302
    )
    empty = head.post(f"/phan-anh/{item.pk}/tra-loi/", {"answer": " ", "answered_on": "04/12/2026"})
    assert empty.status_code == 400 and 'id="s-answer-error"' in empty.content.decode()
    assert (
        head.post(
            f"/phan-anh/{item.pk}/tra-loi/", {"answer": "Đã xử lý", "answered_on": "04/12/2026"}
        ).status_code
        == 302
    )
    # A unit head may not close it with the citizen's rating? He may: his unit's item.
    no_rating = officer.post(f"/phan-anh/{item.pk}/ket-thuc/", {"closed_on": "05/12/2026"})
    assert no_rating.status_code == 400 and "Chưa chọn đánh giá" in no_rating.content.decode()
    assert (
        officer.post(
            f"/phan-anh/{item.pk}/ket-thuc/", {"rating": "not_satisfied", "closed_on": "05/12/2026"}
        ).status_code
        == 302
    )
    item.refresh_from_db()
    assert item.state == FeedbackState.CLOSED and item.recomplaints.count() == 1
    assert item.answered_on == dt.date(2026, 12, 4)
    page = officer.get(f"/phan-anh/{item.pk}/").content.decode()
    steps = ["Tiếp nhận", "Giao xử lý", "Trả lời", "Kết thúc"]
    assert [f"officer · {s}" in page for s in steps] == [True, True, False, True]
    assert "head_x1 · Trả lời" in page


def test_navigation_count_and_the_unit_heads_home_block(w: World) -> None:
    feedback(w)
    feedback(w)
    feedback(w, unit=w.x2)
    home = client(w.head_x1).get("/").content.decode()
    assert "Phản ánh (2)" in home and "Phản ánh cần trả lời" in home
    officer_home = client(w.officer).get("/").content.decode()
    assert "Phản ánh (3)" in officer_home and "Phản ánh cần trả lời" not in officer_home


def test_an_earlier_item_of_the_same_citizen_is_linked_for_the_handlers(w: World) -> None:
    first = feedback(w)
    second = feedback(w, received_at=dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC))
    assert first.citizen_pseudonym == second.citizen_pseudonym
    page = client(w.head_x1).get(f"/phan-anh/{second.pk}/").content.decode()
    assert "Người này đã phản ánh trước đây" in page and f"/phan-anh/{first.pk}/" in page
    assert (
        "Người này đã phản ánh"
        not in client(w.steering).get(f"/phan-anh/{second.pk}/").content.decode()
    )


def test_an_answer_dated_in_the_future_is_refused_beside_its_date(w: World) -> None:
    item = feedback(w)
    r = client(w.head_x1).post(
        f"/phan-anh/{item.pk}/tra-loi/", {"answer": "Đã xử lý", "answered_on": "07/12/2026"}
    )
    page = r.content.decode()
    assert r.status_code == 400 and 'id="s-answered_on-error"' in page and "tương lai" in page
    assert "Đã xử lý" in page  # the typed answer is kept
    assert Feedback.objects.get(pk=item.pk).state == FeedbackState.RECEIVED


def test_an_item_due_within_three_working_days_is_badged_due_soon(w: World) -> None:
    # Tue 17 Nov 2026: day 1 Wed 18; 18–20 (3), 23 (4), 24 Nov off (Ngày Văn hóa Việt Nam),
    # 25–27 (7), 30 Nov – 4 Dec (12), 7, 8, 9 Dec (15) → due Wed 9 Dec. On Sat 5 Dec the working
    # days left are Mon 7, Tue 8, Wed 9: three.
    item = feedback(w, received_at=dt.datetime(2026, 11, 17, 2, 0, tzinfo=dt.UTC))
    assert item.due_on == dt.date(2026, 12, 9)
    page = client(w.officer).get("/phan-anh/").content.decode()
    assert "Còn 3 ngày làm việc" in page and "Quá hạn" not in page


def test_the_pages_speak_english_when_asked(w: World) -> None:
    from django.conf import settings

    item = feedback(w)
    c = client(w.head_x1)
    c.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    listing = c.get("/phan-anh/").content.decode()
    assert "<h1>Citizens' feedback</h1>" in listing and "Overdue only" in listing
    page = c.get(f"/phan-anh/{item.pk}/").content.decode()
    assert "Answer the citizen" in page and "Personal ID number" in page
    assert "Feedback (1)" in c.get("/").content.decode()
