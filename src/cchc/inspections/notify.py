"""Notifications: in-app always; a copy by e-mail when e-mail is configured.

E-mail is configured when Django's backend is not SMTP (locmem in tests, console in
development) or when settings define a non-empty `SMTP_HOST`.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mail

from cchc.core.models import Profile, Role, Unit
from cchc.inspections.models import CorrectiveAction, Inspection, Notification

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


def email_enabled() -> bool:
    backend = getattr(settings, "EMAIL_BACKEND", SMTP_BACKEND)
    return backend != SMTP_BACKEND or bool(getattr(settings, "SMTP_HOST", ""))


def notify(
    users: Iterable[User], subject: str, body: str, action: CorrectiveAction | None = None
) -> list[Notification]:
    """One notification per distinct user (and an e-mail to those with an address)."""
    sent: list[Notification] = []
    seen: set[int] = set()
    mail = email_enabled()
    for user in users:
        if user.pk in seen:
            continue
        seen.add(user.pk)
        note = Notification.objects.create(user=user, subject=subject, body=body, action=action)
        if mail and user.email:
            send_mail(subject, body, None, [user.email], fail_silently=True)
            note.emailed = True
            note.save(update_fields=["emailed"])
        sent.append(note)
    return sent


def unit_heads(unit: Unit) -> list[User]:
    ids = Profile.objects.filter(role=Role.UNIT_HEAD, unit=unit).values_list("user_id", flat=True)
    return list(User.objects.filter(pk__in=list(ids), is_active=True))


def steering_members() -> list[User]:
    ids = Profile.objects.filter(role=Role.STEERING).values_list("user_id", flat=True)
    return list(User.objects.filter(pk__in=list(ids), is_active=True))


def team_of(inspection: Inspection) -> list[User]:
    return list(inspection.team.filter(is_active=True))
