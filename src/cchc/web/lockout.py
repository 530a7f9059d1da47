"""Lock-out after repeated failed logins, per username and client address."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from cchc.web.models import LoginFailure


def client_ip(request: HttpRequest) -> str:
    # Behind a reverse proxy REMOTE_ADDR is the proxy; we do not trust X-Forwarded-For by default.
    return str(request.META.get("REMOTE_ADDR") or "unknown")[:64]


def _window() -> dt.timedelta:
    return dt.timedelta(minutes=int(settings.LOGIN_LOCKOUT_MINUTES))


def locked_until(username: str, ip: str) -> dt.datetime | None:
    """When the lock on this username+address ends, or None when not locked."""
    row = LoginFailure.objects.filter(username=username.lower(), ip=ip).first()
    if row is None or row.failures < int(settings.LOGIN_MAX_FAILURES):
        return None
    until = row.last_failure_at + _window()
    return until if until > timezone.now() else None


def record_failure(username: str, ip: str) -> None:
    now = timezone.now()
    with transaction.atomic():
        row, _ = LoginFailure.objects.get_or_create(
            username=username.lower(), ip=ip, defaults={"last_failure_at": now}
        )
        if row.last_failure_at + _window() <= now:
            row.failures = 0  # the earlier failures have expired
        row.failures += 1
        row.last_failure_at = now
        row.save()


def clear_failures(username: str, ip: str) -> None:
    LoginFailure.objects.filter(username=username.lower(), ip=ip).delete()
