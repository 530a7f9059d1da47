"""The e-mail copy of a notice: sent means the SMTP server accepted it.

E-mail is configured when Django's backend is not SMTP (locmem in tests, console in development)
or when CCHC_SMTP_HOST is set. Sending happens after the notice's transaction commits (nothing is
mailed about a change that was rolled back) and again from the worker for failed deliveries whose
next attempt is due.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage, get_connection

from cchc.core import clock
from cchc.notices.backoff import retry_delay
from cchc.notices.models import EmailDelivery, EmailState

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
# a delivery being sent is hidden from other senders this long (a crash mid-send retries after)
LEASE = dt.timedelta(minutes=10)
log = logging.getLogger(__name__)


def email_enabled() -> bool:
    backend = getattr(settings, "EMAIL_BACKEND", SMTP_BACKEND)
    return backend != SMTP_BACKEND or bool(getattr(settings, "SMTP_HOST", ""))


@dataclass(frozen=True)
class SendResult:
    sent: int = 0
    failed: int = 0


def _message(delivery: EmailDelivery) -> EmailMessage:
    notice = delivery.notice
    body = notice.body
    if notice.link and settings.SITE_URL:
        body += f"\n\nXem tại: {settings.SITE_URL}{notice.link}"
    return EmailMessage(notice.subject, body, None, [delivery.address])


def _claim(pk: int, now: dt.datetime) -> bool:
    """Take the delivery for this attempt; False when another sender has it or it is not due."""
    return (
        EmailDelivery.objects.filter(
            pk=pk,
            state__in=[EmailState.PENDING, EmailState.FAILED],
            next_attempt_at__lte=now,
        ).update(next_attempt_at=now + LEASE)
        == 1
    )


def attempt(pk: int, now: dt.datetime | None = None) -> bool | None:
    """One attempt at delivery `pk`: True sent, False failed, None not due or taken."""
    moment = now or clock.now()
    if not _claim(pk, moment):
        return None
    delivery = EmailDelivery.objects.select_related("notice").get(pk=pk)
    delivery.attempts += 1
    try:
        with get_connection(fail_silently=False) as connection:
            accepted = connection.send_messages([_message(delivery)])
        if accepted != 1:
            raise RuntimeError("máy chủ thư không nhận thư (the server accepted no message)")
    except Exception as exc:  # any refusal, timeout or closed port is a failed attempt
        delay = retry_delay(delivery.attempts, settings.EMAIL_MAX_ATTEMPTS)
        delivery.state = EmailState.FAILED
        delivery.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        delivery.next_attempt_at = None if delay is None else moment + delay
        delivery.save(update_fields=["attempts", "state", "last_error", "next_attempt_at"])
        log.warning("e-mail #%s to %s failed: %s", pk, delivery.address, delivery.last_error)
        return False
    delivery.state = EmailState.SENT
    delivery.sent_at = clock.now()
    delivery.next_attempt_at = None
    delivery.save(update_fields=["attempts", "state", "sent_at", "next_attempt_at"])
    return True


def send(pks: Iterable[int], now: dt.datetime | None = None) -> SendResult:
    outcomes = [attempt(pk, now) for pk in pks]
    return SendResult(sent=outcomes.count(True), failed=outcomes.count(False))


def send_due(now: dt.datetime | None = None) -> SendResult:
    """Every e-mail waiting or failed whose next attempt has come."""
    moment = now or clock.now()
    due = EmailDelivery.objects.filter(
        state__in=[EmailState.PENDING, EmailState.FAILED], next_attempt_at__lte=moment
    ).order_by("next_attempt_at", "pk")
    return send(list(due.values_list("pk", flat=True)[:500]), moment)
