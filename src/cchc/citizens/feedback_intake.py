"""Taking in a feedback item (tiếp nhận phản ánh): the checks, its deadline, the citizen's
pseudonym and the classifier's suggestion. Shared by the intake form, the import and re-complaints.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import transaction
from django.utils import timezone

from cchc.citizens.categories import FeedbackCategory
from cchc.citizens.classify import suggest
from cchc.citizens.feedback_deadline import FeedbackDates, feedback_dates
from cchc.citizens.feedback_refusals import FeedbackRefused
from cchc.citizens.feedback_rules import load_feedback_rules
from cchc.citizens.models_feedback import Feedback, FeedbackChannel, FeedbackContact
from cchc.core.audit import record_change, snapshot
from cchc.core.calendar_db import get_calendar
from cchc.core.models import Unit
from cchc.dossiers.models import Dossier
from cchc.dossiers.pseudonym import pseudonym

Actor = AbstractBaseUser | AnonymousUser | None


@dataclass(frozen=True)
class ContactData:
    """The citizen's personal data, as given (any part may be empty)."""

    name: str = ""
    phone: str = ""
    id_number: str = ""

    def pseudonym(self) -> str:
        """Keyed hash of the ID number, else of the phone digits; empty when neither is given."""
        if self.id_number.strip():
            return pseudonym(self.id_number, settings.PSEUDONYM_KEY)
        digits = "".join(c for c in self.phone if c.isdigit())
        return pseudonym(f"tel:{digits}", settings.PSEUDONYM_KEY) if digits else ""


def local(moment: dt.datetime) -> dt.datetime:
    """The moment in local time (Asia/Ho_Chi_Minh); a naive moment is taken as local."""
    if timezone.is_naive(moment):
        return timezone.make_aware(moment)
    return timezone.localtime(moment)


def dates_for(received_at: dt.datetime) -> FeedbackDates:
    rules = load_feedback_rules()
    moment = local(received_at)
    return feedback_dates(
        moment.date(),
        moment.hour * 60 + moment.minute,
        rules.working_days,
        rules.office_closes_minute,
        get_calendar(),
    )


def dossier_problem(unit: Unit, dossier_code: str) -> str | None:
    """Why the dossier code cannot be linked, or None (an empty code is fine)."""
    code = dossier_code.strip()
    if not code:
        return None
    found = Dossier.objects.filter(code=code).values_list("unit_code", flat=True).first()
    if found is None:
        return f"Không có hồ sơ mã {code} trong dữ liệu."
    if found != unit.code:
        return f"Hồ sơ {code} không thuộc {unit.name}."
    return None


def received_problem(received_at: dt.datetime, now: dt.datetime) -> str | None:
    if local(received_at) > local(now):
        return "Thời điểm tiếp nhận không thể ở tương lai."
    return None


def take_in(
    user: Actor,
    *,
    unit: Unit,
    channel: str,
    text: str,
    received_at: dt.datetime,
    dossier_code: str = "",
    category: str = "",
    contact: ContactData | None = None,
    code: str = "",
    previous: Feedback | None = None,
    now: dt.datetime | None = None,
) -> Feedback:
    """Record a new item; raises FeedbackRefused (nothing written) when a check fails."""
    problems = [
        p
        for p in (
            dossier_problem(unit, dossier_code),
            received_problem(received_at, now or timezone.now()),
            None if text.strip() else "Chưa có nội dung phản ánh.",
            None
            if channel in FeedbackChannel.values
            else f"Kênh tiếp nhận không hợp lệ: {channel!r}.",
            None
            if category in ("", *FeedbackCategory.values)
            else f"Phân loại không hợp lệ: {category!r}.",
        )
        if p
    ]
    if problems:
        raise FeedbackRefused(" ".join(problems))
    contact = contact or ContactData()
    dates = dates_for(received_at)
    suggestion = suggest(text)
    with transaction.atomic():
        item = Feedback.objects.create(
            code=code.strip() or f"tmp-{uuid.uuid4().hex}",
            unit=unit,
            dossier_code=dossier_code.strip(),
            channel=channel,
            text=text.strip(),
            received_at=local(received_at),
            deemed_receipt_on=dates.deemed_receipt,
            due_on=dates.due,
            received_by=user if isinstance(user, User) else None,
            category=category,
            suggested_category=suggestion.category if suggestion else "",
            suggested_confidence=suggestion.confidence if suggestion else None,
            citizen_pseudonym=contact.pseudonym(),
            previous=previous,
        )
        if not code.strip():
            item.code = f"PA-{local(item.received_at).year}-{item.pk:06d}"
            item.save(update_fields=["code"])
        FeedbackContact.objects.create(
            feedback=item, name=contact.name, phone=contact.phone, id_number=contact.id_number
        )
        record_change(user, "feedback.receive", item, None, snapshot(item))
    return item


def earlier_from_same_citizen(item: Feedback) -> list[Feedback]:
    """Earlier items of the same citizen (matched by pseudonym), newest first."""
    if not item.citizen_pseudonym:
        return []
    return list(
        Feedback.objects.filter(
            citizen_pseudonym=item.citizen_pseudonym, received_at__lt=item.received_at
        )
        .exclude(pk=item.pk)
        .select_related("unit")
        .order_by("-received_at")[:10]
    )
