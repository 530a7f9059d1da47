"""notify(): say something to people and know whether it reached them.

Each distinct active user gets an in-app Notice (delivered when created) and, when e-mail is
configured and the user has an address, an EmailDelivery sent after the transaction commits.
With no one to receive it the message is recorded Undelivered (không có người nhận) for the
reform officer to see, and nothing is claimed as sent; a later call with the same `key` that
reaches someone marks it delivered.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction

from cchc.core import clock
from cchc.notices.mail import email_enabled, send
from cchc.notices.models import EmailDelivery, Notice, Undelivered

NO_RECIPIENT = "không có người nhận"


@dataclass(frozen=True)
class Delivery:
    """What notify() delivered: the notices created, the e-mails queued, or the undelivered
    record when nobody could receive it."""

    notices: tuple[Notice, ...]
    emails: tuple[EmailDelivery, ...] = ()
    undelivered: Undelivered | None = None

    @property
    def delivered(self) -> bool:
        return bool(self.notices)


def notify(
    users: Iterable[User],
    subject: str,
    body: str,
    *,
    link: str = "",
    about: str = "",
    key: str = "",
    audience: str = "",
) -> Delivery:
    """Tell each distinct active user in `users`.

    link: the page of the thing it is about; about: a tag its app filters notices by
    ("inspections.action:34"); key: a stable name of this message, so that retries of an
    undelivered one update one record; audience: who it was meant for, shown when undelivered.
    """
    now = clock.now()
    recipients = _distinct_active(users)
    if not recipients:
        return Delivery((), (), _record_undelivered(key, subject, body, link, audience))
    mail = email_enabled()
    notices: list[Notice] = []
    emails: list[EmailDelivery] = []
    for user in recipients:
        notice = Notice.objects.create(
            user=user, subject=subject, body=body, link=link, about=about
        )
        notices.append(notice)
        address = getattr(user, "email", "")
        if mail and address:
            emails.append(
                EmailDelivery.objects.create(notice=notice, address=address, next_attempt_at=now)
            )
    if key:
        Undelivered.objects.filter(key=key, delivered_at__isnull=True).update(delivered_at=now)
    if emails:
        pks = [e.pk for e in emails]
        transaction.on_commit(lambda: send(pks))
    return Delivery(tuple(notices), tuple(emails))


def _distinct_active(users: Iterable[User]) -> list[User]:
    seen: set[object] = set()
    out = []
    for user in users:
        if user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        out.append(user)
    return out


def _record_undelivered(key: str, subject: str, body: str, link: str, audience: str) -> Undelivered:
    now = clock.now()
    row = Undelivered.objects.filter(key=key, delivered_at__isnull=True).first() if key else None
    if row is None:
        return Undelivered.objects.create(
            key=key,
            subject=subject,
            body=body,
            link=link,
            audience=audience,
            reason=NO_RECIPIENT,
            first_tried_at=now,
            last_tried_at=now,
        )
    row.subject, row.body, row.link, row.audience = subject, body, link, audience
    row.last_tried_at = now
    row.tries += 1
    row.save(update_fields=["subject", "body", "link", "audience", "last_tried_at", "tries"])
    return row
