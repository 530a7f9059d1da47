"""The life of a feedback item: received → assigned → answered → closed (docs/citizens.md).

- assign: to an active user of the item's unit, while received or assigned;
- answer: needs the text of the answer, while received or assigned;
- close: once answered, with the citizen's rating; "not satisfied" opens a re-complaint, a new
  item linked to this one, with its own deadline;
- the staff category may be chosen at any time before the item is closed.
Every change goes to the audit log (cchc.core.audit.record_change). A refused step raises
FeedbackRefused with a Vietnamese message and changes nothing.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import transaction
from django.utils import timezone

from cchc.citizens.categories import FeedbackCategory
from cchc.citizens.feedback_intake import ContactData, take_in
from cchc.citizens.feedback_refusals import FeedbackRefused
from cchc.citizens.models_feedback import (
    OPEN_STATES,
    Feedback,
    FeedbackContact,
    FeedbackRating,
    FeedbackState,
)
from cchc.core import clock
from cchc.core.audit import record_change, snapshot

Actor = AbstractBaseUser | AnonymousUser | None


def assignable_users(item: Feedback) -> list[User]:
    """The active users whose profile belongs to the item's unit."""
    return list(
        User.objects.filter(is_active=True, cchc_profile__unit_id=item.unit_id).order_by("username")
    )


def _require_open(item: Feedback, doing: str) -> None:
    if item.state not in OPEN_STATES:
        raise FeedbackRefused(
            f"Không thể {doing}: phản ánh {item.code} đang ở trạng thái "
            f"“{item.get_state_display()}”."
        )


def assign(user: Actor, item: Feedback, assignee: User) -> Feedback:
    _require_open(item, "giao xử lý")
    if not assignee.is_active or assignee not in assignable_users(item):
        raise FeedbackRefused(
            f"Không thể giao cho {assignee.get_username()}: người này không thuộc {item.unit.name}."
        )
    before = snapshot(item)
    item.assignee = assignee
    item.state = FeedbackState.ASSIGNED
    with transaction.atomic():
        item.save()
        record_change(user, "feedback.assign", item, before, snapshot(item))
    return item


def answer(user: Actor, item: Feedback, text: str, on: dt.date) -> Feedback:
    _require_open(item, "trả lời")
    if not text.strip():
        raise FeedbackRefused("Chưa có nội dung trả lời: hãy nhập nội dung trả lời người dân.")
    if on < item.received_at.astimezone(timezone.get_current_timezone()).date():
        raise FeedbackRefused(
            "Ngày trả lời không thể trước ngày tiếp nhận phản ánh.", "answered_on"
        )
    if on > clock.today():
        raise FeedbackRefused("Ngày trả lời không thể ở tương lai.", "answered_on")
    before = snapshot(item)
    item.answer = text.strip()
    item.answered_on = on
    item.state = FeedbackState.ANSWERED
    with transaction.atomic():
        item.save()
        record_change(user, "feedback.answer", item, before, snapshot(item))
    return item


def close(
    user: Actor, item: Feedback, rating: str, on: dt.date, now: dt.datetime | None = None
) -> Feedback | None:
    """Close an answered item with the citizen's rating; returns the re-complaint, if any."""
    if item.state != FeedbackState.ANSWERED:
        raise FeedbackRefused(
            f"Chỉ kết thúc được phản ánh đã trả lời; {item.code} đang ở trạng thái "
            f"“{item.get_state_display()}”."
        )
    if rating not in FeedbackRating.values:
        raise FeedbackRefused(
            "Chưa chọn đánh giá của người dân (hài lòng, không hài lòng hoặc không đánh giá)."
        )
    if item.answered_on is not None and on < item.answered_on:
        raise FeedbackRefused("Ngày kết thúc không thể trước ngày trả lời.", "closed_on")
    if on > clock.today():
        raise FeedbackRefused("Ngày kết thúc không thể ở tương lai.", "closed_on")
    before = snapshot(item)
    item.rating = rating
    item.closed_on = on
    item.state = FeedbackState.CLOSED
    with transaction.atomic():
        item.save()
        record_change(user, "feedback.close", item, before, snapshot(item))
        if rating != FeedbackRating.NOT_SATISFIED:
            return None
        return _recomplaint(user, item, now or timezone.now())


def _recomplaint(user: Actor, item: Feedback, now: dt.datetime) -> Feedback:
    contact = FeedbackContact.objects.filter(feedback=item).first()
    return take_in(
        user,
        unit=item.unit,
        channel=item.channel,
        text=f"Tái phản ánh (không hài lòng với trả lời phản ánh {item.code}): {item.text}",
        received_at=now,
        dossier_code=item.dossier_code,
        contact=ContactData(contact.name, contact.phone, contact.id_number)
        if contact
        else ContactData(),
        previous=item,
        now=now,
    )


def choose_category(user: Actor, item: Feedback, category: str) -> Feedback:
    if item.state == FeedbackState.CLOSED:
        raise FeedbackRefused(f"Phản ánh {item.code} đã kết thúc, không đổi phân loại được.")
    if category not in FeedbackCategory.values:
        raise FeedbackRefused(f"Phân loại không hợp lệ: {category!r}.")
    before = snapshot(item)
    item.category = category
    with transaction.atomic():
        item.save()
        record_change(user, "feedback.categorise", item, before, snapshot(item))
    return item
