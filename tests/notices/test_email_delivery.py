"""An e-mail is sent only when the SMTP server accepted it; a refusal or a closed port leaves it
failed with the error and a next attempt, tried again by the worker until the server takes it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import transaction

from cchc.notices.backoff import retry_delay
from cchc.notices.delivery import notify
from cchc.notices.models import EmailDelivery, EmailState, Notice
from cchc.notices.worker import tick
from tests.notices.conftest import Clock, SmtpServer

pytestmark = pytest.mark.django_db(transaction=True)  # e-mails go after the commit
MINUTE = dt.timedelta(minutes=1)


def _user(name: str, email: str = "") -> User:
    return User.objects.create_user(name, email=email or f"{name}@example.gov.vn")


def test_an_accepted_email_is_sent_and_the_server_has_it(
    smtp: SmtpServer, fake_clock: Clock
) -> None:
    an = _user("an")
    delivery = notify([an], "Sắp đến hạn khắc phục", "Niêm yết TTHC", link="/kiem-tra/1/")
    assert delivery.delivered and len(delivery.notices) == 1
    email = EmailDelivery.objects.get(notice=delivery.notices[0])
    assert email.state == EmailState.SENT and email.attempts == 1
    assert email.sent_at is not None and email.next_attempt_at is None
    assert len(smtp.mailbox.received) == 1
    assert smtp.mailbox.received[0].rcpt_tos == ["an@example.gov.vn"]
    message = smtp.mailbox.messages()[0]
    assert message["Subject"] == "Sắp đến hạn khắc phục"
    assert message.get_content().strip() == "Niêm yết TTHC"


@pytest.mark.parametrize("stage", ["rcpt", "data"])
def test_a_refused_email_is_failed_with_the_error_and_a_next_attempt(
    smtp: SmtpServer, fake_clock: Clock, stage: str
) -> None:
    smtp.mailbox.refuse = stage
    now = fake_clock.moment
    notice = notify([_user("binh")], "Quá hạn khắc phục", "x").notices[0]
    email = EmailDelivery.objects.get(notice=notice)
    assert email.state == EmailState.FAILED and email.sent_at is None
    assert email.attempts == 1 and "550" in email.last_error
    assert email.next_attempt_at == now + MINUTE  # the first retry a minute later
    assert smtp.mailbox.received == []


def test_a_closed_port_is_a_failure_never_a_sent_email(closed_port: int, fake_clock: Clock) -> None:
    notice = notify([_user("chi")], "Nhắc hạn", "x").notices[0]
    email = EmailDelivery.objects.get(notice=notice)
    assert email.state == EmailState.FAILED and email.sent_at is None
    assert "Connection" in email.last_error or "refused" in email.last_error.lower()
    assert email.next_attempt_at == fake_clock.moment + MINUTE


def test_the_worker_sends_it_once_the_server_recovers(smtp: SmtpServer, fake_clock: Clock) -> None:
    smtp.mailbox.refuse = "rcpt"
    notice = notify([_user("dung")], "Nhắc hạn", "Báo cáo khắc phục").notices[0]
    smtp.mailbox.refuse = None
    fake_clock.advance(dt.timedelta(seconds=30))
    assert tick().emails.sent == 0  # not yet due: still failed, nothing sent
    assert EmailDelivery.objects.get(notice=notice).state == EmailState.FAILED
    fake_clock.advance(dt.timedelta(seconds=30))
    assert tick().emails.sent == 1
    email = EmailDelivery.objects.get(notice=notice)
    assert email.state == EmailState.SENT and email.attempts == 2
    assert email.sent_at is not None and len(smtp.mailbox.received) == 1
    assert tick().emails.sent == 0  # never twice


def test_retries_wait_longer_then_stop(closed_port: int, fake_clock: Clock, settings: Any) -> None:
    settings.EMAIL_MAX_ATTEMPTS = 6
    notice = notify([_user("giang")], "Nhắc hạn", "x").notices[0]
    # after failure n the wait is: 1 min, 5 min, 30 min, 2 h, then a day; the 6th is the last
    waits = [MINUTE, 5 * MINUTE, 30 * MINUTE, 120 * MINUTE, dt.timedelta(days=1)]
    for attempt, wait in enumerate(waits, start=1):
        email = EmailDelivery.objects.get(notice=notice)
        assert email.attempts == attempt
        assert email.next_attempt_at == fake_clock.moment + wait
        fake_clock.advance(wait)
        assert tick().emails.failed == 1
    email = EmailDelivery.objects.get(notice=notice)
    assert email.attempts == 6 and email.state == EmailState.FAILED
    assert email.next_attempt_at is None  # given up; the officer's page says so
    fake_clock.advance(dt.timedelta(days=30))
    assert tick().emails.failed == 0


def test_the_retry_schedule() -> None:
    # restated: 1, 5, 30 minutes, 2 hours, then daily; none after the last allowed attempt
    assert [retry_delay(n, 8) for n in range(1, 9)] == [
        dt.timedelta(minutes=1),
        dt.timedelta(minutes=5),
        dt.timedelta(minutes=30),
        dt.timedelta(hours=2),
        dt.timedelta(days=1),
        dt.timedelta(days=1),
        dt.timedelta(days=1),
        None,
    ]


def test_nothing_is_mailed_about_a_change_that_was_rolled_back(
    smtp: SmtpServer, fake_clock: Clock
) -> None:
    user = _user("hoa")
    with pytest.raises(RuntimeError), transaction.atomic():
        notify([user], "Yêu cầu khắc phục mới", "x")
        raise RuntimeError("the change failed")
    assert not Notice.objects.exists() and smtp.mailbox.received == []


def test_no_address_no_email_but_the_notice_is_delivered(
    smtp: SmtpServer, fake_clock: Clock
) -> None:
    user = User.objects.create_user("khoa")  # no e-mail address
    delivery = notify([user, user], "Nhắc hạn", "x")
    assert delivery.delivered and len(delivery.notices) == 1 and delivery.emails == ()
    assert smtp.mailbox.received == []


def test_without_smtp_only_in_app(settings: Any, fake_clock: Clock) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.SMTP_HOST = ""
    delivery = notify([_user("lan")], "Nhắc hạn", "x")
    assert delivery.delivered and not EmailDelivery.objects.exists()
