"""Reminders before a feedback item's due date and escalation after it, once per item per kind;
a unit with no account to notify is recorded as not delivered and tried again later.

The item received Mon 2 Nov 2026 09:30 is due Mon 23 Nov 2026. Three working days before it,
counting back by hand (Sat 21, Sun 22 skipped): Fri 20, Thu 19, Wed 18 Nov — the reminder goes
from Wed 18 Nov; the escalation from Tue 24 Nov, the day after the due date."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from cchc.citizens import feedback_states as states
from cchc.citizens.feedback_reminders import send_feedback_reminders
from cchc.citizens.models_feedback import FeedbackReminder
from cchc.cli import main
from cchc.core.models import Profile, Role, Unit, UnitKind
from cchc.notices.models import EmailDelivery
from cchc.notices.models import Notice as Notification
from tests.citizens.feedback_world import World, build_world, feedback

pytestmark = pytest.mark.django_db


@pytest.fixture
def w() -> World:
    return build_world()


def test_reminder_then_escalation_each_once(w: World, capsys: pytest.CaptureFixture[str]) -> None:
    item = feedback(w)
    mail.outbox.clear()
    assert main(["feedback", "remind", "--today", "2026-11-17"]) == 0
    assert not FeedbackReminder.objects.exists()
    assert main(["feedback", "remind", "--today", "2026-11-18"]) == 0
    assert "Đã gửi 1 nhắc hạn, 0 báo quá hạn" in capsys.readouterr().out
    to = {n.user.username for n in Notification.objects.all()}
    assert to == {"head_x1", "deputy_x1"}
    assert send_feedback_reminders(dt.date(2026, 11, 19)).reminders == 0  # not again
    assert send_feedback_reminders(dt.date(2026, 11, 23)).escalations == 0  # due today: in time
    result = send_feedback_reminders(dt.date(2026, 11, 24))
    assert (result.reminders, result.escalations, result.undelivered) == (0, 1, 0)
    escalated = {
        n.user.username for n in Notification.objects.filter(subject__startswith="Quá hạn")
    }
    assert escalated == {"head_x1", "deputy_x1", "officer", "officer2", "steering"}
    assert send_feedback_reminders(dt.date(2026, 11, 25)).escalations == 0
    assert sorted(FeedbackReminder.objects.values_list("kind", "delivered")) == [
        ("escalation", True),
        ("reminder", True),
    ]
    # a copy by e-mail is queued (sent once committed: tests/notices)
    assert EmailDelivery.objects.filter(address="steering@example.gov.vn").exists()
    # An answered item is no longer reminded.
    states.answer(w.head_x1, item, "Đã trả lời.", dt.date(2026, 11, 25))
    assert send_feedback_reminders(dt.date(2026, 12, 1)) == send_feedback_reminders(
        dt.date(2026, 12, 2)
    )


def test_a_unit_without_an_account_is_not_delivered(
    w: World, capsys: pytest.CaptureFixture[str]
) -> None:
    x3 = Unit.objects.create(code="X3", name="Xã Tân Hải", kind=UnitKind.COMMUNE, parent=w.prov)
    feedback(w, unit=x3)
    assert main(["feedback", "remind", "--today", "2026-11-18"]) == 0
    out = capsys.readouterr().out
    assert "Đã gửi 0 nhắc hạn" in out and "1 không gửi được" in out
    assert list(FeedbackReminder.objects.values_list("kind", "delivered", "recipients")) == [
        ("reminder", False, 0)
    ]
    assert not Notification.objects.exists()
    # Once the commune has a head, the next run delivers it, and only once.
    head = type(w.officer).objects.create_user("head_x3", email="h3@example.gov.vn")
    Profile.objects.create(user=head, role=Role.UNIT_HEAD, unit=x3)
    assert send_feedback_reminders(dt.date(2026, 11, 19)).reminders == 1
    assert send_feedback_reminders(dt.date(2026, 11, 20)).reminders == 0
    assert Notification.objects.filter(user=head).count() == 1
