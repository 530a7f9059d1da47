"""A reminder to a unit with no account is not claimed as sent: it is recorded undelivered, shown
to the reform officer, tried again on the next daily run, and delivered once the unit has an
account. The inbox and the officer's page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client

from cchc.core.models import Profile, Role
from cchc.inspections import services
from cchc.inspections.models import CorrectiveAction, ReminderSent
from cchc.notices.models import EmailDelivery, JobRun, Notice, Undelivered
from cchc.notices.worker import tick
from tests.inspections.steps import conclude, walk
from tests.inspections.world import World, build_world
from tests.notices.conftest import Clock, SmtpServer

pytestmark = pytest.mark.django_db(transaction=True)
D = dt.date


def _action_of_x3(w: World) -> CorrectiveAction:
    """Commune X3 has no head with an account; its action is due Mon 19 Feb 2024."""
    insp = services.create_inspection(None, kind="periodic", unit=w.x3, date=D(2024, 2, 1))
    walk(insp)
    f = services.record_finding(
        None, insp, category="publicity", severity="reminder", description="Chưa niêm yết"
    )
    conclude(insp)
    return services.raise_action(None, f, description="Niêm yết TTHC", deadline=D(2024, 2, 19))


def _reminder_key(action: CorrectiveAction) -> str:
    return f"inspections.reminder:{action.pk}"


def test_no_recipient_is_undelivered_retried_then_delivered(
    smtp: SmtpServer, fake_clock: Clock
) -> None:
    w = build_world()
    action = _action_of_x3(w)
    # 3 working days before Mon 19 Feb 2024 is Wed 7 Feb (Tết 8–14 Feb in between)
    fake_clock.at(dt.datetime(2024, 2, 7, 7, 0))
    tick()
    assert not ReminderSent.objects.filter(action=action).exists()  # not claimed as sent
    missed = Undelivered.objects.get(key=_reminder_key(action))
    assert missed.reason == "không có người nhận" and missed.tries == 1
    assert missed.audience == "Thủ trưởng Xã Tân Hải" and missed.delivered_at is None
    run = JobRun.objects.get(job="inspections.reminders", day=D(2024, 2, 7))
    assert "1 chưa gửi được" in run.result and not run.error

    fake_clock.at(dt.datetime(2024, 2, 8, 7, 0))
    tick()  # the next daily run tries again
    missed.refresh_from_db()
    assert missed.tries == 2 and missed.delivered_at is None
    assert not ReminderSent.objects.filter(action=action).exists()

    head = User.objects.create_user("head_x3", email="head_x3@example.gov.vn")
    Profile.objects.create(user=head, role=Role.UNIT_HEAD, unit=w.x3)
    fake_clock.at(dt.datetime(2024, 2, 9, 7, 0))
    tick()
    assert ReminderSent.objects.get(action=action).sent_on == D(2024, 2, 9)
    missed.refresh_from_db()
    assert missed.delivered_at == fake_clock.moment
    notice = Notice.objects.get(user=head, subject__startswith="Sắp đến hạn")
    assert EmailDelivery.objects.get(notice=notice).state == "sent"
    assert [m["To"] for m in smtp.mailbox.messages()] == ["head_x3@example.gov.vn"]

    fake_clock.at(dt.datetime(2024, 2, 10, 7, 0))
    tick()  # sent once: not again
    assert Notice.objects.filter(user=head, subject__startswith="Sắp đến hạn").count() == 1


def test_the_officer_sees_undelivered_reminders_and_failed_emails(
    closed_port: int, fake_clock: Clock
) -> None:
    w = build_world()
    fake_clock.at(dt.datetime(2024, 2, 7, 7, 0))
    action = _action_of_x3(w)
    tick()
    services.raise_action(None, action.finding, description="Sửa nội quy", deadline=D(2024, 3, 1))
    officer = Client()
    officer.force_login(w.officer)
    html = officer.get("/thong-bao/chua-gui-duoc/").content.decode()
    assert "Nhắc việc chưa gửi được" in html
    assert "Sắp đến hạn khắc phục (19/02/2024)" in html and "không có người nhận" in html
    assert "Thủ trưởng Xã Tân Hải" in html and "07/02/2024 07:00" in html
    # X3 has no head, but raising an action on X1 mails head_x1 through the closed port
    insp = services.create_inspection(None, kind="periodic", unit=w.x1, date=D(2024, 2, 1))
    walk(insp)
    f = services.record_finding(None, insp, category="other", severity="reminder", description="y")
    conclude(insp)
    services.raise_action(None, f, description="Công khai TTHC", deadline=D(2024, 3, 1))
    html = officer.get("/thong-bao/chua-gui-duoc/").content.decode()
    assert "head_x1@example.gov.vn" in html and "07/02/2024 07:01" in html  # retry a minute on
    assert "Nhắc hạn, báo cáo quá hạn khắc phục" in html and "07/02/2024" in html
    head = Client()
    head.force_login(w.head_x1)
    assert head.get("/thong-bao/chua-gui-duoc/").status_code == 403


def test_the_inbox_counts_unread_in_the_navigation(fake_clock: Clock) -> None:
    w = build_world()
    insp = services.create_inspection(None, kind="periodic", unit=w.x1, date=D(2024, 2, 1))
    walk(insp)
    f = services.record_finding(None, insp, category="other", severity="reminder", description="y")
    conclude(insp)
    action = services.raise_action(None, f, description="Công khai TTHC", deadline=D(2024, 3, 1))
    head = Client()
    head.force_login(w.head_x1)
    html = head.get("/thong-bao/").content.decode()
    assert "Thông báo (1)" in html and "Yêu cầu khắc phục mới" in html
    assert f'href="/kiem-tra/{insp.pk}/#kp-{action.pk}"' in html
    assert head.get("/kiem-tra/thong-bao/").status_code == 200  # the former address
    head.post("/thong-bao/")
    assert "Thông báo (1)" not in head.get("/thong-bao/").content.decode()


def test_the_pages_speak_english_on_request(fake_clock: Clock) -> None:
    w = build_world()
    officer = Client()
    officer.force_login(w.officer)
    officer.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = officer.get("/thong-bao/").content.decode()
    assert "<h1>Notifications" in html and "No notifications." in html
    html = officer.get("/thong-bao/chua-gui-duoc/").content.decode()
    assert "<h1>Undelivered reminders" in html and "Failed e-mails" in html


def test_the_remind_command_says_what_found_no_recipient(
    fake_clock: Clock, capsys: pytest.CaptureFixture[str]
) -> None:
    from cchc.cli import main

    _action_of_x3(build_world())
    assert main(["inspections", "remind", "--today", "2024-02-07"]) == 0
    out = capsys.readouterr().out
    assert "Đã gửi 0 nhắc hạn" in out
    assert "1 nhắc việc chưa gửi được: không có người nhận" in out
